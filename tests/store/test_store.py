"""The store's behaviour, the same on both backends (chronicle.store.sqlite and .postgres).

Fixtures (conftest.py): ``store`` is an empty store, once per backend ("sqlite": a temporary
file; "postgres": a fresh schema, skipped without CHRONICLE_TEST_POSTGRES); ``filled`` holds two
articles, ``kyiv`` (id "a1": Mykhaylo Podoljak and Sergei Lavrov quoted on 2024-03-01) and
``bbc`` (id "b2": Mykhailo Podolyak on 2024-03-04, Zelensky on 2024-03-05, one undated quote
with no speaker); ``tricky`` is full of SQL and LIKE metacharacters.
"""
import pytest

from chronicle.records import Article
from chronicle.store import open_store, rows
from chronicle.store.sqlite import Store

from .conftest import POSTGRES_URL, make_positions, needs_postgres


def sql(store, query):
    """Rows of a parameterless query as tuples, on either backend."""
    return [tuple(row.values()) for row in store._rows(query)]


def ids(rows):
    return [(row["article_id"], row["quote_id"]) for row in rows]


def empty_counts():
    return {"articles": 0, "actors": 0, "actor_names": 0, "actor_words": 0, "quotes": 0, "times": 0, "events": 0,
            "positions": 0}


def test_foreign_keys_are_enforced(store):
    with pytest.raises(store.IntegrityError):
        store.conn.execute(
            "INSERT INTO quotes (article_id, quote_id, seq, kind, content, content_start,"
            " content_end) VALUES ('no-such-article', 'q1', 0, 'direct', 'x', 0, 1)"
        )


def test_records_are_still_there_after_closing_and_reopening(open_backend, kyiv):
    with open_backend() as store:
        store.add(kyiv)
    with open_backend() as store:
        assert store.get("a1") == kyiv
        assert store.add(kyiv) is False


def test_close_can_be_called_twice(open_backend):
    store = open_backend()
    store.close()
    store.close()
    assert store.conn is None


# -- add and get -------------------------------------------------------------------------------

def test_add_returns_true_when_it_stores_the_article(store, kyiv):
    assert store.add(kyiv) is True
    assert store.stats() == {
        "articles": 1, "actors": 4, "actor_names": 5, "actor_words": 6, "quotes": 3, "times": 1, "events": 1, "positions": 0,
    }


def test_adding_the_same_article_again_returns_false_and_changes_nothing(store, kyiv):
    store.add(kyiv)
    before = store.stats()
    assert store.add(kyiv) is False
    assert store.stats() == before


def test_the_first_record_of_an_id_is_kept(store, kyiv):
    store.add(kyiv)
    changed = Article.from_dict({**kyiv.to_dict(), "title": "Another title"})
    assert store.add(changed) is False
    assert store.get("a1").title == "Podoljak: no talks under fire"


def test_get_returns_the_record_that_was_added(store, kyiv, bbc):
    store.add(kyiv)
    store.add(bbc)
    assert store.get("a1").to_dict() == kyiv.to_dict()
    assert store.get("b2") == bbc  # spans come back as tuples, as in the record


def test_get_of_an_unknown_id_returns_none(store):
    assert store.get("nope") is None


def test_in_tells_whether_an_article_is_stored(filled):
    assert "a1" in filled
    assert "nope" not in filled


def test_the_evidence_text_is_stored_next_to_its_spans(filled):
    [quote] = sql(
        filled, "SELECT speaker_text, cue_text, medium_text, content, content_start, content_end"
        " FROM quotes WHERE article_id = 'a1' AND quote_id = 'q2'"
    )
    assert quote == ("Podoljak", "told", "Reuters", "There will be no talks under fire,",
                            86, 120)
    [time] = sql(
        filled, "SELECT text, type, value, span_start, span_end FROM times WHERE article_id = 'a1'"
    )
    assert time == ("Friday", "DATE", "2024-03-01", 77, 83)
    [event] = sql(filled, "SELECT text, source, target, status, span_start, span_end FROM events")
    event = (event[0], filled._decode(event[1]), filled._decode(event[2]), *event[3:])
    assert event == ("will not cede", ["act3"], [], "refused", 8, 21)


def test_every_name_and_alias_gets_a_name_key(filled):
    rows = sql(
        filled, "SELECT name, key FROM actor_names WHERE article_id = 'a1' AND actor_id = 'act1'"
        " ORDER BY name"
    )
    assert rows == [
        ("Mykhaylo Podoljak", "mihailo podoliak"),
        ("Podoljak", "podoliak"),
    ]


def test_a_malformed_record_is_refused_whole(store, kyiv):
    kyiv.quotes[1].id = "q1"  # two quotes with one id
    with pytest.raises(store.IntegrityError):
        store.add(kyiv)
    assert store.stats() == empty_counts()


def test_a_python_exception_mid_add_leaves_nothing_of_the_article(store, kyiv, monkeypatch):
    def broken_name_key(name):
        raise KeyboardInterrupt  # interrupted while writing the actor names

    monkeypatch.setattr(rows, "name_key", broken_name_key)  # where the rows are built
    with pytest.raises(KeyboardInterrupt):
        store.add(kyiv)
    assert store.stats() == empty_counts()

    monkeypatch.undo()
    assert store.add(kyiv) is True
    assert store.stats()["quotes"] == 3


def test_deleting_an_article_row_deletes_all_of_its_rows(filled):
    filled.conn.execute("DELETE FROM articles WHERE id = 'a1'")  # autocommit on both backends
    assert filled.stats() == {
        "articles": 1, "actors": 2, "actor_names": 3, "actor_words": 4, "quotes": 3, "times": 1, "events": 0, "positions": 0,
    }
    assert filled.quotes(contains="Crimea") == []


# -- articles and stats ------------------------------------------------------------------------

def test_articles_lists_each_article_with_its_counts_oldest_first(filled):
    rows = filled.articles()
    for row in rows:
        assert row.pop("added_at").endswith("+00:00")
    assert rows == [
        {"id": "a1", "source": "kyiv-independent", "title": "Podoljak: no talks under fire",
         "published": "2024-03-01", "actors": 4, "quotes": 3, "times": 1, "events": 1},
        {"id": "b2", "source": "bbc", "title": "Talks have failed, says Kyiv",
         "published": "2024-03-05", "actors": 2, "quotes": 3, "times": 1, "events": 0},
    ]


def test_articles_are_paginated(filled):
    assert [row["id"] for row in filled.articles(limit=1)] == ["a1"]
    assert [row["id"] for row in filled.articles(limit=1, offset=1)] == ["b2"]
    assert filled.articles(limit=1, offset=2) == []


def test_limit_and_offset_must_not_be_negative(filled):
    with pytest.raises(ValueError):
        filled.articles(limit=-1)
    with pytest.raises(ValueError):
        filled.quotes(offset=-1)


def test_search_articles_by_words_in_any_order_and_by_actor(filled):
    rows = filled.search_articles("KYIV talks")
    assert [row["id"] for row in rows] == ["b2"]
    assert rows[0]["quotes"] == 3 and "the talks had failed" in rows[0]["snippet"]  # "Kyiv": the title
    assert [row["id"] for row in filled.search_articles(actor="Podolyak")] == ["a1", "b2"]
    assert [row["id"] for row in filled.search_articles("talks", actor="Lavrov")] == ["a1"]
    assert filled.search_articles(actor="Lavov") == []  # no near-misses here
    assert filled.search_articles("talks zebra") == []


def test_search_articles_without_words_lists_the_articles(filled):
    rows = filled.search_articles("?! %", limit=1, offset=1)
    assert [(row["id"], row["snippet"]) for row in rows] == [("b2", None)]
    articles = filled.articles()
    assert [{k: v for k, v in row.items() if k != "snippet"} for row in filled.search_articles()] == articles


def test_search_articles_take_search_syntax_and_metacharacters_literally(store, tricky, kyiv):
    store.add(tricky)
    store.add(kyiv)
    for q in ('NEAR(a b)', '"', 'talks*', 'title:talks', "^talks OR -x", "%_\\", "a & !b | c:*"):
        assert isinstance(store.search_articles(q), list), q
    assert [row["id"] for row in store.search_articles("100%_")] == [tricky.id]  # "100", in its title
    assert store.search_articles(actor="%") == []
    with pytest.raises(ValueError):
        store.search_articles("talks", limit=-1)


def test_stats_counts_the_rows_of_each_table(filled):
    assert filled.stats() == {
        "articles": 2, "actors": 6, "actor_names": 8, "actor_words": 10, "quotes": 6, "times": 2, "events": 1, "positions": 0,
    }


# -- quotes ------------------------------------------------------------------------------------

def test_a_quote_row_carries_the_quote_its_speaker_and_its_article(filled):
    assert filled.quotes(article="a1", limit=1) == [{
        "article_id": "a1",
        "quote_id": "q1",
        "speaker": "Mykhaylo Podoljak",
        "speaker_id": "act1",
        "speaker_text": "Mykhaylo Podoljak",
        "cue": "say",
        "kind": "indirect",
        "medium": None,
        "content": "Ukraine will not cede Crimea",
        "date": "2024-03-01",
        "source": "kyiv-independent",
        "title": "Podoljak: no talks under fire",
        "content_span": [0, 28],
    }]


def test_quotes_are_ordered_by_date_then_article_then_order_in_the_article(filled):
    assert ids(filled.quotes()) == [
        ("a1", "q1"), ("a1", "q2"), ("a1", "q3"),  # 2024-03-01
        ("b2", "q1"),                              # 2024-03-04
        ("b2", "q2"),                              # 2024-03-05
        ("b2", "q3"),                              # undated: last
    ]


def test_a_quote_without_speaker_has_none_for_speaker(filled):
    [row] = filled.quotes(contains="difficult")
    assert (row["speaker"], row["speaker_id"], row["speaker_text"]) == (None, None, None)


def test_quotes_by_speaker_alias(filled):
    # "Podoljak" is an alias of act1 in a1, and a whole word of "Mykhailo Podolyak" in b2.
    assert ids(filled.quotes(speaker="Podoljak")) == [("a1", "q1"), ("a1", "q2"), ("b2", "q1")]
    assert ids(filled.quotes(speaker="Zelensky")) == [("b2", "q2")]


def test_quotes_by_speaker_in_another_transliteration(filled):
    # name_key folds y/j: "Podolyak" and "Podoljak" are one name.
    rows = filled.quotes(speaker="Podolyak")
    assert [(row["article_id"], row["quote_id"], row["speaker"]) for row in rows] == [
        ("a1", "q1", "Mykhaylo Podoljak"),
        ("a1", "q2", "Mykhaylo Podoljak"),
        ("b2", "q1", "Mykhailo Podolyak"),
    ]


def test_quotes_by_full_name_match_every_spelling(filled):
    expected = [("a1", "q1"), ("a1", "q2"), ("b2", "q1")]
    assert ids(filled.quotes(speaker="Mykhailo Podolyak")) == expected
    assert ids(filled.quotes(speaker="MYKHAYLO PODOLJAK")) == expected
    assert ids(filled.quotes(speaker="Mychajlo Podolyak")) == expected  # no key hit: fuzzy


def test_quotes_by_speaker_ignore_honorifics(filled):
    assert ids(filled.quotes(speaker="President Zelensky")) == [("b2", "q2")]


def test_quotes_by_speaker_tolerate_a_typo(filled):
    # No name key equals or contains "podolik"; same_name finds "Podoljak" close enough.
    assert ids(filled.quotes(speaker="Podolyk")) == [("a1", "q1"), ("a1", "q2"), ("b2", "q1")]


def test_quotes_by_speaker_match_whole_words_only(filled):
    assert filled.quotes(speaker="Podol") == []
    assert filled.quotes(speaker="Sergei") != []  # a whole word of "Sergei Lavrov"


def test_quotes_by_an_unknown_speaker_are_none(filled):
    assert filled.quotes(speaker="Angela Merkel") == []
    assert filled.quotes(speaker="") == []
    assert filled.quotes(speaker="?!") == []


def test_quotes_containing_words(filled):
    assert ids(filled.quotes(contains="talks")) == [("a1", "q2"), ("a1", "q3"), ("b2", "q1")]
    assert ids(filled.quotes(contains="TALKS")) == [("a1", "q2"), ("a1", "q3"), ("b2", "q1")]


def test_quotes_containing_a_phrase_need_its_words_in_order(filled):
    assert ids(filled.quotes(contains="no talks")) == [("a1", "q2")]
    assert filled.quotes(contains="talks no") == []


def test_search_syntax_in_contains_is_taken_as_plain_text(filled):
    # FTS5 operators are quoted away: no error, no OR, no prefix match.
    assert filled.quotes(contains="talks OR fight") == []
    assert filled.quotes(contains="tal*") == []
    assert filled.quotes(contains='NEAR("talks" fire') == []
    assert filled.quotes(contains='"') == []
    assert filled.quotes(contains="content:talks") == []


def test_quotes_since_and_until_are_inclusive(filled):
    assert ids(filled.quotes(since="2024-03-04")) == [("b2", "q1"), ("b2", "q2")]
    assert ids(filled.quotes(until="2024-03-04")) == [
        ("a1", "q1"), ("a1", "q2"), ("a1", "q3"), ("b2", "q1"),
    ]
    assert ids(filled.quotes(since="2024-03-02", until="2024-03-04")) == [("b2", "q1")]


def test_quotes_until_a_month_include_the_whole_month(filled):
    assert len(filled.quotes(until="2024-03")) == 5
    assert filled.quotes(until="2024-02") == []


def test_quotes_dates_may_be_date_objects(filled):
    from datetime import date
    assert ids(filled.quotes(since=date(2024, 3, 5))) == [("b2", "q2")]


def test_quotes_dates_must_be_iso(filled):
    with pytest.raises(ValueError, match="ISO date"):
        filled.quotes(since="March 4th")
    with pytest.raises(ValueError, match="ISO date"):
        filled.quotes(until="2024-03-04' OR 1=1 --")


def test_quote_filters_combine(filled):
    assert ids(filled.quotes(speaker="Podolyak", since="2024-03-02")) == [("b2", "q1")]
    assert ids(filled.quotes(speaker="Podolyak", contains="fire")) == [("a1", "q2")]
    assert ids(filled.quotes(contains="talks", article="b2")) == [("b2", "q1")]


def test_quotes_of_one_article(filled):
    assert ids(filled.quotes(article="b2")) == [("b2", "q1"), ("b2", "q2"), ("b2", "q3")]
    assert filled.quotes(article="nope") == []


def test_quotes_are_paginated(filled):
    assert ids(filled.quotes(limit=2)) == [("a1", "q1"), ("a1", "q2")]
    assert ids(filled.quotes(limit=2, offset=2)) == [("a1", "q3"), ("b2", "q1")]
    assert ids(filled.quotes(limit=2, offset=4)) == [("b2", "q2"), ("b2", "q3")]
    assert filled.quotes(limit=2, offset=6) == []
    assert len(filled.quotes(limit=None)) == 6


# -- actors ------------------------------------------------------------------------------------

def test_actors_are_merged_across_articles_by_party(filled):
    assert filled.actors(name="Podolyak") == [{
        "name": "Mykhailo Podolyak",       # both spellings used once: the first in sort order
        "type": "person",
        "country": "UKR",
        "code": None,                      # the test records give none
        "basis": {},                       # nor where their values come from
        "party": "person:mihailo podoliak",  # no knowledge-base entry: type and folded full name
        "roles": ["adviser", "presidential adviser"],
        "aliases": ["Mykhaylo Podoljak", "Podoljak"],  # the other spelling becomes an alias
        "articles": 2,
        "mentions": 3,
        "quotes": 3,
    }]


def test_actors_are_ordered_by_quotes_then_articles_then_mentions(filled):
    rows = filled.actors()
    assert [(row["name"], row["quotes"], row["articles"], row["mentions"]) for row in rows] == [
        ("Mykhailo Podolyak", 3, 2, 3),
        ("Volodymyr Zelensky", 1, 1, 2),
        ("Sergei Lavrov", 1, 1, 1),
        ("Ukraine", 0, 1, 1),  # ties by party: "country:UKR" before "organization:reuters"
        ("Reuters", 0, 1, 1),
    ]


def test_actors_by_any_alias_or_spelling(filled):
    assert [row["name"] for row in filled.actors(name="Zelensky")] == ["Volodymyr Zelensky"]
    assert [row["name"] for row in filled.actors(name="Podoljak")] == ["Mykhailo Podolyak"]
    assert [row["name"] for row in filled.actors(name="Sergei Lavov")] == ["Sergei Lavrov"]  # typo
    assert filled.actors(name="Merkel") == []


def test_actors_are_paginated(filled):
    names = [row["name"] for row in filled.actors()]
    assert [row["name"] for row in filled.actors(limit=2)] == names[:2]
    assert [row["name"] for row in filled.actors(limit=2, offset=2)] == names[2:4]
    assert [row["name"] for row in filled.actors(limit=2, offset=4)] == names[4:]


# -- hostile input -----------------------------------------------------------------------------

def test_sql_metacharacters_and_quotes_are_stored_and_found_intact(store, tricky):
    assert store.add(tricky) is True
    assert store.get("c3'; DROP TABLE articles; --") == tricky
    assert store.stats()["articles"] == 1  # every table is still there

    [row] = store.quotes(speaker="O'Brien")
    assert row["content"] == "Nothing\\here; DELETE FROM quotes WHERE 1=1; --"
    assert row["quote_id"] == "q%2"

    [row] = store.quotes(speaker='Bobby "Tables"')
    assert row["speaker"] == "Robert'); DROP TABLE actors;--"
    assert row["content"] == 'he was 100% "sure" it_was fine'
    assert row["title"] == 'It\'s 100% "sure"; --'
    assert row["source"] == 'the "Daily" 100%_news'

    assert ids(store.quotes(contains='100% "sure"')) == [("c3'; DROP TABLE articles; --", "q'1")]
    assert ids(store.quotes(contains="%")) == [("c3'; DROP TABLE articles; --", "q'1")]
    assert ids(store.quotes(contains="\\")) == [("c3'; DROP TABLE articles; --", "q%2")]
    assert ids(store.quotes(contains="_")) == [("c3'; DROP TABLE articles; --", "q'1")]
    assert ids(store.quotes(article="c3'; DROP TABLE articles; --")) == [
        ("c3'; DROP TABLE articles; --", "q'1"), ("c3'; DROP TABLE articles; --", "q%2"),
    ]
    assert store.stats()["quotes"] == 2


def test_a_nul_character_in_the_search_words_finds_nothing_instead_of_failing(filled):
    assert filled.quotes(contains="0\x00") == []


# -- events ------------------------------------------------------------------------------------

@pytest.fixture
def news(store, kyiv, bbc):
    store.add(kyiv)
    store.add(bbc)
    store.add(make_positions())
    return store


def test_events_carry_their_parties_type_and_evidence(news):
    assert news.events(code="ASSAULT") == [{
        "date": "2024-03-05", "source": ["Russian troops"], "target": ["Kharkiv"],
        "cameo": "195", "plover": "ASSAULT", "status": "happened",
        "evidence": [{"article_id": "p4", "event_id": "e1", "title": "Peskov: ready for talks",
                      "text": "shelled", "span": [115, 122], "date": "2024-03-05"}],
    }]


def test_events_are_ordered_by_date(news):
    assert [(e["date"], e["plover"]) for e in news.events()] == [
        ("2024-03-01", "REJECT"), ("2024-03-05", "ASSAULT"), ("2024-03-06", "CONSULT"),
    ]


def test_events_by_actor_target_code_and_dates(news):
    assert [e["plover"] for e in news.events(actor="Russia")] == ["ASSAULT", "CONSULT"]  # troops too
    assert [e["plover"] for e in news.events(target="Ukraine")] == ["ASSAULT", "CONSULT"]
    assert news.events(actor="Peskov") == []  # he speaks; he is no party to an event
    assert [e["plover"] for e in news.events(actor="Ukraine")] == ["REJECT"]
    assert [e["plover"] for e in news.events(code="19")] == ["ASSAULT"]
    assert [e["plover"] for e in news.events(code="consult")] == ["CONSULT"]
    assert [e["plover"] for e in news.events(since="2024-03-02", until="2024-03-05")] == ["ASSAULT"]
    assert news.events(actor="Angela Merkel") == []
    assert news.events(code="%") == []


def test_events_of_one_party_within_a_day_are_one_event(store, kyiv):
    store.add(kyiv)
    again = Article.from_dict({**kyiv.to_dict(), "id": "a1-bis", "title": "Kyiv refuses"})
    again.events[0].date = "2024-03-02"
    store.add(again)
    [event] = store.events()
    assert [e["article_id"] for e in event["evidence"]] == ["a1", "a1-bis"]


def test_events_are_paginated(news):
    assert [e["plover"] for e in news.events(limit=1, offset=1)] == ["ASSAULT"]
    assert news.events(limit=None, offset=3) == []
    with pytest.raises(ValueError):
        news.events(limit=-1)


# -- positions ---------------------------------------------------------------------------------

def test_positions_rows(news):
    assert news.positions() == [
        {"holder": "Dmitry Peskov", "issue": "negotiations", "stance": "conditional",
         "date": "2024-03-06", "article_id": "p4", "title": "Peskov: ready for talks",
         "evidence": "Russia was ready for talks if Kyiv accepted the new realities",
         "conditions": ["if Kyiv accepted the new realities"], "confidence": 0.8, "source": "quote"},
        {"holder": "The draft resolution", "issue": "ceasefire", "stance": "demand", "date": None,
         "article_id": "p4", "title": "Peskov: ready for talks", "evidence": "demands a ceasefire",
         "conditions": [], "confidence": 0.6, "source": "document"},
    ]


def test_positions_by_holder_issue_stance_and_dates(news):
    assert [p["issue"] for p in news.positions(holder="Russia")] == ["negotiations"]
    assert [p["issue"] for p in news.positions(holder="Peskov")] == ["negotiations"]
    assert [p["issue"] for p in news.positions(issue="CEASEFIRE")] == ["ceasefire"]
    assert [p["issue"] for p in news.positions(stance="demand")] == ["ceasefire"]
    assert [p["issue"] for p in news.positions(since="2024-03-06")] == ["negotiations"]
    assert news.positions(until="2024-03-05") == []
    assert news.positions(holder="Ukraine") == []


def test_a_record_with_positions_comes_back_whole(news):
    assert news.get("p4") == make_positions()
    assert news.stats()["positions"] == 2


# -- check -------------------------------------------------------------------------------------

def test_check_finds_nothing_wrong_in_a_sound_store(news):
    assert news.check() == []


def test_check_finds_an_article_whose_rows_do_not_match_its_record(news):
    news.conn.execute("DELETE FROM quotes WHERE article_id = 'b2' AND quote_id = 'q3'")
    assert news.check() == [
        "article 'b2': its rows do not match its record (half-written or edited by hand)"
    ]


# -- open_store --------------------------------------------------------------------------------

def test_open_store_opens_sqlite_for_a_path(tmp_path):
    with open_store(tmp_path / "x.db") as store:
        assert isinstance(store, Store)
    with open_store(str(tmp_path / "y.db")) as store:
        assert isinstance(store, Store)


@needs_postgres
def test_open_store_opens_postgres_for_a_url():
    from chronicle.store.postgres import PostgresStore

    for url in (POSTGRES_URL, POSTGRES_URL.replace("postgresql://", "postgres://", 1)):
        with open_store(url) as store:
            assert isinstance(store, PostgresStore)
            assert "***" in store.path or "@" not in url


def test_quotes_by_source_match_part_of_where_the_article_came_from(filled):
    every = filled.quotes(limit=None)
    sources = {row["source"] for row in every}
    one = sorted(sources)[0]
    found = filled.quotes(source=one[-6:].upper(), limit=None)
    assert found and {row["source"] for row in found} <= {s for s in sources if one[-6:].lower() in s.lower()}
    assert filled.quotes(source="no-such-site.example", limit=None) == []
    assert filled.quotes(source="%", limit=None) == [r for r in every if "%" in r["source"]]


def test_a_quote_in_two_pieces_is_found_by_words_of_either_piece(store):
    text = ('"The dam will hold," said Rosa Ilves, who ran the water board for a decade. '
            '"Nobody should leave the valley."')
    from chronicle.records import Actor, Quote

    from .conftest import at
    article = Article(
        id="p2", source="valley-news", title="Dam", published="2024-04-02", text=text,
        actors=[Actor(id="r1", name="Rosa Ilves", type="person", mentions=[at(text, "Rosa Ilves")])],
        quotes=[Quote(id="q1", content_span=at(text, '"The dam will hold,"'), kind="direct",
                      speaker="r1", speaker_span=at(text, "Rosa Ilves"), cue="said",
                      cue_span=at(text, "said"), date="2024-04-02",
                      more_content_spans=[at(text, '"Nobody should leave the valley."')])],
    )
    store.add(article)
    assert store.get("p2") == article
    assert store.get("p2").quotes[0].more_content_spans == [at(text, '"Nobody should leave the valley."')]
    assert ids(store.quotes(contains="leave the valley")) == [("p2", "q1")]
    assert ids(store.quotes(contains="dam will hold")) == [("p2", "q1")]
    assert store.quotes(contains="water board") == []  # the reporting clause is not content
    [row] = store.quotes(contains="valley")
    assert row["content"] == '"The dam will hold," … "Nobody should leave the valley."'
    assert row["content_span"] == list(at(text, '"The dam will hold,"'))
