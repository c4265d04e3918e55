"""Country codes, ACLED names and regions; every ISO 3166 country has a region."""

from __future__ import annotations

import pycountry
import pytest

from fogofwar.export.countries import country_info, resolve_country
from fogofwar.export.vocab import regions


def test_export_countries_every_code_has_a_region() -> None:
    table = regions()
    missing = [c.alpha_2 for c in pycountry.countries if c.alpha_2 not in table.region_of]
    assert missing == []


@pytest.mark.parametrize(
    ("code", "alpha_3", "numeric", "name", "region"),
    [
        ("ML", "MLI", 466, "Mali", "Western Africa"),
        ("bf", "BFA", 854, "Burkina Faso", "Western Africa"),
        ("SD", "SDN", 729, "Sudan", "Northern Africa"),
        ("CD", "COD", 180, "Democratic Republic of Congo", "Middle Africa"),
        ("RU", "RUS", 643, "Russia", "Europe"),
        ("UA", "UKR", 804, "Ukraine", "Europe"),
        ("PS", "PSE", 275, "Palestine", "Middle East"),
        ("IR", "IRN", 364, "Iran", "Middle East"),
        ("AM", "ARM", 51, "Armenia", "Caucasus and Central Asia"),
        ("MM", "MMR", 104, "Myanmar", "Southeast Asia"),
        ("AF", "AFG", 4, "Afghanistan", "South Asia"),
        ("MX", "MEX", 484, "Mexico", "Central America"),
        ("XK", "XKX", 0, "Kosovo", "Europe"),
    ],
)
def test_export_countries_info(code: str, alpha_3: str, numeric: int, name: str, region: str) -> None:
    info = country_info(code)
    assert info is not None
    assert (info.alpha_3, info.numeric, info.name, info.region) == (alpha_3, numeric, name, region)


@pytest.mark.parametrize("code", [None, "", "ZZ", "Mali"])
def test_export_countries_unknown_code(code: str | None) -> None:
    assert country_info(code) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ML", "ML"),
        ("ml", "ML"),
        ("MLI", "ML"),
        ("Mali", "ML"),
        ("Russia", "RU"),
        ("DR Congo", "CD"),
        ("Democratic Republic of Congo", "CD"),
        ("Burma", "MM"),
        ("Kosovo", "XK"),
        ("Narnia", None),
        ("  ", None),
    ],
)
def test_export_countries_resolve(text: str, expected: str | None) -> None:
    assert resolve_country(text) == expected
