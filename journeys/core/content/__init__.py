"""The content pipeline: content/ files -> check (schemas, references, sources) -> load.

Apps register their file kinds in `journeys.core.content.registry`; `check_content`
validates every registered kind without touching the database and `load_content`
writes them all in one transaction.
"""
