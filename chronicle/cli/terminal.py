"""Text from the input made safe to print on a terminal. Every CLI print path goes through here.

File names, JSONL ids, WARC record ids, titles and article text come from outside. Printed raw,
an ESC sequence in one sets the window title or rewrites the screen, so ``visible`` writes every
C0 and C1 control character (and a lone surrogate, which cannot be encoded) as its escape,
``\\x1b``, ``\\x9b``, ``\\udcff``, keeping ``\\n`` and ``\\t`` only where the layout needs them.
``shown`` adds Rich's markup escaping and shortens: Rich takes time quadratic in the length of a
run without spaces (a 100 KB file name took 90 s to print), so names, headings and table cells
are cut to ``NAME_CHARS`` with an ellipsis. JSON output keeps every value whole: ``json_text``
only writes the control characters JSON leaves raw as ``\\u`` escapes, which decode to the same
value.
"""
from __future__ import annotations

import json
import re
from typing import Any, Optional

from rich.markup import escape

NAME_CHARS = 200  # a source, title, name or heading, as shown
TEXT_CHARS = 1000  # a reason, a quote's content or other running text in a line or a table cell

# C0 controls, DEL, C1 controls, lone surrogates (from file names decoded with surrogateescape).
_UNSAFE = "\x00-\x1f\x7f-\x9f\ud800-\udfff"
_UNSAFE_RE = {keep: re.compile(f"[{_UNSAFE}]" if not keep else f"(?![{re.escape(keep)}])[{_UNSAFE}]")
              for keep in ("", "\n", "\n\t")}
_JSON_RAW = re.compile("[\x7f-\x9f\ud800-\udfff]")  # json.dumps(ensure_ascii=False) leaves these raw


def _escape_char(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: Optional[str], keep: str = "") -> str:
    """``text`` with its control characters written as escapes (``\\x1b``); plain text otherwise.

    text (str | None): text from the input. None gives "".
    keep (str): "" (one line: newlines and tabs are escaped too), "\\n" or "\\n\\t".
    RETURNS (str): text that prints as itself.
    """
    if not text:
        return ""
    return _UNSAFE_RE[keep].sub(_escape_char, text)


def shorten(text: str, limit: Optional[int]) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis; None keeps it whole."""
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


def shown(text: Optional[str], limit: Optional[int] = NAME_CHARS, keep: str = "") -> str:
    """Text from the input for Rich: shortened, control characters visible, markup escaped.

    text (str | None): a source, reason, title, name or quote.
    limit (int | None): the most characters shown. Defaults to NAME_CHARS.
    keep (str): layout characters kept as they are, as in ``visible``.
    RETURNS (str): a string for ``console.print``, ``console.rule`` or a table cell.
    """
    return escape(visible(shorten(text or "", limit), keep))


def visible_text(text: str) -> tuple[str, list[int]]:
    """``visible(text, "\\n\\t")`` and where each offset of ``text`` went in it, so that spans
    into the text can be highlighted in what is printed: ``offsets[i]`` for ``i`` in 0..len(text)."""
    safe = visible(text, "\n\t")
    if len(safe) == len(text):
        return safe, list(range(len(text) + 1))
    offsets, at = [], 0
    for char in text:
        offsets.append(at)
        at += len(visible(char, "\n\t"))
    offsets.append(at)
    return safe, offsets


def json_text(payload: Any, indent: Optional[int] = None) -> str:
    """``payload`` as JSON, readable (non-ASCII as is) and safe on a terminal: every control
    character and lone surrogate is a ``\\u`` escape, so values are whole and unchanged."""
    dumped = json.dumps(payload, ensure_ascii=False, indent=indent)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
