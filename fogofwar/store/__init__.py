"""fogofwar.store: the SQLite ledger of articles, extractions, events and rejections.

Only this package imports sqlite3. Open a store with ``Store.open(path)``; see
:mod:`fogofwar.store.migrations` for the schema and how it changes.
"""

from fogofwar.store.migrations import MIGRATIONS, SCHEMA_VERSION, Migration
from fogofwar.store.sqlite import AddResult, Store

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "AddResult", "Migration", "Store"]
