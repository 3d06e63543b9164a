"""The command line: casefile check, new, init, schema, links, generate (cli, scaffold, init)."""
