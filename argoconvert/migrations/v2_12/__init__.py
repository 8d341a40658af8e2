"""Rules for Argo Workflows v2.12, which stopped reading fields it made the default."""
