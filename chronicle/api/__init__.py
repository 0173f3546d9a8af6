"""Chronicle over HTTP: a JSON API and a web UI on the SQLite store (``chronicle serve``).

DOCS: docs/api.md
"""
from chronicle.api.app import create_app, serve

__all__ = ["create_app", "serve"]
