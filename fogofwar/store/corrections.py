"""The corrections log as stored: append-only rows (migration ``0002_corrections``, whose
triggers refuse UPDATE and DELETE), written and read through :meth:`Store.add_correction` and
:meth:`Store.corrections`.

The store keeps corrections and never applies them: :mod:`fogofwar.corrections` turns rows into
``Correction`` records, validates them before they are written (``CorrectionLog``) and applies
them when events are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CorrectionRow:
    """One stored correction: the ``id`` and ``at`` (ISO 8601 UTC) the store gave it, and the rest
    of the record as ``data`` (``Correction.to_dict()`` less ``id`` and ``at``)."""

    id: int
    at: str
    data: dict[str, Any]


__all__ = ["CorrectionRow"]
