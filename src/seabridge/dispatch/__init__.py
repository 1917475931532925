"""seabridge.dispatch: planned pillar; see docs/architecture.md."""
