"""Benchmark of the JSON API: latency of a page of events as the database grows, and throughput
under concurrent clients.

Builds two databases of synthetic records (60 and 600 articles), written straight into the
store, not run through the pipeline, so the build takes seconds: each article is a short report
made from templates in our own words (a place, a date, two actors, two casualty claims with
their evidence quoted from the text); articles are grouped into events of one to three reports,
each event's figures reconciled by the server's rule. Then it serves each database with uvicorn
in a child process on 127.0.0.1 (loopback only; a free port chosen by the system) and measures:

- p50 latency of ``GET /api/events?limit=50`` from one client (REQUESTS_SEQUENTIAL requests),
  on each database, and their ratio (600 / 60; target <= 1.5);
- requests/s, p50 and p99 latency with CLIENTS concurrent clients over REQUESTS_CONCURRENT
  requests (the same endpoint) on the 600-article database (targets: >= 100/s, p99 <= 1 s, no errors).

Bounded: fixed request counts, and every request times out after 10 s.

Usage: ``.venv/bin/python bench/api.py [--json]``
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from fogofwar.corrections import refresh_corrected_events
from fogofwar.model import (
    Actor,
    ActorRole,
    Article,
    Claim,
    Event,
    Extraction,
    Mention,
    Place,
    Span,
    record_id,
)
from fogofwar.reconcile import reconcile
from fogofwar.settings import Settings
from fogofwar.store import Store

SIZES = (60, 600)
REQUESTS_SEQUENTIAL = 200
REQUESTS_CONCURRENT = 2000
CLIENTS = 16
PATH = "/api/events?limit=50"
TIMEOUT_S = 10.0

PLACES = [
    ("Kidal", 18.44, 1.41, "Kidal", "ML"),
    ("Gao", 16.27, -0.04, "Gao", "ML"),
    ("Menaka", 15.92, 2.40, "Menaka", "ML"),
    ("Djibo", 14.10, -1.63, "Sahel", "BF"),
    ("Dori", 14.03, -0.03, "Sahel", "BF"),
    ("El Fasher", 13.63, 25.35, "North Darfur", "SD"),
    ("Bara", 13.70, 30.37, "North Kordofan", "SD"),
    ("Diffa", 13.32, 12.61, "Diffa", "NE"),
]
SIDES = [
    (
        Actor("Malian Armed Forces", ("FAMa",), "state_forces", 1, "ML"),
        Actor("CSP-PSD", (), "rebel_group", 2, "ML"),
    ),
    (
        Actor("Burkina Faso Army", (), "state_forces", 1, "BF"),
        Actor("JNIM", ("GSIM",), "rebel_group", 2, "BF"),
    ),
    (
        Actor("Sudanese Armed Forces", ("SAF",), "state_forces", 1, "SD"),
        Actor("Rapid Support Forces", ("RSF",), "rebel_group", 2, "SD"),
    ),
    (
        Actor("Niger Armed Forces", (), "state_forces", 1, "NE"),
        Actor("Boko Haram", (), "rebel_group", 2, "NE"),
    ),
]
OUTLETS = ["Sahel Wire", "Frontline Digest", "Northline", "Desert Courier", "Nile Observer"]
TEMPLATE = (
    "{place}, {day} -- Fighting broke out on {weekday} near {place} between {a} and {b}, "
    "residents told reporters. {a_name} said {a_fig} of its soldiers were killed in the clashes. "
    "{b_name} claimed that {b_fig} soldiers died and that it had taken several vehicles. "
    "Aid workers said the road to the town remained closed and families had fled to nearby villages."
)


def synthetic(
    n_articles: int, *, rule: str, seed: int = 7
) -> tuple[list[Article], list[Extraction], list[Event]]:
    """``n_articles`` synthetic reports, their extractions and events (see the module docstring)."""
    rng = random.Random(seed)
    articles: list[Article] = []
    extractions: list[Extraction] = []
    events: list[Event] = []
    i = 0
    while i < n_articles:
        group = min(rng.randint(1, 3), n_articles - i)
        name, lat, lon, admin1, country = rng.choice(PLACES)
        side_a, side_b = next(s for s in SIDES if s[0].country == country)
        place = Place(name, lat, lon, admin1, country)
        day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 360))
        actors = (ActorRole(side_a, "side_a"), ActorRole(side_b, "side_b"))
        members: list[tuple[Article, Mention, list[Claim]]] = []
        for k in range(group):
            a_fig, b_fig = rng.randint(1, 30), rng.randint(5, 90)
            text = TEMPLATE.format(
                place=name.upper(),
                day=day.strftime("%d %B %Y"),
                weekday=day.strftime("%A"),
                a=side_a.name,
                b=side_b.name,
                a_name=side_a.name,
                b_name=side_b.name,
                a_fig=a_fig,
                b_fig=b_fig,
            ).replace(f"{name.upper()}, ", f"{name.upper()} ({OUTLETS[(i + k) % len(OUTLETS)]} {i + k}), ", 1)
            article = Article(
                id=record_id("bench-article", text),
                text=text,
                title=f"Clashes near {name} ({i + k})",
                source=OUTLETS[(i + k) % len(OUTLETS)],
                url=f"https://example.org/bench/{i + k}",
                published=day + timedelta(days=k),
            )
            sentence_start = text.index("Fighting")
            sentence_end = text.index(".", sentence_start) + 1
            mention = Mention(
                id=record_id("bench-mention", article.id),
                article_id=article.id,
                sentence=Span(sentence_start, sentence_end, text[sentence_start:sentence_end]),
                trigger="Fighting",
                event_type="Battles",
                sub_event_type="Armed clash",
                date_start=day,
                date_precision=1,
                place=place,
                actors=actors,
            )
            claims = []
            for claimant, kind, phrase, figure in (
                (side_a.name, "state_forces", f"{a_fig} of its soldiers were killed", a_fig),
                (side_b.name, "rebel_group", f"{b_fig} soldiers died", b_fig),
            ):
                start = text.index(phrase)
                claims.append(
                    Claim(
                        id=record_id("bench-claim", article.id, phrase),
                        article_id=article.id,
                        claimant=claimant,
                        victims=side_a.name,
                        outcome="killed",
                        evidence=Span(start, start + len(phrase), phrase),
                        mention_id=mention.id,
                        stance="admits" if claimant == side_a.name else "claims",
                        claim_date=article.published,
                        figure=figure,
                        low=figure,
                        high=figure,
                        claimant_kind=kind,
                    )
                )
            members.append((article, mention, claims))
        for article, mention, claims in members:
            articles.append(article)
            extractions.append(Extraction(article.id, (mention,), tuple(claims)))
        claims = tuple(c for _, _, cs in members for c in cs)
        events.append(
            Event(
                id=record_id("bench-event", *(a.id for a, _, _ in members)),
                event_type="Battles",
                sub_event_type="Armed clash",
                start=day,
                end=day,
                date_precision=1,
                place=place,
                actors=actors,
                mention_ids=tuple(m.id for _, m, _ in members),
                article_ids=tuple(a.id for a, _, _ in members),
                claims=claims,
                reconciled=tuple(reconcile(claims, rule=rule)),
                first_reported=min(a.published for a, _, _ in members),  # type: ignore[type-var]
                last_updated=max(a.published for a, _, _ in members),  # type: ignore[type-var]
                sources=len({a.source for a, _, _ in members}),
            )
        )
        i += group
    return articles, extractions, events


def build(path: Path, n_articles: int, *, rule: str) -> int:
    """Write the synthetic database of ``n_articles`` at ``path``; returns its number of events."""
    articles, extractions, events = synthetic(n_articles, rule=rule)
    with Store.open(path) as store, store.writing():
        store.add_articles(articles)
        store.save_extractions(extractions)
        store.replace_events(events)
        refresh_corrected_events(store, rule=rule)
    return len(events)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(db: Path, port: int) -> None:
    """Run the app over ``db`` on 127.0.0.1:``port`` (the child process)."""
    import uvicorn

    from fogofwar.api import create_app

    app = create_app(Settings.from_env().with_(db_path=db), environ={})
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    child = subprocess.Popen([sys.executable, __file__, "--serve", str(db), str(port)])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return child, base
        except OSError:
            time.sleep(0.1)
    child.kill()
    raise RuntimeError("the server did not start within 30 s")


async def _run(base: str, *, total: int, clients: int) -> tuple[list[float], int, float]:
    """``total`` GETs of PATH over ``clients`` connections; (latencies in s, errors, wall time)."""
    import httpx

    latencies: list[float] = []
    errors = 0
    remaining = total
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=TIMEOUT_S) as client:
        await client.get(PATH)  # warm up: connections, the server's first rebuild check

        async def worker() -> None:
            nonlocal remaining, errors
            while remaining > 0:
                remaining -= 1
                began = time.perf_counter()
                try:
                    response = await client.get(PATH)
                    if response.status_code != 200 or not response.content.startswith(b'{"total"'):
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - began)

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - began
    return latencies, errors, wall


def measure(db: Path, *, total: int, clients: int) -> dict[str, float]:
    child, base = start_server(db)
    try:
        latencies, errors, wall = asyncio.run(_run(base, total=total, clients=clients))
    finally:
        child.terminate()
        child.wait(10)
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "errors": errors,
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
        "requests_per_s": round(len(latencies) / wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--serve", nargs=2, metavar=("DB", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(Path(args.serve[0]), int(args.serve[1]))
        return
    rule = Settings.from_env().reconcile_rule
    results: dict[str, object] = {"path": PATH, "rule": rule}
    with tempfile.TemporaryDirectory(prefix="fogofwar-bench-api-") as tmp:
        dbs = {}
        for size in SIZES:
            began = time.perf_counter()
            dbs[size] = Path(tmp) / f"bench-{size}.db"
            events = build(dbs[size], size, rule=rule)
            results[f"db_{size}"] = {
                "articles": size,
                "events": events,
                "build_s": round(time.perf_counter() - began, 2),
                "size_kib": os.path.getsize(dbs[size]) // 1024,
            }
        for size in SIZES:
            results[f"sequential_{size}"] = measure(dbs[size], total=REQUESTS_SEQUENTIAL, clients=1)
        small, large = results[f"sequential_{SIZES[0]}"], results[f"sequential_{SIZES[1]}"]
        results["p50_ratio"] = round(large["p50_ms"] / small["p50_ms"], 2)  # type: ignore[index]
        results[f"concurrent_{SIZES[1]}"] = measure(dbs[SIZES[1]], total=REQUESTS_CONCURRENT, clients=CLIENTS)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for key, value in results.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
