"""Stage 4: what the build writes beside the pages: exports, permalinks, policy, offline worker."""
