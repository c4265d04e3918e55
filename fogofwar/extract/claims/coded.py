"""A dataset coder's note that sets its recorded figure against a source's: "Fatalities coded as
0 (VoJ reported 2)". The note tells whose the report's own figure is: the source in brackets
gave it, and the coder declined it. The report's unattributed claims of that figure become the
source's claims, so that reconciliation weighs the two accounts (``fogofwar.reconcile``) instead
of reading the coder's figure and the source's as one voice. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from fogofwar.extract.actors import ActorRegistry
from fogofwar.model import Claim

# "coded as 0 (VoJ reported 2)", "coded as 1 (VoJ also reported 1-3 fatalities)"
_CODED_AGAINST = re.compile(
    r"\bcoded\s+(?:as|at|to)\s+\d+\s*\(\s*(?P<source>[A-Z][\w' .-]{0,40}?)\s+(?:also\s+)?reported\s+"
    r"(?P<low>\d+)(?:\s*-\s*(?P<high>\d+))?"
)


def sourced_by_coder_note(
    claims: Sequence[Claim], text: str, *, outlet: str, registry: ActorRegistry, country: str | None
) -> list[Claim]:
    """``claims`` with the outlet's own claims of a figure that a coder's note gives to a source
    ("coded as 0 (VoJ reported 2)") attributed to that source (a registry actor when it names
    one). The coder's own claim ("Fatalities coded as 0") stays the outlet's."""
    notes = list(_CODED_AGAINST.finditer(text))
    if not notes:
        return list(claims)
    out = list(claims)
    for note in notes:
        low = int(note["low"])
        high = int(note["high"]) if note["high"] else low
        words = note["source"].strip()
        actor = registry.lookup(words, country=country)
        for k, claim in enumerate(out):
            if (
                claim.claimant != outlet
                or claim.figure is None
                or not low <= claim.figure <= high
                or claim.evidence.start <= note.start() < claim.evidence.end
            ):
                continue
            out[k] = replace(
                claim,
                claimant=actor.name if actor else words,
                claimant_kind=actor.kind if actor else "unknown",
                claimant_words=words,
                stance="claims",
            )
    return out


__all__ = ["sourced_by_coder_note"]
