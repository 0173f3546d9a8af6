"""The command line, as a user runs it: extract, ingest, query, and bad input."""
import json

from typer.testing import CliRunner

from chronicle.cli import app
from tests.conftest import DATA

runner = CliRunner()
SPECIMEN = str(DATA / "specimen_article.txt")


def run(*args, input=None, env=None):
    return runner.invoke(app, [str(a) for a in args], input=input, env=env)


def test_help_explains_every_command_with_an_example():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("extract", "ingest", "quotes", "actors", "events", "positions", "brief", "serve", "evaluate", "db", "spark", "load-parquet"):
        assert command in result.output
        sub = run(command, "--help")
        assert sub.exit_code == 0 and "Example:" in sub.output


def test_extract_prints_the_record_as_json():
    result = run("extract", SPECIMEN, "--published", "2023-02-12")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["title"].startswith("Moscow again talks")
    assert record["source"] == SPECIMEN
    assert {"actors", "quotes", "times", "events", "removed", "dateline"} <= set(record)


def test_extract_reads_stdin_and_writes_jsonl():
    result = run("extract", "-", "--format", "jsonl", input="Headline\n\n“We will win,” said General Mark Hale today.\n")
    assert result.exit_code == 0, result.output
    [line] = result.stdout.strip().splitlines()
    assert json.loads(line)["source"] == "-"


def test_extract_pretty_highlights_the_text():
    result = run("extract", SPECIMEN, "--published", "2023-02-12", "--format", "pretty")
    assert result.exit_code == 0
    assert "Vershinin" in result.stdout and "Quotes" in result.stdout


def test_extract_pretty_marks_looked_up_and_inferred_values():
    result = run("extract", SPECIMEN, "--published", "2023-02-12", "--format", "pretty", env={"COLUMNS": "250"})
    assert result.exit_code == 0
    putin = next(line for line in result.stdout.splitlines() if "Vladimir Putin" in line and "│" in line)
    assert "person (inferred)" in putin and "RUS (known)" in putin  # the text never says he is Russian
    vershinin = next(line for line in result.stdout.splitlines() if "Sergei Vershinin" in line and "│" in line)
    assert "│ RUS " in vershinin  # "Russian Deputy Foreign Minister": the text's


def test_bad_published_date_names_the_fix():
    result = run("extract", SPECIMEN, "--published", "12/02/2023")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_directory_with_one_broken_file_processes_the_good_ones(tmp_path):
    (tmp_path / "a.txt").write_text("First headline\n\nThe mayor said that the bridge would reopen.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary \x00\x00" * 50)
    (tmp_path / "c.txt").write_text("Third headline\n\nThe minister said the talks had failed.\n", encoding="cp1252")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run("extract", tmp_path, "--format", "jsonl")
    assert result.exit_code == 1  # something failed
    sources = [json.loads(line)["source"] for line in result.stdout.strip().splitlines()]
    assert [s.rsplit("/", 1)[-1] for s in sources] == ["a.txt", "c.txt"]
    assert "b.txt" in result.stderr and "binary" in result.stderr
    assert "empty.txt" in result.stderr and "empty" in result.stderr


def test_empty_file_alone_is_skipped_not_failed(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("   \n", encoding="utf-8")
    result = run("extract", path)
    assert result.exit_code == 0
    assert "skipped" in result.stderr


def test_legacy_encodings_are_decoded(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Headline\n\nThe café owner said that “prices” would rise.\n".encode("cp1252"))
    result = run("extract", path, "--format", "json")
    assert result.exit_code == 0
    assert "café" in json.loads(result.stdout)["text"]


def test_ingest_is_idempotent_and_queries_match_any_spelling(tmp_path):
    db = tmp_path / "chronicle.db"
    first = run("ingest", SPECIMEN, "--published", "2023-02-12", "--db", db)
    assert first.exit_code == 0, first.output
    assert "1 new" in first.output
    assert "Vershinin" in first.output  # what it found is shown
    assert "Query it with" in first.output
    assert f"  chronicle actors --db {db}\n" in first.output  # whole, to be copied, however narrow the terminal
    again = run("ingest", SPECIMEN, "--published", "2023-02-12", "--db", db)
    assert "0 new, 1 already stored" in again.output
    assert "Nothing new stored: the 1 article(s) read were stored already." in again.output
    assert "Query it with" not in again.output and "--speaker Podolyak" not in again.output
    quotes = run("quotes", "--speaker", "Podolyak", "--db", db, "--format", "json")
    rows = json.loads(quotes.stdout)
    assert len(rows) >= 3
    assert all(r["speaker"] == "Mykhaylo Podoljak" for r in rows)
    dated = json.loads(run("quotes", "--db", db, "--since", "2023-02-12", "--until", "2023-02-12", "--format", "json").stdout)
    assert dated
    actors = json.loads(run("actors", "--db", db, "--format", "json").stdout)
    assert any(a["name"] == "Russia" and a["type"] == "country" for a in actors)


def test_query_without_a_store_says_how_to_make_one(tmp_path):
    result = run("quotes", "--db", tmp_path / "missing.db")
    assert result.exit_code == 2
    assert "chronicle ingest" in result.output


def test_a_20_mb_text_is_refused_with_the_limit_and_the_others_processed(tmp_path):
    (tmp_path / "huge.txt").write_text("Headline\n\n" + "The minister said the plan would work. " * 520_000, encoding="utf-8")
    (tmp_path / "small.txt").write_text("Headline\n\nThe mayor said that the bridge would reopen.\n", encoding="utf-8")
    assert (tmp_path / "huge.txt").stat().st_size > 20_000_000
    result = run("extract", tmp_path, "--format", "jsonl")
    assert result.exit_code == 1
    assert [json.loads(line)["source"].rsplit("/", 1)[-1] for line in result.stdout.strip().splitlines()] == ["small.txt"]
    assert "huge.txt" in result.stderr and "CHRONICLE_MAX_ARTICLE_CHARS" in result.stderr


def test_one_article_failing_in_extraction_does_not_take_the_batch_down(tmp_path, explode_in_quotes):
    for name, body in [("a.txt", "The mayor said it works."), ("b.txt", "EXPLODE now."), ("c.txt", "The chief said so.")]:
        (tmp_path / name).write_text("Headline\n\n" + body + "\n", encoding="utf-8")
    result = run("extract", tmp_path, "--format", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 2
    assert "b.txt" in result.stderr and "boom" in result.stderr


def test_events_from_two_reports_of_one_event_are_one_event(tmp_path):
    db = tmp_path / "chronicle.db"
    first = "Russia attacks\n\nRussian troops attacked Ukraine on Monday, officials said.\n"
    second = "Attack reported\n\nOn Monday Russian forces attacked Ukraine again, according to the army.\n"
    (tmp_path / "one.txt").write_text(first, encoding="utf-8")
    (tmp_path / "two.txt").write_text(second, encoding="utf-8")
    assert run("ingest", tmp_path / "one.txt", tmp_path / "two.txt", "--published", "2023-02-15", "--db", db).exit_code == 0
    rows = json.loads(run("events", "--db", db, "--actor", "Russia", "--code", "ASSAULT", "--format", "json").stdout)
    assert len(rows) == 1, rows
    assert rows[0]["date"] == "2023-02-13" and rows[0]["target"] == ["Ukraine"]
    assert len(rows[0]["evidence"]) == 2
    assert json.loads(run("events", "--db", db, "--target", "Russia", "--format", "json").stdout) == []


def test_bad_query_date_names_the_format(tmp_path):
    db = tmp_path / "chronicle.db"
    run("ingest", SPECIMEN, "--published", "2023-02-12", "--db", db)
    result = run("quotes", "--db", db, "--since", "last week")
    assert result.exit_code == 2 and "ISO date" in result.output


def test_positions_from_the_store_and_the_brief_of_an_article(tmp_path):
    db = tmp_path / "chronicle.db"
    run("ingest", SPECIMEN, "--published", "2023-02-12", "--db", db)
    lines = json.loads(run("positions", "--db", db, "--actor", "Russia", "--issue", "negotiations", "--format", "json").stdout)
    assert [(line["stance"], line["first_date"]) for line in lines] == [("conditional", "2023-02-12")]
    brief = run("brief", SPECIMEN, "--published", "2023-02-12")
    assert brief.exit_code == 0
    assert "2023-02-23" in brief.stdout and "Vershinin" in brief.stdout


BODY = ("The finance minister said on Monday that the budget would be balanced by next year, "
        "and that taxes would not rise. Opposition leaders rejected the plan as unrealistic and "
        "called for an independent review of the figures before the vote in parliament.")


MORE = ("Economists at the central bank warned that growth had slowed in the last quarter and that "
        "exports to neighbouring countries had fallen sharply. The prime minister is expected to "
        "address the nation on Friday evening, officials said, after a week of protests in the capital.")


def test_exact_and_near_duplicates_are_skipped_and_counted(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    story = "Budget plan\n\n" + BODY + "\n\n" + MORE + "\n"
    (inputs / "a.txt").write_text(story, encoding="utf-8")
    (inputs / "b.txt").write_text(story, encoding="utf-8")
    (inputs / "c.txt").write_text(story.replace("Friday evening", "Friday night"), encoding="utf-8")  # an update
    result = run("ingest", inputs, "--db", tmp_path / "chronicle.db")
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "1 processed" in output and "2 duplicates" in output
    assert "exact duplicate of" in output and "near duplicate of" in output


def test_other_languages_are_skipped_unless_allowed(tmp_path):
    german = ("Der Finanzminister sagte am Montag, dass der Haushalt im nächsten Jahr ausgeglichen sein werde "
              "und die Steuern nicht steigen würden. Die Opposition lehnte den Plan als unrealistisch ab.")
    path = tmp_path / "de.txt"
    path.write_text("Haushalt\n\n" + german + "\n", encoding="utf-8")
    skipped = run("extract", path, "--format", "jsonl")
    assert skipped.exit_code == 0 and skipped.stdout.strip() == ""
    assert "language 'de'" in skipped.stderr and "--lang" in skipped.stderr
    allowed = run("extract", path, "--format", "jsonl", "--lang", "en,de")
    assert len(allowed.stdout.strip().splitlines()) == 1


def test_html_page_gives_its_title_date_and_main_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Budget plan | Daily Paper</title>"
        '<meta property="article:published_time" content="2023-02-10T09:00:00Z"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Budget plan</h1>"
        f"<p>{BODY}</p><p>{BODY.replace('finance', 'economy')}</p></article>"
        "<footer>Share this article</footer></body></html>", encoding="utf-8")
    result = run("extract", page, "--format", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["title"] == "Budget plan"
    assert record["published"] == "2023-02-10"
    assert record["text"].startswith("The finance minister said")
    assert "Share this article" not in record["text"] and "Home" not in record["text"]


def test_two_workers_give_the_same_records_in_the_same_order(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Headline {i}\n\nMinister Anna Berg{i} said that plan {i} would work.\n", encoding="utf-8")
    one = run("extract", tmp_path, "--format", "jsonl")
    two = run("extract", tmp_path, "--format", "jsonl", "--workers", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 5


def test_evaluate_names_the_missing_gold_data(tmp_path):
    result = run("evaluate", "time", "--gold", tmp_path / "missing.jsonl")
    assert result.exit_code == 2 and "../shared/gold" in result.output


# -- hostile input at the terminal ----------------------------------------------------------------

PWN = "\x1b]0;pwned\x07"  # sets the terminal window's title when printed raw


def test_control_characters_from_the_input_are_printed_visible(tmp_path):
    db = tmp_path / "chronicle.db"
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / f"a{PWN}.txt").write_text("Head line\n\nThe mayor said that the bridge would reopen.\n", encoding="utf-8")
    (inputs / f"b{PWN}\x9b31m.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary \x00\x00" * 50)  # fails, naming itself
    (inputs / "news.jsonl").write_text(json.dumps({"id": f"x{PWN}", "title": f"T{PWN}",
                                                   "text": "The minister said the talks had failed."}) + "\n", encoding="utf-8")
    wide = {"COLUMNS": "2000"}  # no wrapping inside the names
    for result in (run("ingest", inputs, "--db", db, env=wide), run("extract", inputs, "--format", "pretty", env=wide)):
        assert result.exit_code == 1  # the binary file failed
        for raw in ("\x1b", "\x07", "\x9b"):
            assert raw not in result.output
        assert "a\\x1b]0;pwned\\x07.txt" in result.output  # shown as escapes
        assert "b\\x1b]0;pwned\\x07\\x9b31m.txt" in result.output
        assert "news.jsonl#x\\x1b]0;pwned\\x07" in result.output
    tables = [run(command, "--db", db) for command in ("quotes", "actors", "events")]
    assert all(t.exit_code == 0 and "\x1b" not in t.output for t in tables)
    # JSON keeps text values whole, with the control characters as JSON escapes; a source is a
    # name made safe at the door (the same in the store, the API and every output).
    lines = run("extract", inputs / "news.jsonl", "--format", "jsonl").stdout
    assert "\x1b" not in lines and "\\u001b" in lines
    record = json.loads(lines)
    assert record["title"] == f"T{PWN}"
    assert record["source"].endswith("news.jsonl#x\\x1b]0;pwned\\x07")


def test_a_100_kb_source_name_is_cut_in_the_summary_and_printed_quickly(tmp_path):
    import time

    long_id = "x" * 100_000
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": long_id, "text": "The minister said the talks had failed."}) + "\n"
                    + json.dumps({"id": "y" * 100_000, "title": "no text"}) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = run("ingest", path, "--db", tmp_path / "chronicle.db")
    assert time.monotonic() - started < 60  # Rich took > 90 s over the whole name
    assert result.exit_code == 1  # the second line has no text
    assert "x" * 199 + "…" not in result.output and long_id not in result.output
    assert "xxx…" in result.output and "yyy…" in result.output
    record = json.loads(run("extract", path, "--format", "jsonl").stdout.splitlines()[0])
    # The source is cut once, at the door (MAX_ID_CHARS), the same in JSON as in the store.
    from chronicle.ingest.decode import MAX_ID_CHARS

    assert record["source"] == f"{path}#" + "x" * (MAX_ID_CHARS - 1) + "…"


def test_the_terminal_helpers():
    import io

    from rich.console import Console

    from chronicle.cli.run import Report
    from chronicle.cli.terminal import json_text, shown, visible, visible_text
    from chronicle.records import Skipped

    assert visible(f"a{PWN}\x9b\udcff\x7fb\n\tc") == "a\\x1b]0;pwned\\x07\\x9b\\udcff\\x7fb\\x0a\\x09c"
    assert visible("one\ntwo\tthree\r", "\n\t") == "one\ntwo\tthree\\x0d"
    assert shown("[bold]x[/bold]") == "\\[bold]x\\[/bold]" and shown("ab" * 200, 10) == "abababab" + "a…"
    assert visible_text("ab\x1bc") == ("ab\\x1bc", [0, 1, 2, 6, 7])
    value = {"id": f"\x00{PWN}\x9b\udcff é"}
    dumped = json_text(value)
    assert json.loads(dumped) == value and "é" in dumped
    assert all(ord(c) >= 0xa0 or c in "\n" or 0x20 <= ord(c) < 0x7f for c in dumped)
    # Printing a 100 KB name through Rich, as the summary does, is fast once cut.
    report = Report()
    report.skipped.append(("z" * 100_000 + PWN, "reason " * 20_000))
    console = Console(file=io.StringIO(), width=80)
    report.print(console)
    report.add(Skipped("q" * 100_000, "why", failed=True))
    assert "\x1b" not in console.file.getvalue() and len(console.file.getvalue()) < 2_000


# -- progress and the closing lines ---------------------------------------------------------------

def test_progress_off_a_terminal_is_a_plain_line_with_a_total(tmp_path, monkeypatch):
    from chronicle.cli import progress

    monkeypatch.setattr(progress, "PLAIN_EVERY", 2)
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(f"Headline {i}\n\nMinister Anna Berg said that plan {i} would work.\n", encoding="utf-8")
    (tmp_path / "4.txt").write_text("", encoding="utf-8")
    result = run("extract", tmp_path, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert "2 of 5 inputs: 2 articles, 0 skipped, 0 failed, 0:0" in result.stderr
    assert "4 of 5 inputs: 4 articles, 0 skipped, 0 failed" in result.stderr and "left" in result.stderr
    assert "\n1 skipped" not in result.stdout  # progress goes to standard error only
    assert len(result.stdout.splitlines()) == 4


def test_progress_line_every_so_often_and_the_bar_on_a_terminal(monkeypatch):
    import io
    import time

    from rich.console import Console

    from chronicle.cli import progress
    from chronicle.records import Skipped

    def slowly(items):
        for item in items:
            time.sleep(0.2)
            yield item

    monkeypatch.setattr(progress, "PLAIN_SECONDS", 0.15)
    items = ["article", Skipped("s", "why", failed=False), Skipped("f", "broken", failed=True)]
    plain = Console(file=io.StringIO())
    assert list(progress.with_progress(slowly(items), plain, None)) == items
    lines = plain.file.getvalue().splitlines()
    assert lines and all(" elapsed" in line and " of " not in line for line in lines)  # no total: no "of N"
    bar = Console(file=io.StringIO(), force_terminal=True)
    many = ["article"] * 6
    assert list(progress.with_progress(iter(many), bar, 6)) == many


def test_inputs_are_counted_by_name_only_where_each_gives_one(tmp_path):
    from chronicle.cli.progress import count_inputs

    (tmp_path / "d" / "sub").mkdir(parents=True)
    for name in ("d/a.txt", "d/b.html", "d/c.pdf", "d/sub/e.md", "d/.hidden.txt", "f.txt", "crawl.warc.gz", "news.jsonl"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert count_inputs([str(tmp_path / "d"), str(tmp_path / "f.txt")]) == 5
    assert count_inputs([str(tmp_path / "f.txt"), str(tmp_path / "crawl.warc.gz")]) is None
    assert count_inputs([str(tmp_path)]) is None  # the folder holds a JSON Lines file
    assert count_inputs(["-"]) is None


def test_ingest_that_stores_nothing_says_why_without_query_hints(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    result = run("ingest", tmp_path / "empty.txt", "--db", tmp_path / "chronicle.db")
    assert result.exit_code == 0
    assert "Nothing stored: every input was skipped or failed (the reasons are above)." in " ".join(result.output.split())
    assert "Query it with" not in result.output and "Stored in" not in result.output


def test_an_article_the_store_refuses_fails_alone(tmp_path, monkeypatch):
    from chronicle.store.sqlite import Store

    real = Store.add

    def picky(self, article):
        if "REFUSE" in article.text:
            raise ValueError("no thanks")
        return real(self, article)

    monkeypatch.setattr(Store, "add", picky)
    for name, body in [("a.txt", "The mayor said it works."), ("b.txt", "REFUSE this one, he said."),
                       ("c.txt", "The chief said so on Monday.")]:
        (tmp_path / name).write_text("Headline\n\n" + body + "\n", encoding="utf-8")
    result = run("ingest", tmp_path, "--db", tmp_path / "x.db")
    assert result.exit_code == 1
    assert "storing failed: ValueError: no thanks" in " ".join(result.output.split())
    assert "2 processed (2 new" in " ".join(result.output.split())
