"""Stage 3: compose pages from the checked HTML fragments (nothing is parsed again)."""
