"""Hand-built records for the store tests: small texts whose spans are checked on creation.

The ``store`` fixture runs each test on both backends: "sqlite" (a temporary file) and
"postgres" (a fresh schema in the database at env CHRONICLE_TEST_POSTGRES, dropped after the
test; skipped when that variable is unset: start a server with ``eval "$(bash .ci/postgres.sh)"``).
"""
import os
import uuid

import pytest

from chronicle.records import Actor, Article, Event, Position, Quote, TimeExpression
from chronicle.store.sqlite import Store

POSTGRES_URL = os.environ.get("CHRONICLE_TEST_POSTGRES")
NO_POSTGRES = ("CHRONICLE_TEST_POSTGRES is not set: no PostgreSQL server to test against "
               "(start one with: eval \"$(bash .ci/postgres.sh)\")")
needs_postgres = pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)


def at(text, words, occurrence=1):
    """The span of the nth occurrence of ``words`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(words, start + 1)
    return (start, start + len(words))


KYIV_TEXT = (
    "Ukraine will not cede Crimea, presidential adviser Mykhaylo Podoljak said on Friday. "
    '"There will be no talks under fire," Podoljak told Reuters. '
    "Russian Foreign Minister Sergei Lavrov said Moscow was ready for talks."
)

BBC_TEXT = (
    "Mykhailo Podolyak, an adviser to President Volodymyr Zelensky, said on Monday that the "
    'talks had failed. Zelensky said: "We will fight on." '
    'Officials called the situation "difficult".'
)

TRICKY_TEXT = (
    "Robert'); DROP TABLE actors;-- said he was 100% \"sure\" it_was fine. "
    "O'Brien added: \"Nothing\\here; DELETE FROM quotes WHERE 1=1; --\"."
)


def make_kyiv():
    t = KYIV_TEXT
    return Article(
        id="a1",
        source="kyiv-independent",
        title="Podoljak: no talks under fire",
        published="2024-03-01",
        text=t,
        actors=[
            Actor(id="act1", name="Mykhaylo Podoljak", type="person", aliases=["Podoljak"],
                  country="UKR", roles=["presidential adviser"],
                  mentions=[at(t, "Mykhaylo Podoljak"), at(t, "Podoljak", 2)],
                  role_spans=[at(t, "presidential adviser")]),
            Actor(id="act2", name="Sergei Lavrov", type="person", country="RUS",
                  roles=["Foreign Minister"], mentions=[at(t, "Sergei Lavrov")],
                  role_spans=[at(t, "Foreign Minister")]),
            Actor(id="act3", name="Ukraine", type="country", country="UKR",
                  mentions=[at(t, "Ukraine")]),
            Actor(id="act4", name="Reuters", type="organization", mentions=[at(t, "Reuters")]),
        ],
        quotes=[
            Quote(id="q1", content_span=at(t, "Ukraine will not cede Crimea"), kind="indirect",
                  speaker="act1", speaker_span=at(t, "Mykhaylo Podoljak"), cue="say",
                  cue_span=at(t, "said"), date="2024-03-01", time="t1",
                  sentence_span=at(t, "Ukraine will not cede Crimea, presidential adviser "
                                      "Mykhaylo Podoljak said on Friday.")),
            Quote(id="q2", content_span=at(t, "There will be no talks under fire,"),
                  kind="direct", speaker="act1", speaker_span=at(t, "Podoljak", 2), cue="tell",
                  cue_span=at(t, "told"), medium="Reuters", medium_span=at(t, "Reuters"),
                  date="2024-03-01"),
            Quote(id="q3", content_span=at(t, "Moscow was ready for talks"), kind="indirect",
                  speaker="act2", speaker_span=at(t, "Sergei Lavrov"), cue="say",
                  cue_span=at(t, "said", 2), date="2024-03-01"),
        ],
        times=[
            TimeExpression(id="t1", span=at(t, "Friday"), text="Friday", type="DATE",
                           value="2024-03-01", anchor="published"),
        ],
        events=[
            Event(id="e1", span=at(t, "will not cede"), source=["act3"], cameo="125",
                  plover="REJECT", status="refused", date="2024-03-01",
                  sentence_span=at(t, "Ukraine will not cede Crimea, presidential adviser "
                                      "Mykhaylo Podoljak said on Friday.")),
        ],
    )


def make_bbc():
    t = BBC_TEXT
    return Article(
        id="b2",
        source="bbc",
        title="Talks have failed, says Kyiv",
        published="2024-03-05",
        text=t,
        actors=[
            Actor(id="x1", name="Mykhailo Podolyak", type="person", country="UKR",
                  roles=["adviser"], mentions=[at(t, "Mykhailo Podolyak")]),
            Actor(id="x2", name="Volodymyr Zelensky", type="person", aliases=["Zelensky"],
                  country="UKR", roles=["President"],
                  mentions=[at(t, "Volodymyr Zelensky"), at(t, "Zelensky", 2)]),
        ],
        quotes=[
            Quote(id="q1", content_span=at(t, "the talks had failed"), kind="indirect",
                  speaker="x1", speaker_span=at(t, "Mykhailo Podolyak"), cue="say",
                  cue_span=at(t, "said"), date="2024-03-04", time="t1"),
            Quote(id="q2", content_span=at(t, "We will fight on."), kind="direct",
                  speaker="x2", speaker_span=at(t, "Zelensky", 2), cue="say",
                  cue_span=at(t, "said", 2), date="2024-03-05"),
            Quote(id="q3", content_span=at(t, "difficult"), kind="mixed",
                  cue="call", cue_span=at(t, "called")),  # no speaker, no date
        ],
        times=[
            TimeExpression(id="t1", span=at(t, "Monday"), text="Monday", type="DATE",
                           value="2024-03-04", anchor="published"),
        ],
    )


def make_tricky():
    """SQL and LIKE metacharacters, quotes and a backslash in names, title and text."""
    t = TRICKY_TEXT
    return Article(
        id="c3'; DROP TABLE articles; --",
        source='the "Daily" 100%_news',
        title="It's 100% \"sure\"; --",
        published="2024-04-01",
        text=t,
        actors=[
            Actor(id="p'1", name="Robert'); DROP TABLE actors;--", type="person",
                  aliases=['Bobby "Tables"'], mentions=[at(t, "Robert'); DROP TABLE actors;--")]),
            Actor(id="p%2", name="O'Brien", type="person", mentions=[at(t, "O'Brien")]),
        ],
        quotes=[
            Quote(id="q'1", content_span=at(t, 'he was 100% "sure" it_was fine'),
                  kind="indirect", speaker="p'1",
                  speaker_span=at(t, "Robert'); DROP TABLE actors;--"), cue="say",
                  cue_span=at(t, "said"), date="2024-04-01"),
            Quote(id="q%2", content_span=at(t, "Nothing\\here; DELETE FROM quotes WHERE 1=1; --"),
                  kind="direct", speaker="p%2", speaker_span=at(t, "O'Brien"), cue="add",
                  cue_span=at(t, "added"), date="2024-04-01"),
        ],
    )


def make_positions():
    """Two statements of one Kremlin position a day apart, an event, and a document holder."""
    t = ("Kremlin spokesman Dmitry Peskov said Russia was ready for talks if Kyiv accepted the "
         "new realities. Russian troops shelled Kharkiv on Tuesday. The draft resolution demands "
         "a ceasefire.")
    return Article(
        id="p4",
        source="tass",
        title="Peskov: ready for talks",
        published="2024-03-06",
        text=t,
        actors=[
            Actor(id="r1", name="Dmitry Peskov", type="person", country="RUS",
                  roles=["Kremlin spokesman"], mentions=[at(t, "Dmitry Peskov")]),
            Actor(id="r2", name="Russia", type="country", country="RUS", mentions=[at(t, "Russia")]),
            Actor(id="r3", name="Kyiv", type="country", country="UKR", mentions=[at(t, "Kyiv")]),
            Actor(id="r4", name="Russian troops", type="group", country="RUS",
                  mentions=[at(t, "Russian troops")]),
            Actor(id="r5", name="Kharkiv", type="country", country="UKR", mentions=[at(t, "Kharkiv")]),
        ],
        quotes=[
            Quote(id="q1", content_span=at(t, "Russia was ready for talks if Kyiv accepted the new realities"),
                  kind="indirect", speaker="r1", speaker_span=at(t, "Dmitry Peskov"), cue="say",
                  cue_span=at(t, "said"), date="2024-03-06"),
        ],
        events=[
            Event(id="e1", span=at(t, "shelled"), source=["r4"], target=["r5"], cameo="195",
                  plover="ASSAULT", status="happened", date="2024-03-05"),
            Event(id="e2", span=at(t, "ready for talks"), source=["r2"], target=["r3"], cameo="036",
                  plover="CONSULT", status="planned", date="2024-03-06"),
        ],
        positions=[
            Position(id="s1", holder=["r1", "r2"], issue="negotiations", stance="conditional",
                     conditions=[at(t, "if Kyiv accepted the new realities")],
                     span=at(t, "Russia was ready for talks if Kyiv accepted the new realities"),
                     evidence_spans=[at(t, "Russia was ready for talks if Kyiv accepted the new realities")],
                     date="2024-03-06", confidence=0.8, source="quote", quote="q1"),
            Position(id="s2", holder=[], issue="ceasefire", stance="demand",
                     span=at(t, "demands a ceasefire"), evidence_spans=[at(t, "demands a ceasefire")],
                     holder_span=at(t, "The draft resolution"), confidence=0.6, source="document"),
        ],
    )


@pytest.fixture
def kyiv():
    return make_kyiv()


@pytest.fixture
def bbc():
    return make_bbc()


@pytest.fixture
def tricky():
    return make_tricky()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "chronicle.db"


@pytest.fixture
def pg_schema():
    """A fresh schema name in the test database; the schema is dropped after the test."""
    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    import psycopg
    from psycopg import sql

    name = "chronicle_test_" + uuid.uuid4().hex[:12]
    yield name
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request):
    if request.param == "postgres" and not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    return request.param


@pytest.fixture
def open_backend(request, backend, db_path):
    """Opens a new store on this test's one database (the same data at every call)."""
    if backend == "sqlite":
        return lambda: Store(db_path)
    from chronicle.store.postgres import PostgresStore

    schema = request.getfixturevalue("pg_schema")
    return lambda: PostgresStore(POSTGRES_URL, schema=schema)


@pytest.fixture
def store(open_backend):
    with open_backend() as store:
        yield store


@pytest.fixture
def filled(store, kyiv, bbc):
    """A store holding the Kyiv Independent and the BBC articles."""
    store.add(kyiv)
    store.add(bbc)
    return store
