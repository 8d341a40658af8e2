"""Rules for Argo Workflows v3.7, which stopped reading integer pod priorities."""
