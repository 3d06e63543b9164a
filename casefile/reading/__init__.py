"""Stage 1, reading: strict YAML (load), the one schema of every file (schema), validation
against it (validate), the parse cache (cache) and the incremental check (quickcheck)."""
