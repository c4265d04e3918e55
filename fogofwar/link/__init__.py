"""The link stage: duplicate reports (dedup.py) and mentions -> events (cluster.py).

``link_events`` is what ``Pipeline.link`` calls; ``find_copies`` maps syndicated copies to their
originals (the reconcile stage takes that mapping, so a copy's claims count once). The names are
imported on first use, so that ``fogofwar.link.groups`` or ``fogofwar.link.build`` (read by the
corrections) load without numpy, scikit-learn and datasketch.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fogofwar.link.cluster import link_events, reference_dates
    from fogofwar.link.dedup import find_copies

_HOMES = {
    "find_copies": "fogofwar.link.dedup",
    "link_events": "fogofwar.link.cluster",
    "reference_dates": "fogofwar.link.build",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)


__all__ = ["find_copies", "link_events", "reference_dates"]
