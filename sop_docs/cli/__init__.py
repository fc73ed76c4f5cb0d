"""The `sop-docs` command line: the only place that turns diagnostics into exit codes."""
