"""Rules for Argo Workflows v4.0, which stopped reading the singular forms (new forms since v3.6)."""
