"""Country + agent phrases as actors: "Israeli troops", "the Serbian parliament", "US forces".

Event data codes such phrases as parties (PETRARCH2 reads them with its agents dictionary:
ISRMIL, SRBLEG, USAMIL), but no named-entity tagger marks them, so an article's actor list and
its events would lack the party that acts. A noun phrase is one when:

1. its head is a plural noun or an institution noun (``INSTITUTIONS``: "government", "army");
   an individual in the singular ("the Russian president") is a reference to a person, not a
   party of its own;
2. its head word has a sector (``actor_codes.role_sector``: Chronicle's table, then the Phoenix
   agents dictionary: troops -> MIL, police -> COP);
3. a modifier before the head is a country's name or adjective ("Israeli", "US", "Sri Lankan"),
   which is the text's evidence of the country;
4. no other country is named between it and the head ("Hungarian and Romanian officials" are
   two parties, and which did what is not this rule's to say);
5. it is not the staff "of" an organisation the text names ("the Russian editors of the BBC");
6. no actor already has a mention there ("Nigerian Union of Teachers" is an organisation), but
   the country's own ("US forces": the country keeps "US", the group is "US forces").

The actor is a group (an organisation for an institution) whose name is the phrase from the
country word to the head; its country is stated by the text, its type and code are inferred.
"""
from __future__ import annotations

from chronicle.extract.actor_codes import role_sector
from chronicle.knowledge import gazetteer
from chronicle.records import Actor, Basis

# Singular nouns that name a body, not one person: a country's institution.
INSTITUTIONS = {"government", "army", "military", "police", "parliament", "administration", "navy",
                "cabinet", "regime", "junta", "judiciary", "legislature", "ministry", "embassy",
                "opposition", "court", "senate", "congress", "assembly", "coastguard", "guard"}
RULE = "a country's word before an agent noun (phoenix:agents)"
MODIFIERS = ("amod", "compound", "nmod", "npadvmod")


def add_agent_groups(doc, actors: list[Actor]) -> list[Actor]:
    """``actors`` with a group actor for each country + agent phrase no actor covers, in order of
    first mention (ids renumbered "a1", "a2", ... when any is added)."""
    owned = {c: a for a in actors for s, e in a.mentions for c in range(s, e)}
    added: dict[tuple[str, str], Actor] = {}
    for head in doc:
        found = _agent_phrase(head, owned)
        if found is None:
            continue
        phrase, iso3, evidence, institution = found
        span = (phrase.start_char, phrase.end_char)
        key = (iso3, head.lemma_.lower())
        if key in added:
            added[key].mentions.append(span)
            continue
        added[key] = Actor(
            id="", name=phrase.text, type="organization" if institution else "group", country=iso3,
            roles=[head.text], role_spans=[(head.idx, head.idx + len(head.text))], mentions=[span],
            country_span=evidence,
            basis={"type": Basis("inferred", span=span, rule=RULE), "country": Basis("text", span=evidence)})
    if not added:
        return actors
    merged = sorted([*actors, *added.values()], key=lambda a: min(a.mentions, default=(0, 0)))
    renamed = {a.id: f"a{i}" for i, a in enumerate(merged, start=1) if a.id}
    for i, actor in enumerate(merged, start=1):
        actor.id = f"a{i}"
    assert len(renamed) == len(actors)  # the callers renumber nothing else: no record refers to ids yet
    return merged


def _agent_phrase(head, owned: dict[int, Actor]):
    """(phrase, ISO3, evidence span, institution?) for a country + agent phrase headed by
    ``head``, or None."""
    if head.pos_ != "NOUN" or head.idx in owned:
        return None
    lemma = head.lemma_.lower()
    institution = lemma in INSTITUTIONS and head.tag_ == "NN"
    if head.tag_ != "NNS" and not institution:
        return None
    if role_sector(head.text) is None:
        return None
    if any(_of_organization(prep, owned) for prep in head.rights if prep.lower_ == "of"):
        return None  # "the Russian editors of the BBC": the BBC's staff; the adjective may be a language
    mods = [t for t in head.lefts if t.dep_ in MODIFIERS and t.i < head.i]
    if not mods:
        return None
    start = mods[0].left_edge.i
    for i in range(start, head.i):
        for j in range(head.i, i, -1):
            words = head.doc[i:j]
            if not words.text[:1].isupper():
                continue  # a country's word is capitalised: "male actors" are not from Male (MDV)
            country = gazetteer.country_by_demonym(words.text) or gazetteer.country_by_name(words.text)
            # The country word may be the country's own mention ("US forces"), nothing else's.
            if country is not None and all(owned.get(t.idx) is None or (owned[t.idx].type == "country"
                                                                       and owned[t.idx].country == country.iso3)
                                           for t in words):
                if any(_names_country(t) for t in head.doc[j:head.i]):
                    return None  # "Hungarian and Romanian officials": two parties, not one
                return head.doc[i:head.i + 1], country.iso3, (words.start_char, words.end_char), institution
    return None


def _of_organization(prep, owned: dict[int, Actor]) -> bool:
    return any(owned.get(t.idx) is not None and owned[t.idx].type == "organization"
               for child in prep.children if child.dep_ == "pobj" for t in child.subtree)


def _names_country(token) -> bool:
    return bool(gazetteer.country_by_demonym(token.text) or (token.pos_ == "PROPN" and gazetteer.country_by_name(token.text)))
