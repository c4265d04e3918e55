"""JSON Lines: one ``Event.to_dict()`` per line, the shape the store, the API and the CLI use."""

from __future__ import annotations

import json
from collections.abc import Sequence

from fogofwar.model import Article, Event


def jsonl_bytes(events: Sequence[Event], articles: Sequence[Article]) -> bytes:
    """Events as UTF-8 JSON Lines, in the order given; ``articles`` are not needed (the records carry ids)."""
    del articles  # same signature as every exporter
    return "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in events).encode("utf-8")
