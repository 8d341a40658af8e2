"""Rules for Argo Workflows v3.0, which stopped reading fields that v3 manifests still carry."""
