"""seabridge.annotate: planned pillar; see docs/architecture.md."""
