"""The export vocabularies: ``resources/export_*.json``, each loaded once and read-only.

Every table the exporters and the situation report use (regions, country names, disorder
types, precision scales, outlet lists, report phrases) lives in those files; the ``about``
field of each says what it holds and why. Nothing here is mutable: the loaders return
frozen records of tuples and read-only mappings.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar

from fogofwar.resources import load_json

_V = TypeVar("_V")


def _frozen(mapping: dict[str, Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType(dict(mapping))


# How a resource's JSON value becomes a field of the type declared (the annotation's outer name).
_CONVERT: Mapping[str, Callable[[Any], Any]] = MappingProxyType(
    {
        "MappingProxyType": _frozen,
        "frozenset": frozenset,
        "tuple": tuple,
        "int": int,
        "float": float,
        "str": lambda value: value,
    }
)


def _vocab(cls: type[_V], raw: Mapping[str, Any], **computed: Any) -> _V:
    """A vocabulary record from its resource: each field not in ``computed`` is the JSON member of its
    name, converted by the field's declared type (object -> read-only mapping, list -> frozenset or
    tuple, number -> int or float)."""
    values = dict(computed)
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.name not in values:
            values[field.name] = _CONVERT[str(field.type).split("[")[0]](raw[field.name])
    return cls(**values)


@dataclass(frozen=True)
class Regions:
    """ISO2 -> ACLED region, ACLED's country names, codes pycountry lacks, other names people type."""

    region_of: MappingProxyType[str, str]
    names: MappingProxyType[str, str]
    extra: MappingProxyType[str, MappingProxyType[str, Any]]
    aliases: MappingProxyType[str, str]  # case-folded name -> ISO2


@dataclass(frozen=True)
class AcledVocab:
    """Disorder types, precision caps, tag texts and formats of the ACLED export."""

    disorder_types: MappingProxyType[str, str]
    by_sub_event_type: MappingProxyType[str, str]
    civilian_event_types: frozenset[str]
    civilian_disorders: frozenset[str]
    max_time_precision: int
    max_geo_precision: int
    tags: MappingProxyType[str, str]
    date_format: str
    id_digits: int
    list_separator: str


@dataclass(frozen=True)
class UcdpVocab:
    """Precision scales, violence types and separators of the UCDP GED export."""

    where_prec: MappingProxyType[int, int]
    where_prec_by_feature: MappingProxyType[str, int]
    date_prec_by_span: tuple[tuple[int, int], ...]  # (max_days, date_prec), ascending
    date_prec_longer: int
    date_prec: MappingProxyType[int, int]
    one_sided_event_types: frozenset[str]
    state_kinds: frozenset[str]
    state_inter: frozenset[int]
    civilians_side: str
    list_separator: str
    organised_event_types: frozenset[str]
    one_sided_sub_event_types: frozenset[str]
    min_deaths: int
    clarity_max_days: int
    clarity_max_date_precision: int
    region_by_acled_region: MappingProxyType[str, str]
    region_by_country: MappingProxyType[str, str]
    priogrid_degrees: float
    dyad_separator: str


@dataclass(frozen=True)
class OutletVocab:
    """ACLED's source_scale lists and order (keys case-folded). The outlets' names (one name per
    outlet, the resource's "outlets") are ``fogofwar.outlets.outlet_table``."""

    order: tuple[str, ...]
    unclassified: str
    international: frozenset[str]
    international_hosts: tuple[str, ...]
    new_media: frozenset[str]
    new_media_hosts: tuple[str, ...]
    tld_countries: MappingProxyType[str, str]


@functools.cache
def regions() -> Regions:
    """``resources/export_regions.json``, loaded once."""
    raw = load_json("export_regions.json")
    region_of = {code: region for region, codes in raw["regions"].items() for code in codes}
    extra = {code: _frozen(info) for code, info in raw.get("extra", {}).items()}
    aliases = {name.casefold(): code for name, code in raw.get("aliases", {}).items()}
    return Regions(_frozen(region_of), _frozen(raw.get("names", {})), _frozen(extra), _frozen(aliases))


@functools.cache
def acled_vocab() -> AcledVocab:
    """``resources/export_acled.json``, loaded once."""
    raw = load_json("export_acled.json")
    return _vocab(AcledVocab, raw)


@functools.cache
def ucdp_vocab() -> UcdpVocab:
    """``resources/export_ucdp.json``, loaded once."""
    raw = load_json("export_ucdp.json")
    spans = sorted((int(row["max_days"]), int(row["date_prec"])) for row in raw["date_prec_by_span"])
    return _vocab(
        UcdpVocab,
        raw,
        where_prec=MappingProxyType({int(k): int(v) for k, v in raw["where_prec"].items()}),
        where_prec_by_feature=_frozen(raw.get("where_prec_by_feature", {})),
        date_prec_by_span=tuple(spans),
        date_prec=MappingProxyType({int(k): int(v) for k, v in raw["date_prec"].items()}),
        state_inter=frozenset(int(v) for v in raw["state_inter"]),
        clarity_max_days=int(raw["low_clarity"]["max_days"]),
        clarity_max_date_precision=int(raw["low_clarity"]["max_date_precision"]),
    )


@functools.cache
def outlet_vocab() -> OutletVocab:
    """``resources/export_outlets.json``, loaded once."""
    raw = load_json("export_outlets.json")
    return _vocab(
        OutletVocab,
        raw,
        international=frozenset(name.casefold() for name in raw["international"]),
        international_hosts=tuple(host.casefold() for host in raw["international_hosts"]),
        new_media=frozenset(name.casefold() for name in raw["new_media"]),
        new_media_hosts=tuple(host.casefold() for host in raw["new_media_hosts"]),
        tld_countries=_frozen({k.casefold(): v for k, v in raw.get("tld_countries", {}).items()}),
    )


@dataclass(frozen=True)
class ReportVocab:
    """Phrases of the situation report (``resources/export_report.json``)."""

    leads: MappingProxyType[str, MappingProxyType[str, str]]
    default: MappingProxyType[str, str]
    definite_heads: frozenset[str]
    stance_verbs: MappingProxyType[str, str]
    attributions: MappingProxyType[str, str]
    outcome_nouns: MappingProxyType[str, str]
    victim_labels: MappingProxyType[str, str]
    victim_phrases: MappingProxyType[str, str]
    qualifiers: MappingProxyType[str, str]
    sentences: MappingProxyType[str, str]
    months: tuple[str, ...]


@functools.cache
def report_vocab() -> ReportVocab:
    """``resources/export_report.json``, loaded once."""
    raw = load_json("export_report.json")
    return _vocab(ReportVocab, raw, leads=_frozen({k: _frozen(v) for k, v in raw["leads"].items()}))
