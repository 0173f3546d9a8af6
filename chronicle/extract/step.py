"""What an extraction step is: a name, what it reads, what it adds, and the call that does it.

Like a spaCy component, a step is a small callable with one job that declares its inputs and
outputs, so the order of steps (``chronicle.extract.steps.STEPS``) can be checked rather than
remembered. ``run(doc, article)`` reads the parse and the article's fields named in ``reads``
and sets the fields named in ``adds``; it returns nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from chronicle.records import Article

# What an article holds before any step runs: the parse ("doc") and the prepared article.
PREPARED = ("doc", "text", "published", "title", "dateline", "source")


@dataclass(frozen=True)
class Step:
    name: str
    reads: tuple[str, ...]
    adds: tuple[str, ...]
    run: Callable[[object, Article], None]  # (spaCy Doc, Article) -> None


def check_order(steps: tuple[Step, ...]) -> None:
    """Raise ValueError when a step reads a field that neither the prepared article nor an
    earlier step provides, or when two steps share a name."""
    available = set(PREPARED)
    seen: set[str] = set()
    for step in steps:
        if step.name in seen:
            raise ValueError(f"two extraction steps are named {step.name!r}; give each its own name")
        seen.add(step.name)
        missing = [field for field in step.reads if field not in available]
        if missing:
            raise ValueError(f"extraction step {step.name!r} reads {', '.join(missing)}, which no earlier step "
                             f"adds; move it after the step that adds them in chronicle/extract/steps.py")
        available.update(step.adds)
