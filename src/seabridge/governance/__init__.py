"""seabridge.governance: planned pillar; see docs/architecture.md."""
