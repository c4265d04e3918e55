"""Diacritics stripped from text: how names written with and without accents are compared
("Várzea Grande" in the gazetteer, "Varzea Grande" in a report)."""

from __future__ import annotations

import unicodedata


def unaccented(text: str) -> str:
    """``text`` without combining marks after compatibility decomposition ("Ménaka" -> "Menaka",
    "Ḩajjah" -> "Hajjah"); case and everything else are kept.

    >>> unaccented("Várzea Grande"), unaccented("Aḑ Ḑāli‘")
    ('Varzea Grande', 'Ad Dali‘')
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


__all__ = ["unaccented"]
