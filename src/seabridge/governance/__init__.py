"""seabridge.governance: the rules data obeys whenever it crosses a border.

The corpus pipeline, the dispatcher and the web app consult this pillar before data moves: personal-data
detection and redaction (:mod:`seabridge.governance.pii`) today; transfer policy, the audit log and
encryption at rest as they land. Nothing is imported here, so ``import seabridge.governance`` stays cheap;
import the submodule you need.
"""
