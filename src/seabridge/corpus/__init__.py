"""seabridge.corpus: planned pillar; see docs/architecture.md."""
