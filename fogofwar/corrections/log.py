"""The corrections log of a store: analysts' corrections, kept as an append-only audit trail
(who, when, what, why). The store keeps the rows (:meth:`Store.add_correction`,
:meth:`Store.corrections`); this module validates records before they are written and reads
rows back as records.

Example::

    with Store.open("fogofwar.db") as store:
        CorrectionLog(store).add(Correction("reject_claim", "ana", "misread figure", claim_id="8218..."))
        events = read_events(store).events
"""

from __future__ import annotations

import logging

from fogofwar.corrections.record import Correction, validate_correction
from fogofwar.store import Store
from fogofwar.store.corrections import CorrectionRow

log = logging.getLogger(__name__)


class CorrectionLog:
    """The corrections of an open :class:`Store`, as ``Correction`` records."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, correction: Correction) -> Correction:
        """Validate and append ``correction`` in one transaction; returns it with its ``id`` and ``at``.

        Raises CorrectionInvalid (E070) when it is malformed. Its targets are not checked here:
        they may come and go as the pipeline re-runs (see :func:`fogofwar.corrections.correct`).
        """
        validate_correction(correction)
        # id and at live in their columns only; data holds the rest of the record.
        data = {k: v for k, v in correction.to_dict().items() if k not in ("id", "at")}
        stored = _record(self._store.add_correction(data))
        log.info("correction %s stored: %s by %s", stored.id, stored.kind, stored.author)
        return stored

    def all(self) -> list[Correction]:
        """Every correction, oldest first."""
        return [_record(row) for row in self._store.corrections()]

    def get(self, id: int) -> Correction | None:
        """The correction ``id``, or None (also for an id no SQLite integer can hold)."""
        found = self._store.corrections(id)
        return _record(found[0]) if found else None


def _record(row: CorrectionRow) -> Correction:
    return Correction.from_dict({**row.data, "id": row.id, "at": row.at})


__all__ = ["CorrectionLog"]
