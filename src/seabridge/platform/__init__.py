"""seabridge.platform: planned pillar; see docs/architecture.md."""
