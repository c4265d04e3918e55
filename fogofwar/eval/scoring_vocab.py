"""Vocabularies the evaluation scorers compare with: label sets, spelling variants, cue words.

These are scoring conventions (how a system's output is matched with an evaluation set's
gold vocabulary), not extraction lexicons, so they live with the scorers. Every value is
immutable (tuples, frozensets, read-only mappings).
"""

from __future__ import annotations

from types import MappingProxyType

from fogofwar.model import REPORTER_KINDS

# --- outcomes (fogofwar.model.OUTCOMES) grouped as the evaluation sets count them -----------
KILLED = frozenset({"killed"})
INJURED = frozenset({"injured"})
# ISAF "detained" covers both; a release may say "captured a leader ... detained him".
CAPTURED = frozenset({"captured", "arrested"})

CIVILIANS = "civilians"
UNKNOWN_VICTIMS = "unknown"
# How the extractor names a victim group it could not split between two actors ("A + B").
COMBINED_GROUP_SEPARATOR = " + "
# Actor kinds on the reporting (government / international) side of an ISAF release.
FRIENDLY_KINDS = frozenset({"state_forces", "external"})
# Victim names that are own-side forces when the actor registry does not know their kind.
FRIENDLY_NAME_PATTERN = (
    r"\b(isaf|coalition|nato|international security assistance force|u\.?s\.?|american|british"
    r"|afghan (national )?(army|police|security forces|forces|border police|local police|commandos?)"
    r"|ana|anp|ansf|alp|nds|service ?(member|men)|soldiers?|troops|police(men)?|commandos?)\b"
)
# Claim stances that do not assert the figure.
NON_ASSERTING_STANCES = frozenset({"denies"})

# --- ISAF --------------------------------------------------------------------------------------
ISAF_LABELS = (
    "detention",
    "insurgentskilled",
    "captureandkill",
    "airstrike",
    "exchangeoffire",
    "civiliancasualty",
)
AIR_STRIKE_SUB_EVENTS = frozenset({"Air/drone strike"})
# ISAF target_group labels and the actor names that map to them (regex, matched case-insensitively).
ISAF_TARGET_GROUPS = MappingProxyType(
    {
        "taliban": r"\btaliban\b",
        "haqqani": r"\bhaqqani\b",
        "aq": r"\bal[- ]?qa[e']?i?da\b|\baq\b",
        "hig": r"\bhizb[- ]?[ei][- ]?islami\b|\bhezb[- ]?[ei][- ]?islami\b|\bhig\b",
        "imu": r"\bislamic movement of uzbekistan\b|\bimu\b",
        "let": r"\blashkar[- ]?e?[- ]?taiba\b|\blet\b",
        "ttp": r"\btehrik[- ]?[ei][- ]?taliban\b|\bttp\b",
    }
)
# Afghan province spellings -> the spelling of the ISAF gold (keys and values are letters-only,
# lower-case, without diacritics: see fogofwar.eval.isaf.province_key). Spellings equal to
# the gold's own need no entry.
AFGHAN_PROVINCE_ALIASES = MappingProxyType(
    {
        "paktia": "paktya",
        "paktiya": "paktya",
        "patkya": "paktya",
        "konar": "kunar",
        "kunarh": "kunar",
        "oruzgan": "uruzgan",
        "orozgan": "uruzgan",
        "urozgan": "uruzgan",
        "uruzghan": "uruzgan",
        "maidanwardak": "wardak",
        "maydanwardak": "wardak",
        "wardag": "wardak",
        "sarepol": "sarepul",
        "saripul": "sarepul",
        "saripol": "sarepul",
        "sarpol": "sarepul",
        "nimruz": "nimroz",
        "nimrooz": "nimroz",
        "hilmand": "helmand",
        "qandahar": "kandahar",
        "kandahr": "kandahar",
        "zabol": "zabul",
        "konduz": "kunduz",
        "qunduz": "kunduz",
        "ningarhar": "nangarhar",
        "nangrahar": "nangarhar",
        "hirat": "herat",
        "jowzjan": "jawzjan",
        "jozjan": "jawzjan",
        "bamian": "bamyan",
        "daikundi": "daykundi",
        "daykondi": "daykundi",
        "daikondi": "daykundi",
        "ghowr": "ghor",
        "parvan": "parwan",
        "panjsher": "panjshir",
        "panjshayr": "panjshir",
        "lagman": "laghman",
        "nurestan": "nuristan",
        "khowst": "khost",
        "lowgar": "logar",
        "badgis": "badghis",
        "badghes": "badghis",
        "faryob": "faryab",
        "kabol": "kabul",
    }
)
# Suffixes a gazetteer may append to a province name ("Helmand Province", "Wilayat-e Helmand").
PROVINCE_NAME_NOISE = r"\b(province|wilayat|welayat|velayat)\b"

# --- shared derivation -------------------------------------------------------------------------
# Number words that can precede "more" / "additional" / "other" in an additive phrase
# ("killed three more", "detained four additional suspects").
NUMBER_WORDS = MappingProxyType(
    {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
    }
)
ADDITIVE_WORDS = ("more", "additional", "other", "others", "further")
# Vague amounts that can precede those words ("detained multiple additional suspects").
VAGUE_WORDS = ("several", "multiple", "numerous", "many", "a few", "some", "a number of")

# --- MUC-4 -------------------------------------------------------------------------------------
MUC_MONTHS = MappingProxyType(
    {
        m: i + 1
        for i, m in enumerate(
            ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
        )
    }
)
# "- 21 JAN 89" means "on or before 21 JAN 89" (a weekday reference, or a date defaulted to the
# message date). We accept dates up to this many days before the anchor: enough for "last
# Wednesday" and for a report a few weeks late, not for background events years earlier.
MUC_OPEN_RANGE_DAYS = 31
# Location types that are a populated place: the "city" level of a gold location path.
MUC_POPULATED_TYPES = frozenset(
    {"CITY", "TOWN", "VILLAGE", "HAMLET", "MUNICIPALITY", "PORT", "SUBURB", "COMMUNITY"}
)
# Actor kinds that can be a perpetrator organisation (MUC perpetrators include armies and police).
PERPETRATOR_EXCLUDED_KINDS = REPORTER_KINDS | {"civilians"}
# Registry placeholders for perpetrators the text does not name: not an organisation ID.
UNNAMED_ACTORS = frozenset({"Unidentified Armed Group"})
# Mentions whose side_a is not a perpetrator of violence: demonstrations, and arrests (the
# arresting force). ACLED event types / sub-event types.
PERPETRATOR_EXCLUDED_EVENT_TYPES = frozenset({"Protests", "Riots"})
PERPETRATOR_EXCLUDED_SUB_EVENTS = frozenset({"Arrests"})

__all__ = [
    "ADDITIVE_WORDS",
    "AFGHAN_PROVINCE_ALIASES",
    "AIR_STRIKE_SUB_EVENTS",
    "CAPTURED",
    "CIVILIANS",
    "COMBINED_GROUP_SEPARATOR",
    "FRIENDLY_KINDS",
    "FRIENDLY_NAME_PATTERN",
    "INJURED",
    "ISAF_LABELS",
    "ISAF_TARGET_GROUPS",
    "KILLED",
    "MUC_MONTHS",
    "MUC_OPEN_RANGE_DAYS",
    "MUC_POPULATED_TYPES",
    "NON_ASSERTING_STANCES",
    "NUMBER_WORDS",
    "PERPETRATOR_EXCLUDED_EVENT_TYPES",
    "PERPETRATOR_EXCLUDED_KINDS",
    "PERPETRATOR_EXCLUDED_SUB_EVENTS",
    "PROVINCE_NAME_NOISE",
    "UNKNOWN_VICTIMS",
    "UNNAMED_ACTORS",
    "VAGUE_WORDS",
]
