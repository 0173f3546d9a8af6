"""One stored actor per party: the same person or body across articles, found by any alias."""
import pytest

import chronicle
from chronicle.knowledge.names import party_name_key
from chronicle.records import Actor, Article
from chronicle.store.sqlite import Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "parties.db") as s:
        yield s


def add(store, text, published="2014-06-01", source=None):
    article = chronicle.extract(text, published=published, source=source or text[:40])
    assert store.add(article)
    return article


def speakers(store, name):
    return sorted(q["speaker"] for q in store.quotes(speaker=name))


def test_a_full_name_and_a_surname_in_two_articles_are_one_actor(store):
    # The dictionaries list "Erdogan" as a name of RECEP_TAYYIP_ERDOGAN: one party, by its entry.
    add(store, 'Turkish President Recep Tayyip Erdogan said on Monday that "the talks will go on".')
    add(store, 'Erdogan said on Tuesday that "nothing has changed".')
    [row] = store.actors(name="Erdogan")
    assert row["party"] == "phoenix:countries/RECEP_TAYYIP_ERDOGAN" and row["articles"] == 2
    assert len(store.quotes(speaker="Recep Tayyip Erdogan")) == len(store.quotes(speaker="Erdogan")) == 2


def test_a_surname_joins_the_one_stored_full_name_ending_with_it(store):
    # Invented names: no knowledge-base entry, so the store's own rule joins them.
    add(store, 'John Tindley said on Monday that "the bridge will reopen".')
    add(store, 'Tindley said on Tuesday that "the bridge is safe".', source="second")
    [row] = store.actors(name="John Tindley")
    assert row["party"] == "person:" + party_name_key("John Tindley") and row["articles"] == 2
    assert len(store.quotes(speaker="John Tindley")) == 2


def test_a_surname_two_stored_people_share_stays_apart(store):
    add(store, 'John Tindley said on Monday that "the bridge will reopen".')
    add(store, 'Mary Tindley said on Monday that "the bridge will stay shut".', source="two")
    add(store, 'Tindley said on Tuesday that "the bridge is safe".', source="three")
    parties = {row["party"] for row in store.actors(name="Tindley")}
    assert parties == {"person:" + party_name_key(n) for n in ("John Tindley", "Mary Tindley", "Tindley")}
    assert len(store.quotes(speaker="John Tindley")) == 1


def test_initials_with_and_without_dots_are_one_party(store):
    add(store, 'The U.N. said on Monday that "aid must reach the city".', source="one")
    add(store, 'The UN said on Tuesday that "aid has arrived".', source="two")
    assert len(store.quotes(speaker="UN")) == len(store.quotes(speaker="U.N.")) == 2


def test_every_attribute_keeps_its_basis_in_the_store(store):
    article = add(store, "Vladimir Putin said on Monday that the talks had failed.", published="2012-03-01")
    stored = store.get(article.id)
    [putin] = [a for a in stored.actors if a.name == "Vladimir Putin"]
    assert putin.code == "RUSGOV" and putin.basis["code"].entry == "phoenix:countries/VLADIMIR_PUTIN"
    assert putin.basis["code"].valid == ["2008-05-08", "2015-02-17"]
    row = store.conn.execute("SELECT code, basis, party FROM actors WHERE name = 'Vladimir Putin'").fetchone()
    assert row["code"] == "RUSGOV" and '"knowledge"' in row["basis"]
    assert row["party"] == "phoenix:countries/VLADIMIR_PUTIN"


def test_a_version_2_store_is_migrated_with_parties(tmp_path):
    import json
    import sqlite3

    from chronicle.store import sqlite as backend

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for migrate in backend.MIGRATIONS[:2]:
        migrate(conn, False)
    record = Article(id="x", source="s", text="Joe Biden spoke.",
                     actors=[Actor(id="a1", name="Joe Biden", type="person", country="USA", mentions=[(0, 9)])]).to_dict()
    conn.execute("INSERT INTO articles (id, source, title, published, text, record, added_at)"
                 " VALUES ('x', 's', NULL, NULL, 'Joe Biden spoke.', ?, '2024-01-01')", [json.dumps(record)])
    conn.execute("INSERT INTO actors VALUES ('x', 'a1', 0, 'Joe Biden', 'ioe biden', 'person', 'USA', '[]', '[]', 1)")
    conn.execute("INSERT INTO actor_names VALUES ('x', 'a1', 'Joe Biden', 'ioe biden')")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version == 3
        assert store.actors(name="Biden")[0]["party"] == "person:" + party_name_key("Joe Biden")
        assert store.check() == []
