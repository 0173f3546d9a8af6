"""The issue taxonomy (``chronicle/data/issues.tsv``, extendable) and the issue triggers found in a
span of the parse."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

from chronicle.extract.positions.clauses import _tokens_within

# Taxonomy ---------------------------------------------------------------------------------------

@dataclass
class Issue:
    name: str
    triggers: list[str] = field(default_factory=list)
    cameo: list[str] = field(default_factory=list)
    description: str = ""


def load_issues(path: str | os.PathLike | None = None) -> dict[str, Issue]:
    """The issue taxonomy: issue name -> Issue(name, triggers, cameo, description).

    Read from ``chronicle/data/issues.tsv``; a file named by ``path`` or by the environment
    variable CHRONICLE_ISSUES_FILE extends it (same columns: a known issue gains triggers and
    codes, a new one is added). Raises FileNotFoundError naming a user file that is missing.
    """
    extra = path if path is not None else os.environ.get("CHRONICLE_ISSUES_FILE") or None
    if extra is None:
        return _load((None, 0.0))
    extra = Path(extra)
    if not extra.exists():
        raise FileNotFoundError(f"The issue file {str(extra)!r} (CHRONICLE_ISSUES_FILE) does not exist; "
                                f"give a TSV file with columns issue, triggers, cameo, description.")
    return _load((str(extra.resolve()), extra.stat().st_mtime))


@lru_cache(maxsize=8)
def _load(extra: tuple[Optional[str], float]) -> dict[str, Issue]:
    issues: dict[str, Issue] = {}
    texts = [resources.files("chronicle.data").joinpath("issues.tsv").read_text(encoding="utf-8")]
    if extra[0]:
        texts.append(Path(extra[0]).read_text(encoding="utf-8"))
    for text in texts:
        for line in text.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")] + ["", "", ""]
            name = cells[0].lower()
            issue = issues.setdefault(name, Issue(name))
            issue.triggers += [t.strip() for t in cells[1].split("|") if t.strip() and t.strip() not in issue.triggers]
            issue.cameo += [c.strip() for c in cells[2].split("|") if c.strip() and c.strip() not in issue.cameo]
            if cells[3]:
                issue.description = cells[3]
    return issues


@dataclass(frozen=True)
class _Trigger:
    issue: str
    words: tuple[tuple[Optional[str], str], ...]  # (pos restriction, lower-case form)


POS_PREFIX = {"n": {"NOUN", "PROPN"}, "v": {"VERB"}, "a": {"ADJ"}}


# The index of the last taxonomy indexed: ``load_issues`` returns the same (cached) dict until
# the taxonomy changes, so each article need not rebuild it. (issues, index); read-only.
_last_index: tuple = (None, None)


def _triggers(issues: dict[str, Issue]) -> dict[str, list[_Trigger]]:
    """First word -> triggers starting with it, longest first."""
    global _last_index
    if _last_index[0] is issues:
        return _last_index[1]
    index = _build_triggers(issues)
    _last_index = (issues, index)
    return index


def _build_triggers(issues: dict[str, Issue]) -> dict[str, list[_Trigger]]:
    index: dict[str, list[_Trigger]] = {}
    for issue in issues.values():
        for phrase in issue.triggers:
            words = []
            for word in re.findall(r"[^\s]+", phrase):
                pos, _, form = word.rpartition(":") if re.match(r"^[nva]:", word) else (None, "", word)
                words.append((pos or None, form.lower()))
            if words:
                index.setdefault(words[0][1], []).append(_Trigger(issue.name, tuple(words)))
    for triggers in index.values():
        triggers.sort(key=lambda t: -len(t.words))
    return index


def _word_matches(token, pos: Optional[str], form: str) -> bool:
    if pos and token.pos_ not in POS_PREFIX[pos]:
        return False
    return form in (token.lower_, token.lemma_.lower())


def find_issue_mentions(doc, start: int, end: int, index=None) -> list[tuple[str, int, int]]:
    """Issue triggers within characters [start, end): (issue, first token, last token + 1)."""
    index = index if index is not None else _triggers(load_issues())
    found = []
    tokens = _tokens_within(doc, start, end)
    i = 0
    while i < len(tokens):
        token, hit = tokens[i], None
        for key in {token.lower_, token.lemma_.lower()}:
            for trig in index.get(key, []):
                n = len(trig.words)
                window = tokens[i:i + n]
                if len(window) == n and all(w.i == token.i + k for k, w in enumerate(window)) and \
                        all(_word_matches(w, p, f) for w, (p, f) in zip(window, trig.words)):
                    if hit is None or n > hit[2] - hit[1]:
                        hit = (trig.issue, token.i, token.i + n)
        if hit:
            found.append(hit)
            i += hit[2] - hit[1]
        else:
            i += 1
    return found
