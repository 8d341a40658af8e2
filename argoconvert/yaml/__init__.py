"""YAML and JSON manifests: libyaml's events to nodes with exact offsets (tree), nodes to data
as Kubernetes reads it (values), changes to text edits in the file's own style (edits), the
edited text checked against the declared changes (verify), one text through the rules (run),
and the inputs that need more than one run: large exports item by item (exports, segments),
manifests held in strings (embedded) and Go-templated files (templated)."""
