"""The examples in the governance modules' docstrings run as written (they are what a reader copies)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "seabridge.governance.pii",
    "seabridge.governance.audit",
    "seabridge.governance.crypto",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
