"""Highlighting: overlapping spans nest into well-formed, escaped HTML that keeps the text."""
import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.api.render import Mark, highlight, timeline_chart


class Balance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.ok = [], True

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def well_formed(markup: str) -> bool:
    parser = Balance()
    parser.feed(markup)
    return parser.ok and not parser.stack


def text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_overlapping_marks_are_split_and_reopened():
    text = "He said talks were over."
    marks = [Mark(0, 2, "speaker", "q1-speaker", "/q1"), Mark(3, 13, "event", "e1", "/e1"),
             Mark(8, 24, "quote", "q1", "/q1")]
    out = str(highlight(text, marks))
    assert well_formed(out)
    assert text_of(out) == text
    # Quotes are outermost and stay whole; the event crossing the quote's start is split.
    assert '<span class="hl hl-quote" id="q1"' in out and "hl-quote hl-cont" not in out
    assert '<span class="hl hl-event hl-cont"' in out
    assert out.count('id="q1"') == 1 and out.count('id="e1"') == 1
    assert '<a href="/e1">talks</a>' in out  # the innermost mark wins the link
    assert '<a href="/q1"> were over.</a>' in out


def test_text_and_titles_are_escaped():
    text = '<script>alert(1)</script> "><img src=x>'
    out = str(highlight(text, [Mark(0, 8, "quote", 'q"1', '/q?a=1&b="2"', title='<b>"x"</b>')]))
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    assert 'id="q&#34;1"' in out and 'href="/q?a=1&amp;b=&#34;2&#34;"' in out
    assert text_of(out) == text


def test_marks_outside_the_window_are_clipped():
    out = str(highlight("bcd", [Mark(0, 3, "quote", "q1", "/q1")], offset=1, ids=False))
    assert out == '<span class="hl hl-quote" title=""><a href="/q1">bc</a></span>d'


spans = st.lists(st.tuples(st.integers(-3, 40), st.integers(-3, 40),
                           st.sampled_from(["quote", "speaker", "cue", "time", "event"])), max_size=8)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40), spans=spans)
def test_any_marks_give_well_formed_html_with_the_same_text(text, spans):
    marks = [Mark(a, b, kind, f"m{i}", f"/m{i}") for i, (a, b, kind) in enumerate(spans)]
    out = str(highlight(text, marks))
    assert well_formed(out)
    assert text_of(out) == text.replace("\r", "\r")
    for i, (a, b, _) in enumerate(spans):
        assert out.count(f'id="m{i}"') == (1 if max(a, 0) < min(b, len(text)) else 0)


def test_chart_places_days_in_order():
    days = [{"date": "2023-02-10", "quotes": [{"href": "/a", "label": "x"}], "events": []},
            {"date": "2023-02-12", "quotes": [], "events": [{"href": "/b", "label": "y"}] * 2},
            {"date": None, "quotes": [{"href": "/c", "label": "z"}], "events": []}]
    chart = timeline_chart(days)
    assert [d.kind for d in chart.dots] == ["quote", "event", "event"]
    assert chart.dots[0].x == chart.left and chart.dots[1].x == chart.right
    assert chart.dots[2].y < chart.dots[1].y  # same day: stacked upwards
    assert timeline_chart([{"date": None, "quotes": [], "events": []}]) is None


def test_each_piece_of_a_quote_in_several_is_highlighted():
    from chronicle.api.render import article_marks
    from chronicle.records import Article, Quote

    text = "“The dam will hold,” said Rosa Ilves, a lawyer. “Nobody should leave the valley.”"
    first, second = (0, 20), (48, len(text))
    article = Article(id="a9", source="x", text=text, quotes=[
        Quote(id="q1", content_span=first, kind="direct", cue="said", cue_span=(21, 25),
              more_content_spans=[second])])
    quotes = [m for m in article_marks(article) if m.kind == "quote"]
    assert [(m.start, m.end, m.id) for m in quotes] == [(*first, "q1"), (*second, "q1-2")]
    markup = str(highlight(text, article_marks(article)))
    assert well_formed(markup) and 'id="q1"' in markup and 'id="q1-2"' in markup
    assert text[48:] == "“Nobody should leave the valley.”"
