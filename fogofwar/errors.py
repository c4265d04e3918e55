"""fogofwar's error catalogue: every user-facing message with a code and a remedy.

Library code raises the small typed exceptions below; ``cli`` and ``api`` translate them
into exit codes and HTTP statuses. Messages are templates filled with ``.format``.
"""

from __future__ import annotations


class Messages:
    """Message templates, prefixed with their code when formatted by :func:`message`."""

    E001 = "not found: {input}"
    E002 = "unreadable: {input} ({detail})"
    E003 = "empty file: {input}"
    E004 = "binary file, not text: {input}"
    E005 = "file too large: {input} ({size} bytes > limit {limit}); raise --max-bytes to read it"
    E006 = "undecodable text: {input} (not UTF-8 and no charset detected)"
    E007 = "broken JSON on line {line}: {input} ({detail})"
    E008 = "JSON line {line} has no text: {input}"
    E009 = "HTML without extractable article text: {input}"
    E010 = "not a readable feed: {input} ({detail})"
    E011 = "not a readable WARC file: {input} ({detail})"
    E012 = "unknown input format: {input}"
    E013 = "no text after removing headers: {input}"
    E014 = "feed entry without text: {input}"
    E015 = "unexpected error while reading {input} ({detail}); please report it with the input"
    E016 = "JSON file holds no articles: {input} (expected an object with a text field, or a list of them)"
    E017 = "JSON item {item} is not an object with text: {input}"
    E018 = "too large once decompressed: {input} ({what} inflates past the limit of {limit} bytes; {remedy})"
    E019 = "too large to read: {input} ({what} of {size} bytes > limit {limit}; {remedy})"
    E020 = "unknown export format {format!r}; choose one of: {choices}"
    E021 = "no event with id {id!r}"
    E022 = "no article or event with id {id!r}"
    E023 = "id prefix {id!r} matches {count} records; give more characters ({matches})"
    E024 = "no examples folder at {path}; the demo needs the repository's examples/ (run it from a clone)"
    E025 = "no article with id {id!r}"
    E026 = "cannot write {path}: {detail}"
    E027 = "unknown country {country!r}; give an ISO 3166 alpha-2 code (ML) or a country name (Mali)"
    E028 = "unknown report format {format!r}; choose one of: {choices}"
    E029 = "cannot read the resource {path}: {detail}; reinstall fogofwar"
    E030 = "database schema version {found} is newer than this fogofwar ({known}); upgrade fogofwar"
    E031 = "not a fogofwar database: {path} ({detail})"
    E032 = "cannot open database {path}: {detail}"
    E033 = "database migration {version} is {found!r}, this fogofwar calls it {expected!r}; wrong database?"
    E034 = "database {path} stayed locked by another writer for {seconds} s; is an ingest still running?"
    E040 = "the spaCy model {model!r} is not installed; run `make install` (it is pinned in requirements)"
    E041 = (
        "cannot reach the Dask scheduler {address!r}: {detail}; start one with `dask scheduler` "
        "(it prints its tcp:// address), or leave out --scheduler / FOGOFWAR_SCHEDULER"
    )
    E042 = (
        "the Dask cluster at {address} has no workers after {seconds} s; start one with "
        "`dask worker {address}`"
    )
    E045 = "extraction failed: {input} (article {id}: {detail}); the article was not stored, please report it"
    E050 = "evaluation data not found in {path}: expected {expected}"
    E051 = "evaluation {name!r} is not available in this build ({detail})"
    E060 = "cannot read the actor registry {path}: {detail}"
    E061 = "bad actor registry entry {name!r}: {detail}"
    E070 = "invalid correction: {detail}"
    E071 = (
        "writes are disabled on this server: restart `fogofwar serve` with FOGOFWAR_TOKEN set to a secret, "
        "then send it as `Authorization: Bearer <token>`"
    )
    E072 = "missing or wrong token: send `Authorization: Bearer <token>` with the server's FOGOFWAR_TOKEN"
    E073 = "{feature} is not available in this build ({detail})"


def message(code: str, **fields: object) -> str:
    """Return the catalogue message ``code`` filled with ``fields``, prefixed ``[code]``."""
    template: str = getattr(Messages, code)
    return f"[{code}] " + template.format(**fields)


class FogofwarError(Exception):
    """Base of fogofwar's exceptions; ``code`` names the catalogue entry."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(message(code, **fields))


class InputRejected(FogofwarError):
    """An input (file, URL, line) could not be read as articles."""


class NotFound(FogofwarError):
    """A requested record does not exist."""


class SchemaError(FogofwarError):
    """The database cannot be used by this version."""


class ConfigError(FogofwarError):
    """Settings or resources are missing or inconsistent."""
