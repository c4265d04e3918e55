"""The link stage: duplicate reports (dedup.py) and mentions -> events (cluster.py).

``link_events`` is what ``Pipeline.link`` calls; ``find_copies`` maps syndicated copies to their
originals (reconcile takes that mapping, so a copy's claims count once).
"""

from fogofwar.link.cluster import link_events, reference_dates
from fogofwar.link.dedup import find_copies

__all__ = ["find_copies", "link_events", "reference_dates"]
