"""Where seabridge keeps its state and keys, from the environment (``SEABRIDGE_*``), in one place.

Every pillar asks these settings rather than reading the environment itself, so a deployment moves its
state (``SEABRIDGE_HOME``) or points at a key file kept elsewhere (``SEABRIDGE_MASTER_KEY_FILE``, e.g. on
an encrypted volume or a secrets mount) in one variable. Secret values are ``SecretStr``: they never print.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """seabridge's settings; each field reads ``SEABRIDGE_<FIELD>`` (e.g. ``SEABRIDGE_HOME``)."""

    model_config = SettingsConfigDict(env_prefix="SEABRIDGE_", frozen=True)

    home: Path = Path.home() / ".seabridge"
    # The master key wrapping data keys and deriving the PII hashing/encryption keys: a file holding it,
    # or (for containers) the key itself, base64, in SEABRIDGE_MASTER_KEY, which wins over the file.
    master_key_file: Path | None = None
    master_key: SecretStr | None = None
    # The Ed25519 key that signs audit checkpoints, and the audit log's folder.
    audit_signing_key_file: Path | None = None
    audit_dir: Path | None = None
    # A folder of transfer-policy YAML files replacing the built-in ones.
    policy_dir: Path | None = None

    @property
    def keys_dir(self) -> Path:
        return self.home / "keys"

    def master_key_path(self) -> Path:
        return self.master_key_file or self.keys_dir / "master.key"

    def audit_signing_key_path(self) -> Path:
        return self.audit_signing_key_file or self.keys_dir / "audit-signing.key"

    def audit_path(self) -> Path:
        return self.audit_dir or self.home / "audit"


def get_settings() -> Settings:
    """Settings read from the environment now (not cached: tests and CLI runs change the environment)."""
    return Settings()
