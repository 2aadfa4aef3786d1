"""The reviewers' web app (``cchc serve``): upload, report pages, search, score table.

Server-rendered pages (Jinja2 templates of ``render/``) over the same library
functions as the command line, each with a JSON twin under ``/api/``.
"""

from .app import create_app, serving

__all__ = ["create_app", "serving"]
