"""Build examples/reports.warc.gz: a small web archive of invented conflict reports.

Run from the repository root::

    .venv/bin/python examples/make_warc.py

The output is byte-for-byte reproducible (fixed record ids and dates), so the committed
file can be checked against this script. It holds:

* two HTML article pages (HTTP 200), one stating its publication date, one not (its date
  then comes from the WARC-Date),
* an HTML "not found" page (HTTP 404), a robots.txt (text/plain) and a request record,
  which a reader must skip.

All texts were written for fogofwar's examples; outlets and URLs are invented.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUTPUT = Path(__file__).resolve().parent / "reports.warc.gz"

ZAMZAM_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Survivors describe RSF assault on Zamzam camp | Nile Observer</title>
<meta property="og:site_name" content="Nile Observer">
<meta property="og:title" content="Survivors describe RSF assault on Zamzam camp">
<meta name="date" content="2025-04-15">
</head><body>
<div class="menu"><a href="/">Front page</a> <a href="/sudan">Sudan</a></div>
<article>
<h1>Survivors describe RSF assault on Zamzam camp</h1>
<p>TAWILA, Sudan, April 15 (Nile Observer) — People who escaped the Zamzam displacement camp said
Rapid Support Forces fighters entered from the south on Friday, set fire to the market and went from
shelter to shelter for two days.</p>
<p>Sudan's government has said more than 400 people were killed. The United Nations said it
had verified at least 100 deaths, among them nine medical workers, and that the true toll was
probably far higher.</p>
<p>An RSF commander told a local radio station that the group had fought "armed mercenaries" inside
the camp and that no civilians had been targeted. The paramilitary force said it lost four fighters.</p>
<p>Aid workers in Tawila said more than 60,000 people had arrived from the camp since Saturday, many of
them after walking through the night.</p>
</article>
<footer>Nile Observer, written for the fogofwar examples.</footer>
</body></html>
"""

SHABELLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Army and al-Shabaab give clashing accounts of Middle Shabelle battle - Horn Dispatch</title>
<meta property="og:site_name" content="Horn Dispatch">
</head><body>
<nav><a href="/">Horn Dispatch</a></nav>
<article>
<h1>Army and al-Shabaab give clashing accounts of Middle Shabelle battle</h1>
<p>MOGADISHU (Horn Dispatch) — Somalia's army and al-Shabaab gave sharply different accounts on Wednesday
of an overnight battle around two villages in the Middle Shabelle region, north of the capital.</p>
<p>An army spokesman said government troops backed by local clan militias repelled the assault and
killed 43 militants, and that three soldiers died. Al-Shabaab's radio station said its fighters overran
an army base, killed 15 soldiers and took two armed pick-up trucks.</p>
<p>Residents reached by phone said the shooting lasted about four hours and that several houses were
burned. Neither account could be independently verified.</p>
</article>
</body></html>
"""

NOT_FOUND_PAGE = """<!DOCTYPE html>
<html><head><title>Page not found</title></head>
<body><h1>Page not found</h1><p>The page you asked for has moved or never existed.</p></body></html>
"""

ROBOTS = "User-agent: *\nDisallow: /search\n"


def build() -> bytes:
    """The archive's bytes (gzip-compressed WARC 1.0 records)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    records = [
        ("https://nileobserver.example/sudan/2025/04/15/zamzam-survivors", "200 OK",
         "text/html; charset=utf-8", ZAMZAM_PAGE, "2025-04-15T12:00:00Z", 1),
        ("https://horndispatch.example/somalia/middle-shabelle-battle", "200 OK", "text/html",
         SHABELLE_PAGE, "2025-03-05T20:30:00Z", 2),
        ("https://horndispatch.example/somalia/old-story", "404 Not Found", "text/html",
         NOT_FOUND_PAGE, "2025-03-05T20:31:00Z", 3),
        ("https://horndispatch.example/robots.txt", "200 OK", "text/plain",
         ROBOTS, "2025-03-05T20:29:00Z", 4),
    ]  # fmt: skip
    for uri, status, content_type, body, when, number in records:
        if number == 2:
            writer.write_record(_request(writer, uri, when, number=90 + number))
        payload = body.encode("utf-8")
        http_headers = StatusAndHeaders(
            status,
            [("Content-Type", content_type), ("Content-Length", str(len(payload)))],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(payload),
            length=len(payload),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": when, "WARC-Record-ID": _record_id(number)},
        )
        writer.write_record(record)
    return buffer.getvalue()


def _request(writer: WARCWriter, uri: str, when: str, *, number: int):  # type: ignore[no-untyped-def]
    """A GET request record (no payload), as a crawler writes before each response."""
    http_headers = StatusAndHeaders(
        f"GET {uri.split('.example', 1)[1]} HTTP/1.1",
        [("Host", uri.split("/")[2]), ("User-Agent", "fogofwar-example/1.0")],
        is_http_request=True,
    )
    return writer.create_warc_record(
        uri,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=http_headers,
        warc_headers_dict={"WARC-Date": when, "WARC-Record-ID": _record_id(number)},
    )


def _record_id(number: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>"


def main(argv: list[str]) -> int:
    """Write the archive to the path given, or to examples/reports.warc.gz."""
    target = Path(argv[1]) if len(argv) > 1 else OUTPUT
    target.write_bytes(build())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
