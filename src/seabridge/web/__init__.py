"""seabridge.web: planned pillar; see docs/architecture.md."""
