"""Stage 7, commands: the `planportal` command line, one module per command."""
