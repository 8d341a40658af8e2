"""argoconvert: migrate Argo Workflows v3 manifests to v4 by editing only what must change."""

__version__ = "0.1.0"
