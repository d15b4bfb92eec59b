"""Django's SQLite backend, with the process's connections kept for reuse (base.py)."""
