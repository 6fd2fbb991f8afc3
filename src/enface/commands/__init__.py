"""One module per CLI command: each turns parsed options into calls to the stages."""
