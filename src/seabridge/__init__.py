"""seabridge: an open platform for China–ASEAN AI cooperation.

Layers (see docs/architecture.md): ``lang`` and ``platform`` at the bottom, ``governance`` above them,
the pillars' engines (``corpus``, ``dispatch``, ``annotate``) above that, and ``cli`` / ``web`` on top.
"""

__version__ = "0.1.0"
