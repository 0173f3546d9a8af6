"""Progress of a run on standard error: a bar on a terminal, a plain line now and then elsewhere.

The total is known only where it is cheap: files named on the command line and folders, counted
by a walk that reads no file (names only). A WARC, feed or JSON Lines file holds an unknown
number of documents, so with one among the inputs, or standard input, the count goes up without
a total. On a terminal the bar shows articles, skips and failures, the time elapsed and, with a
total, the time left; when standard error is not a terminal (a log, a pipe, cron), a plain line
is printed every ``PLAIN_EVERY`` inputs or ``PLAIN_SECONDS`` seconds:

    128 of 500 inputs: 123 articles, 4 skipped, 1 failed, 2:03 elapsed, about 6:00 left
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Iterable, Iterator, Optional

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from chronicle.records import Skipped

SHOW_AFTER = 3  # the bar appears once more than this many inputs are done (small runs: no bar)
PLAIN_EVERY = 100  # a plain line every this many inputs ...
PLAIN_SECONDS = 30.0  # ... or this many seconds, whichever comes first
COUNT_SECONDS = 2.0  # the walk counting inputs gives up (no total) after this long
# Files that may hold any number of documents: WARC, feeds, JSON Lines, and gzip of any of them.
# Every other file gives one document, or one skip. (The content decides the reader, so a ".txt"
# may turn out to hold JSON Lines: the count then passes the total, which is dropped.)
MANY_DOCUMENT_SUFFIXES = (".warc", ".warc.gz", ".jsonl", ".jsonl.gz", ".xml", ".rss", ".atom", ".gz")
ONE_DOCUMENT_GZ = (".html.gz", ".htm.gz", ".txt.gz")


def count_inputs(paths: list[str], seconds: float = COUNT_SECONDS) -> Optional[int]:
    """How many outcomes reading ``paths`` gives, when that is known from names alone: one per
    file named or found in a folder (files the walk would skip count once too). None when an
    input can hold many documents (a WARC, feed, JSON Lines, stdin) or the walk takes too long."""
    deadline = time.monotonic() + seconds
    total = 0
    for path in paths:
        if path == "-":
            return None
        if not os.path.isdir(path):
            if _many(Path(path).name):
                return None
            total += 1
            continue
        for _root, dirnames, filenames in os.walk(path):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.startswith("."):
                    continue
                if _many(name):
                    return None
                total += 1
            if time.monotonic() > deadline:
                return None
    return total


def _many(name: str) -> bool:
    name = name.lower()
    return name.endswith(MANY_DOCUMENT_SUFFIXES) and not name.endswith(ONE_DOCUMENT_GZ)


class Tally:
    """Inputs done so far: articles, skipped, failed."""

    def __init__(self, total: Optional[int]):
        self.total = total
        self.articles = self.skipped = self.failed = 0
        self.started = time.monotonic()

    @property
    def done(self) -> int:
        return self.articles + self.skipped + self.failed

    def add(self, outcome) -> None:
        if not isinstance(outcome, Skipped):
            self.articles += 1
        elif outcome.failed:
            self.failed += 1
        else:
            self.skipped += 1
        if self.total is not None and self.done > self.total:
            self.total = None  # a file held more than one document after all: no total

    def counts(self) -> str:
        return f"{self.articles} articles, {self.skipped} skipped, {self.failed} failed"

    def line(self) -> str:
        """The plain progress line."""
        elapsed = time.monotonic() - self.started
        head = f"{self.done} of {self.total} inputs: " if self.total else ""
        line = f"{head}{self.counts()}, {_clock(elapsed)} elapsed"
        if self.total and self.done:
            line += f", about {_clock(elapsed / self.done * (self.total - self.done))} left"
        return line


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def with_progress(outcomes: Iterable, console: Console, total: Optional[int]) -> Iterator:
    """``outcomes`` unchanged, with their progress shown on ``console`` as they go by."""
    tally = Tally(total)
    if console.is_terminal:
        yield from _bar(outcomes, console, tally)
    else:
        yield from _plain(outcomes, console, tally)


def _bar(outcomes: Iterable, console: Console, tally: Tally) -> Iterator:
    columns = [TextColumn("extracting"), BarColumn(), TextColumn("{task.fields[counts]}"), TimeElapsedColumn()]
    if tally.total:
        columns += [TextColumn("left"), TimeRemainingColumn()]
    progress = Progress(*columns, console=console, transient=True)
    task = None
    try:
        for outcome in outcomes:
            tally.add(outcome)
            if task is None and tally.done > SHOW_AFTER:
                progress.start()
                task = progress.add_task("extracting", total=tally.total, counts="")
            if task is not None:
                progress.update(task, completed=tally.done, total=tally.total, counts=tally.counts())
            yield outcome
    finally:
        progress.stop()


def _plain(outcomes: Iterable, console: Console, tally: Tally) -> Iterator:
    # A thread prints the line when PLAIN_SECONDS pass with none, so a long document still shows
    # that the run is alive; the loop prints it every PLAIN_EVERY inputs.
    lock = threading.Lock()
    stop = threading.Event()
    last = [time.monotonic()]

    def say() -> None:
        with lock:
            console.print(tally.line(), markup=False, highlight=False, soft_wrap=True)
            last[0] = time.monotonic()

    def every_while() -> None:
        while not stop.wait(max(0.05, last[0] + PLAIN_SECONDS - time.monotonic())):
            if time.monotonic() - last[0] >= PLAIN_SECONDS:
                say()

    ticker = threading.Thread(target=every_while, name="chronicle-progress", daemon=True)
    ticker.start()
    try:
        for outcome in outcomes:
            tally.add(outcome)
            if tally.done % PLAIN_EVERY == 0:
                say()
            yield outcome
    finally:
        stop.set()
        ticker.join()
