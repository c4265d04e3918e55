"""Run the web app with uvicorn: what ``fogofwar serve`` calls."""

from __future__ import annotations

import logging

from fogofwar.api.app import create_app
from fogofwar.settings import Settings

log = logging.getLogger(__name__)


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the JSON API and the web page for the database of ``settings`` until interrupted.

    Binds to ``host`` (loopback by default: reachable from this machine only) and ``port``.
    Writes (corrections) are allowed only when FOGOFWAR_TOKEN is set in the environment.

    Example::

        serve(Settings.from_env().with_(db_path=Path("war.db")), port=8080)
    """
    import uvicorn  # imported here: only serving needs it

    app = create_app(settings)
    log.info("serving %s on http://%s:%d/", settings.db_path, host, port)
    # server_header off: no need to tell the world which server runs; proxy headers are not trusted.
    uvicorn.run(app, host=host, port=port, server_header=False, proxy_headers=False, log_level="info")
