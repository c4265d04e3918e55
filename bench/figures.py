"""Same figures: a snapshot of everything fogofwar computes on the shared data, and a diff.

A refactor must leave every figure unchanged. This script records two things:

  * ``records``: for each corpus (the seeds, the bundled examples, our conflict set, ISAF dev,
    the first N MUC-4 and GVA dev documents) one fingerprint per article of its extraction
    (mentions, claims, actors, places, dates) and one per event of the linked, reconciled
    events. A difference names the article or event, so a regression is found in seconds.
  * ``evals`` (with ``--evals``): the JSON of ``fogofwar eval isaf|muc4|gva|conflict`` on dev.

Usage:

    .venv/bin/python bench/figures.py --out /tmp/before.json [--evals]
    .venv/bin/python bench/figures.py --out /tmp/after.json --compare /tmp/before.json

Exit status 1 when ``--compare`` finds a difference. Corpora missing from ../shared are skipped
with a line saying so.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = SHARED / "eval" / "dev"


def _plain(value: Any) -> Any:
    """A JSON-able copy of a record: dataclasses as dicts, dates as ISO strings, sets sorted."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value") and hasattr(value, "name"):  # enums
        return value.value
    return value


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(_plain(value), sort_keys=True, default=str).encode()).hexdigest()[:16]


def _read(path: Path) -> list[Any]:
    from fogofwar.ingest import read_inputs
    from fogofwar.model import Article
    from fogofwar.settings import Settings

    return [a for a in read_inputs([str(path)], settings=Settings()) if isinstance(a, Article)]


def _seeds() -> list[Any]:
    return _read(SHARED / "seeds")


def _examples() -> list[Any]:
    return _read(REPO / "examples")


def _conflict() -> list[Any]:
    from fogofwar.eval.conflict import conflict_articles, load_conflict

    return conflict_articles(load_conflict(REPO / "evaldata" / "conflict").reports)[0]


def _isaf() -> list[Any]:
    from fogofwar.eval.isaf import isaf_article, load_isaf

    return [isaf_article(item) for item in load_isaf(DEV / "isaf")]


def _muc4(limit: int) -> Callable[[], list[Any]]:
    def load() -> list[Any]:
        from fogofwar.eval.muc4 import load_muc4, muc4_article

        return [muc4_article(item) for item in load_muc4(DEV / "muc4", limit=limit)]

    return load


def _gva(limit: int) -> Callable[[], list[Any]]:
    def load() -> list[Any]:
        from fogofwar.eval.gva import gva_articles, load_documents

        return gva_articles(load_documents(DEV / "gva", limit=limit))[0]

    return load


def corpora(limit: int) -> dict[str, tuple[Path, Callable[[], list[Any]]]]:
    """Corpus name -> (the path it needs, its loader)."""
    return {
        "seeds": (SHARED / "seeds", _seeds),
        "examples": (REPO / "examples", _examples),
        "conflict": (REPO / "evaldata" / "conflict", _conflict),
        "isaf": (DEV / "isaf", _isaf),
        "muc4": (DEV / "muc4", _muc4(limit)),
        "gva": (DEV / "gva", _gva(limit)),
    }


def records(limit: int, processes: int) -> dict[str, dict[str, str]]:
    """Per corpus: article id -> extraction fingerprint, and event key -> event fingerprint."""
    from fogofwar.pipeline import Pipeline
    from fogofwar.settings import Settings

    pipeline = Pipeline(Settings(n_process=processes))
    out: dict[str, dict[str, str]] = {}
    for name, (path, load) in corpora(limit).items():
        if not path.exists():
            print(f"{name}: skipped, {path} not present", file=sys.stderr)
            continue
        started = time.perf_counter()
        articles = load()
        result = pipeline.run(articles)
        prints = {f"article {e.article_id}": _digest(e) for e in result.extractions}
        prints.update({f"copy {a.id}": str(a.duplicate_of) for a in result.articles if a.duplicate_of})
        for event in result.events:
            # Event ids come from their contents; key by the sorted mention ids so that a changed
            # event shows as changed, not as one gone and one new.
            key = "event " + _digest(sorted(event.mention_ids))
            prints[key] = _digest(event)
        out[name] = prints
        took = time.perf_counter() - started
        print(f"{name}: {len(articles)} articles, {len(result.events)} events, {took:.0f} s", file=sys.stderr)
    return out


def evals(processes: int) -> dict[str, Any]:
    """``fogofwar eval NAME DIR --json`` for each corpus present; name -> its JSON."""
    runs = {
        "isaf": DEV / "isaf",
        "muc4": DEV / "muc4",
        "gva": DEV / "gva",
        "conflict": REPO / "evaldata" / "conflict",
    }
    out = {}
    for name, path in runs.items():
        if not path.exists():
            print(f"eval {name}: skipped, {path} not present", file=sys.stderr)
            continue
        started = time.perf_counter()
        fogofwar = str(Path(sys.executable).with_name("fogofwar"))
        cmd = [fogofwar, "-q", "-j", str(processes), "eval", name, str(path), "--json"]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO)
        out[name] = json.loads(done.stdout)
        print(f"eval {name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return out


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Lines naming every difference between two snapshots (empty when they agree)."""
    lines = []
    for section in ("records", "evals"):
        a, b = old.get(section) or {}, new.get(section) or {}
        for corpus in sorted(set(a) & set(b)):
            if a[corpus] == b[corpus]:
                continue
            if section == "evals":
                lines.append(f"eval {corpus}: {json.dumps(a[corpus], sort_keys=True)}")
                lines.append(f"   now {corpus}: {json.dumps(b[corpus], sort_keys=True)}")
                continue
            for key in sorted(set(a[corpus]) | set(b[corpus])):
                if a[corpus].get(key) != b[corpus].get(key):
                    lines.append(f"{corpus}: {key}: {a[corpus].get(key)} -> {b[corpus].get(key)}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True, help="write the snapshot here (JSON)")
    parser.add_argument("--compare", type=Path, help="an earlier snapshot to diff against")
    parser.add_argument("--evals", action="store_true", help="also run every fogofwar eval on dev")
    parser.add_argument("--limit", type=int, default=400, help="MUC-4 and GVA documents fingerprinted")
    parser.add_argument("-j", "--processes", type=int, default=2)
    args = parser.parse_args(argv)
    snapshot: dict[str, Any] = {"records": records(args.limit, args.processes)}
    if args.evals:
        snapshot["evals"] = evals(args.processes)
    args.out.write_text(json.dumps(snapshot, indent=1, sort_keys=True), encoding="utf-8")
    if args.compare is None:
        return 0
    lines = compare(json.loads(args.compare.read_text(encoding="utf-8")), snapshot)
    for line in lines:
        print(line)
    print(f"{len(lines)} differences" if lines else "same figures")
    return 1 if lines else 0


if __name__ == "__main__":
    raise SystemExit(main())
