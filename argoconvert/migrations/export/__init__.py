"""Opt-in rules for cluster exports (`kubectl get -o yaml|json`), not tied to an Argo version."""
