"""Which language a text is in, and whether Chronicle should read it.

Chronicle's extractors are English-only; other languages are read, labelled and left to the
caller to keep or skip with ``is_allowed``. Detection uses langdetect (a port of Google's
language-detection) on the first few thousand characters, seeded so the answer is repeatable.
"""
from __future__ import annotations

from typing import Iterable, Optional

# Enough text for a confident answer; detection time grows with length.
DETECT_CHARS = 3000
# Below this many letters detection is a guess: say nothing rather than something wrong.
MIN_DETECT_LETTERS = 20
# The top language must have at least this probability to be reported.
MIN_PROBABILITY = 0.6

_factory = None


def detect_language(text: str) -> Optional[str]:
    """The ISO 639-1 code of the language of ``text`` ("en", "de", "zh-cn"...), or None.

    text (str): any text; only its first ``DETECT_CHARS`` characters are looked at.
    RETURNS (str | None): the language code, or None when the text is too short or unclear.
    """
    sample = text[:DETECT_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_DETECT_LETTERS:
        return None
    from langdetect.lang_detect_exception import LangDetectException

    detector = _get_factory().create()
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None
    return best.lang if best.prob >= MIN_PROBABILITY else None


def normalise_language(code: Optional[str]) -> Optional[str]:
    """ "en-GB", "EN_us", "en" → "en"; "zh-cn" stays "zh-cn" (langdetect's own code); None → None."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-")
    if code in ("zh-cn", "zh-tw"):
        return code
    return code.split("-")[0] or None


def is_allowed(language: Optional[str], allowed: Iterable[str] = ("en",)) -> bool:
    """True when ``language`` is one of ``allowed``; an unknown language (None) is allowed.

    language (str | None): a code such as "en", "en-GB" or None.
    allowed (Iterable[str]): codes to keep. Defaults to English only.
    RETURNS (bool): keep the document.
    """
    if language is None:
        return True
    wanted = {normalise_language(a) for a in allowed}
    return normalise_language(language) in wanted


def _get_factory():
    global _factory
    if _factory is None:
        from langdetect.detector_factory import DetectorFactory, init_factory

        init_factory()
        from langdetect import detector_factory

        _factory = detector_factory._factory
        DetectorFactory.seed = 0
    return _factory
