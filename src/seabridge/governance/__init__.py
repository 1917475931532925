"""seabridge.governance: the rules data obeys whenever it crosses a border.

The corpus pipeline, the dispatcher and the web app consult this pillar before data moves:

- :mod:`seabridge.governance.pii`: find personal data (contact data, national IDs of China and the ASEAN
  countries, passports, payment cards, IBANs) in any of the region's scripts, and redact it;
- :mod:`seabridge.governance.classify`: a dataset's level (public ... important) from what was found and
  what its owner declares;
- :mod:`seabridge.governance.transfer`: whether a transfer (or a remote job reading data) is allowed, by
  what mechanism, citing the law; rules are YAML data, one file per jurisdiction;
- :mod:`seabridge.governance.audit`: the tamper-evident Merkle log every decision and access goes into;
- :mod:`seabridge.governance.crypto`: envelope encryption at rest and the master key.

Nothing is imported here, so ``import seabridge.governance`` stays cheap; import the submodule you need.
"""
