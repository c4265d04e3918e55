"""fogofwar.api: the JSON API and the web page, served by one FastAPI app.

``create_app(settings)`` builds the app; ``serve(settings, host=..., port=...)`` runs it with
uvicorn (``fogofwar serve``). Paths: ``/api/events``, ``/api/events/{id}``, ``/api/articles``,
``/api/search?q=``, ``/api/export?format=``, ``/api/corrections`` (GET the audit trail, POST a
correction with ``Authorization: Bearer $FOGOFWAR_TOKEN``), ``/api/openapi.json`` and
``/api/docs``; pages at ``/``, ``/events/{id}``, ``/articles/{id}``, ``/search`` and ``/report``.
"""

from fogofwar.api.app import create_app
from fogofwar.api.serve import serve

__all__ = ["create_app", "serve"]
