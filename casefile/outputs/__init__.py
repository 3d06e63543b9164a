"""Stage 3, outputs: pages (render), open data, feeds and calendars, JSON Schema, the how-to's
examples, and the finished site's hardening, link checks and atomic replacement."""
