"""Country codes, names and ACLED regions for an ISO 3166-1 alpha-2 code (pycountry + resources).

``Place.country`` holds an alpha-2 code; the exports need the alpha-3 code (ACLED
event_id_cnty), the numeric code (ACLED iso), the name as ACLED writes it and its ACLED
region (``resources/export_regions.json``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pycountry

from fogofwar.export.vocab import regions


@dataclass(frozen=True)
class Country:
    """One country as the exports write it."""

    alpha_2: str
    alpha_3: str
    numeric: int
    name: str
    region: str | None


@functools.cache
def country_info(code: str | None) -> Country | None:
    """The :class:`Country` of an alpha-2 code (any case); None when empty or unknown."""
    if not code:
        return None
    code = code.strip().upper()
    table = regions()
    region = table.region_of.get(code)
    if code in table.extra:
        extra = table.extra[code]
        return Country(code, extra["alpha_3"], int(extra["numeric"]), extra["name"], region)
    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        return None
    name = table.names.get(code) or getattr(record, "common_name", None) or record.name
    return Country(code, record.alpha_3, int(record.numeric), name, region)


def resolve_country(text: str) -> str | None:
    """The alpha-2 code for a code (ML, MLI) or a name (Mali, Russia, "Democratic Republic of Congo").

    Names are matched case-insensitively against ACLED's names and the aliases of
    ``resources/export_regions.json`` ("DR Congo", "Burma"), then pycountry's names, official
    and common names. None when nothing matches.
    """
    wanted = text.strip()
    if not wanted:
        return None
    folded = wanted.casefold()
    table = regions()
    if folded in table.aliases:
        return table.aliases[folded]
    for code, name in table.names.items():
        if name.casefold() == folded:
            return code
    for code, info in table.extra.items():
        if folded in (code.casefold(), str(info["alpha_3"]).casefold(), str(info["name"]).casefold()):
            return code
    try:
        record = pycountry.countries.lookup(wanted)
    except LookupError:
        return None
    return str(record.alpha_2)
