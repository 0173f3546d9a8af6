"""``chronicle evaluate``: score Chronicle against gold data with the scorers of ``chronicle.evaluate``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from chronicle.cli.common import app, err, out
from chronicle.cli.terminal import shown, visible

evaluate_app = typer.Typer(
    help="Score Chronicle against gold data (see ../shared/gold/README.md).\n\n"
    "Example: chronicle evaluate time --gold ../shared/gold/time/tbaq_timebank.jsonl",
    no_args_is_help=True,
)
app.add_typer(evaluate_app, name="evaluate")


@evaluate_app.command("quotes")
def evaluate_quotes(
    gold: Path = typer.Option(..., "--gold", help="PolNeAR JSON folder, e.g. ../shared/gold/quotes/polnear/json/dev."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N articles."),
):
    """Quote content, speaker and cue scores on PolNeAR, split by direct and indirect.

    Example: chronicle evaluate quotes --gold ../shared/gold/quotes/polnear/json/dev
    """
    _print_scores("quotes", gold, limit)


@evaluate_app.command("time")
def evaluate_time(
    gold: Path = typer.Option(..., "--gold", help="TempEval-3 JSONL, e.g. ../shared/gold/time/tbaq_timebank.jsonl."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N documents."),
):
    """Time expression spans, types and values against TimeML gold (TempEval-3 rules).

    Example: chronicle evaluate time --gold ../shared/gold/time/tbaq_timebank.jsonl
    """
    _print_scores("time", gold, limit)


@evaluate_app.command("extraction")
def evaluate_extraction(
    gold: Path = typer.Option(..., "--gold", help="WCXB-style folder of pages with gold main text, e.g. ../shared/gold/extraction/wcxb_dev."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N pages."),
):
    """Main text, title and date of HTML pages: Chronicle beside plain trafilatura and htmldate.

    Example: chronicle evaluate extraction --gold ../shared/gold/extraction/wcxb_dev --limit 100
    """
    _print_scores("extraction", gold, limit)


@evaluate_app.command("events")
def evaluate_events(
    gold: Path = typer.Option(..., "--gold", help="PLOVER-coded sentences, e.g. ../shared/gold/events/plover_gsr_cameo_en.jsonl."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N sentences."),
):
    """Event triples (source, target, code) and PLOVER types against gold sentences, then the
    actor codes of the gold's participants at country and country + sector level.

    Example: chronicle evaluate events --gold ../shared/gold/events/plover_gsr_cameo_en.jsonl
    """
    _print_scores("events", gold, limit)
    from chronicle.evaluate import actor_codes

    out.print(visible(actor_codes.format_report(actor_codes.score_actor_codes(gold, limit=limit)), "\n\t"),
              highlight=False, markup=False)


def _print_scores(task: str, gold: Path, limit: Optional[int]) -> None:
    """Run ``chronicle.evaluate.<task>`` on the gold data and print its report."""
    import importlib

    if not gold.exists():
        err.print(f"[red]Error:[/red] no gold data at {shown(str(gold), None)}; the shared gold sets live in ../shared/gold.")
        raise typer.Exit(2)
    scorer = importlib.import_module(f"chronicle.evaluate.{task}")
    result = getattr(scorer, f"evaluate_{task}")(gold, limit=limit)
    out.print(visible(scorer.format_report(result), "\n\t"), highlight=False, markup=False)
