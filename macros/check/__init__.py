"""Stage 2: hold the bank to its rules and render every field once to allow-listed HTML."""
