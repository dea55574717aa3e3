"""Stage 1: read questions.yaml into a typed bank (limits, YAML, line numbers)."""
