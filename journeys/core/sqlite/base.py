"""Django's SQLite backend, keeping closed connections for the next request.

Under ASGI, Django runs each request's synchronous part in a thread of its own, and a
database connection belongs to a thread, so every request opened a new SQLite
connection. The first statement on a new connection reads the schema and opens the WAL
files: about 0.8 ms on this project's database, a quarter of what a cached content page
costs (measured in docs/performance.md). Here, closing a connection hands it back to a
small per-process pool instead, and opening one takes it from there.

A connection goes back only when no transaction is open (an open one is rolled back
first), so what one request did never leaks into the next. In-memory databases (the
tests) are left to Django, which never closes them.
"""

import sqlite3
import threading
from typing import Any

from django.db.backends.sqlite3 import base

KEEP = 8  # idle connections kept per database; more than a worker's threads need

_lock = threading.Lock()
_idle: dict[str, list[sqlite3.Connection]] = {}


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> sqlite3.Connection:
        if not self.is_in_memory_db():
            with _lock:
                idle = _idle.get(self._pool_key())
                if idle:
                    return idle.pop()
        return super().get_new_connection(conn_params)  # type: ignore[no-any-return]

    def _close(self) -> None:
        connection: sqlite3.Connection | None = self.connection
        if connection is None:
            return
        if not self.is_in_memory_db() and _give_back(self._pool_key(), connection):
            return
        with self.wrap_database_errors:
            connection.close()

    def _pool_key(self) -> str:
        return str(self.settings_dict["NAME"])


def _give_back(key: str, connection: sqlite3.Connection) -> bool:
    """Keep `connection` for the next request; False when it cannot be kept."""
    try:
        if connection.in_transaction:
            connection.rollback()
    except sqlite3.Error:
        return False
    with _lock:
        idle = _idle.setdefault(key, [])
        if len(idle) >= KEEP:
            return False
        idle.append(connection)
    return True
