"""Actors: people, organisations, countries and groups, with all their mentions, roles and country.

1. Mentions come from spaCy's named entities, re-typed with the gazetteer: capitals and
   government seats ("Moscow", "the Kremlin") stand for their country, demonyms ("Russian") are
   not actors but give a country to the role they qualify, platforms ("Twitter") and regions
   ("Crimea") are not actors at all.
2. Mentions of one entity are merged: countries by ISO code, organisations by name key, people
   by full name, surname or a transliterated spelling ("Podoljak"/"Podolyak").
3. Roles come from the words around a person's name: title modifiers ("Russian Deputy Foreign
   Minister Sergei Vershinin") and appositions ("The adviser to ..., Mykhaylo Podoljak,").
   The country comes from a demonym or country name in the role ("Russian Deputy Foreign
   Minister", "King Hassan of Morocco"). Organisations take the country their name starts
   with ("the US Congress", "the Nigerian Union of Teachers").
4. What the text does not state comes from the knowledge base (``chronicle.knowledge.actor_base``,
   the Phoenix dictionaries), only from an entry valid on the publication date ("Vladimir Putin"
   in 2023 -> RUSGOV), and the CAMEO code from ``chronicle.extract.actor_codes``.
Every type, country and code says where it comes from (``Actor.basis``): the text (with its
span), the knowledge base (which entry, valid when) or a rule (which one). Roles are the text's.
Descriptions and pronouns ("the Russian diplomat", "he") are resolved by ``resolve_reference``
when they matter (as the speaker of a quote), and added to the actor's mentions then.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from chronicle.extract.actor_codes import LASTING_RULE, assign_code, identity, knowledge_basis, known_entry, lasting_entry, role_sector
from chronicle.extract.agent_groups import add_agent_groups
from chronicle.extract.step import Step
from chronicle.knowledge import gazetteer
from chronicle.knowledge.names import name_key, same_name
from chronicle.records import Actor, Basis

NER_RULE = "named entity {} (spaCy)"

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mr.", "mrs.", "ms.", "dr."}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
# A name right after one of these is a person, whatever NER says ("Chancellor Olaf Scholz" is
# often tagged ORG by the small English model).
TITLE_WORDS = {
    "president", "minister", "chancellor", "senator", "governor", "mayor", "general", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "adviser", "advisor",
    "premier", "king", "queen", "prince", "pope", "judge", "commissioner", "chairman", "chair",
    "representative", "rep.", "sen.", "gov.", "gen.", "col.", "lt.", "colonel", "captain", "leader",
    "director", "chief", "commander", "deputy", "speaker", "prosecutor", "rabbi", "imam", "bishop",
}
GROUP_PRONOUNS = {"they", "them", "it"}
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
# Words that tell a person's gender when they stand right before the name or in the role. The
# small English model knows no gender, and a list of first names would guess; these are stated.
# (Not kinship words: in "Trump's wife" or "Clinton and husband Bill" they name someone else.)
GENDER_WORDS = {
    "mr": "m", "mr.": "m", "sir": "m", "congressman": "m", "chairman": "m", "spokesman": "m",
    "businessman": "m", "king": "m", "prince": "m", "pope": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "dame": "f", "madam": "f",
    "congresswoman": "f", "chairwoman": "f", "spokeswoman": "f", "businesswoman": "f",
    "queen": "f", "princess": "f", "actress": "f",
}


@dataclass
class _Cluster:
    type: str
    name: str
    country: str | None = None
    forms: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    role_spans: list[tuple[int, int]] = field(default_factory=list)
    country_span: tuple[int, int] | None = None
    basis: dict[str, Basis] = field(default_factory=dict)

    def take_country(self, found: tuple[str, tuple[int, int]] | None) -> None:
        """Take ``(iso3, evidence span)`` as the country, unless one is known already."""
        if found is not None and not self.country:
            self.country, self.country_span = found
            self.basis["country"] = Basis("text", span=found[1])


def find_actors(doc, published: str | None = None) -> list[Actor]:
    """Find the actors of a parsed article.

    doc (spacy.tokens.Doc): the parsed article text.
    published (str | None): publication date, ISO; only knowledge-base codes valid then apply
        (none that are dated, without one).
    RETURNS (list[Actor]): actors in order of first mention, ids "a1", "a2", ...
    """
    clusters: list[_Cluster] = []
    defined = _acronyms_defined(doc)
    for ent in doc.ents:
        typed = _typed_mention(ent, published)
        if typed is None:
            continue
        kind, span, country, type_basis = typed
        long_form = defined.get(span.text)
        cluster = next((c for c in clusters if long_form in c.forms), None) if long_form else None
        if cluster is None:
            cluster = _cluster_for(clusters, kind, span.text, country[0] if country else None)
        cluster.basis.setdefault("type", type_basis)
        if country and cluster.country == country[0] and "country" not in cluster.basis:
            cluster.basis["country"] = _country_basis(country, span)
            if kind == "group":
                cluster.country_span = country[1]
        cluster.mentions.append((span.start_char, span.end_char))
        if span.text not in cluster.forms:
            cluster.forms.append(span.text)
        if kind == "person":
            _add_role(cluster, span)
        elif kind == "organization" and cluster.country is None:
            cluster.take_country(_modifier_country(span) or _leading_country(span))
    _add_missed_mentions(doc, clusters)
    for cluster in clusters:
        cluster.mentions.sort()
    actors = add_agent_groups(doc, [_to_actor(i, c) for i, c in enumerate(clusters, start=1)])
    for actor in actors:
        actor.entry = identity(actor)
        _complete_from_knowledge_base(actor, published)
        assign_code(actor, published)
    return actors


ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z&.]{1,9})\)")


def _acronyms_defined(doc) -> dict[str, str]:
    """Acronyms the text defines ("Rapid Support Forces (RSF)"): acronym -> the name before it,
    when the acronym's capitals are, in order, among the name's ("SEC" of "US Securities and
    Exchange Commission"), so "John Smith (AFP)" defines nothing."""
    text, defined = doc.text, {}
    for ent in doc.ents:
        found = ACRONYM.match(text, ent.end_char)
        if found is None or ent.label_ not in ("ORG", "NORP", "GPE", "FAC", "LOC"):
            continue
        capitals = iter(c for c in ent.text if c.isupper())
        if all(c in capitals for c in found.group(1) if c.isupper()):
            defined.setdefault(found.group(1), _strip_article(ent).text)
    return defined


def _country_basis(country: tuple[str, tuple[int, int] | object], span) -> Basis:
    """A country's basis: the words naming it, or the knowledge-base entry it was read from."""
    evidence = country[1]
    if isinstance(evidence, Basis):
        return evidence
    return Basis("text", span=evidence or (span.start_char, span.end_char))


# 1. Mentions -----------------------------------------------------------------------------------

def _typed_mention(ent, published: str | None = None):
    """(actor type, span without a leading article, (country, its evidence span)) for an
    entity, or None. A country's own mention is its evidence."""
    span = _strip_article(ent)
    text = span.text
    if not text or gazetteer.non_actor_kind(text):
        return None
    country = gazetteer.country_by_name(text)
    if ent.label_ in ("GPE", "ORG", "LOC", "PERSON") and country:
        return "country", span, (country.iso3, None), Basis("knowledge", entry=f"countries.tsv:{country.iso3}")
    # Any other place ("Bali", "Herat", a town the dictionaries list under its country) is where
    # things happen, not a party: it is not an actor. Capitals and seats of government stand for
    # their state (countries.tsv): "Moscow said".
    demonym = gazetteer.country_by_demonym(text)
    if ent.label_ == "NORP" or demonym:
        # A plural noun ("Ukrainians", "Republicans") acts as a group; an adjective does not act.
        if span.root.tag_ in ("NNS", "NNPS") and span.root.pos_ in ("NOUN", "PROPN"):
            plural = Basis("inferred", rule="a plural noun of a people (NORP)")
            if demonym is not None:
                return "group", span, (demonym.iso3, (span.start_char, span.end_char)), plural
            for token in span:  # "Iraqi Kurds", "Bosnian Serbs": the first demonym gives the country
                if (demonym := gazetteer.country_by_demonym(token.text)) is not None:
                    return "group", span, (demonym.iso3, _token_span(token)), plural
            return "group", span, _modifier_country(span), plural
        return None
    if ent.label_ == "PERSON":
        return "person", _strip_honorific(_strip_leading_title(span)), None, Basis("inferred", rule=NER_RULE.format("PERSON"))
    if _looks_like_titled_person(span):
        return "person", _strip_honorific(span), None, Basis("inferred", rule="a proper name after a title word")
    if ent.label_ == "ORG":
        return "organization", span, None, Basis("inferred", rule=NER_RULE.format("ORG"))
    return None


def _looks_like_titled_person(span) -> bool:
    """A two- or three-word proper name straight after a title word ("Chancellor Olaf Scholz")."""
    if span.start == 0 or not 2 <= len(span) <= 3:
        return False
    before = span.doc[span.start - 1]
    return before.lower_ in TITLE_WORDS and all(t.is_title and t.pos_ == "PROPN" for t in span)


def _strip_article(span):
    start, end = span.start, span.end
    doc = span.doc
    # NER spans sometimes start with a preposition or end in punctuation and line breaks.
    while start < end and (doc[start].pos_ in ("DET", "ADP", "PUNCT", "SPACE") or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text != ")":
        end -= 1
    while end > start and doc[end - 1].tag_ == "POS":  # "Ukraine's" -> "Ukraine"
        end -= 1
    return doc[start:end]


def _strip_leading_title(span):
    """A person's span without the title or people's word the tagger took into it ("Kenyan
    Bernard Lagat", "General Mark Hale"): they are the role and the country (``_title_before``),
    not the name. Two words are always kept."""
    doc, start = span.doc, span.start
    while span.end - start > 2 and (gazetteer.country_by_demonym(doc[start].text) or doc[start].lower_ in TITLE_WORDS
                                    or role_sector(doc[start].lower_)):
        start += 1
    return doc[start:span.end]


def _strip_honorific(span):
    doc = span.doc
    start = span.start
    while start < span.end - 1 and doc[start].lower_ in HONORIFICS:
        start += 1
    return doc[start:span.end]


def _add_missed_mentions(doc, clusters: list[_Cluster]) -> None:
    """Proper nouns NER left untagged but naming a known actor ("wrote Podoljak on Twitter")."""
    taken = {i for c in clusters for s, e in c.mentions for i in range(s, e)}
    surnames = [(c, c.name.split()[-1]) for c in clusters if c.type == "person"]
    for token in doc:
        if token.pos_ != "PROPN" or token.idx in taken or token.ent_type_ in ("PERSON", "ORG", "GPE"):
            continue
        country = gazetteer.country_by_name(token.text)
        match = next((c for c, surname in reversed(surnames) if same_name(token.text, surname)), None)
        if match is None and country:
            match = next((c for c in clusters if c.type == "country" and c.country == country.iso3), None)
            if match is None and token.ent_type_ in ("", "NORP", "LOC") and token.is_title:
                # A country NER missed ("Uzbekistan finally opened the bridge"): the gazetteer
                # names it, so it is an actor.
                match = _new_cluster(clusters, token, "country", country.name, country.iso3)
                match.basis["type"] = Basis("knowledge", entry=f"countries.tsv:{country.iso3}")
                match.basis["country"] = Basis("text", span=_token_span(token))
        if match is None and token.ent_type_ in ("", "NORP") and gazetteer.is_known_organization(token.text):
            # An organisation NER missed ("The pro-Iranian Hizbollah group declared ..."),
            # joined with its other mentions by name.
            match = next((c for c in clusters if c.type == "organization"
                          and any(name_key(f) == name_key(token.text) for f in c.forms)), None)
            if match is None:
                match = _new_cluster(clusters, token, "organization", token.text, None)
                match.basis["type"] = Basis("knowledge", entry="actor_codes.tsv")
        if match is not None:
            match.mentions.append((token.idx, token.idx + len(token.text)))
            if token.text not in match.forms:
                match.forms.append(token.text)


def _new_cluster(clusters: list[_Cluster], token, kind: str, name: str, country: str | None) -> _Cluster:
    """A cluster for a mention found after the NER pass, placed in order of first mention."""
    cluster = _Cluster(type=kind, name=name, country=country)
    at = next((k for k, c in enumerate(clusters) if min(c.mentions)[0] > token.idx), len(clusters))
    clusters.insert(at, cluster)
    return cluster


# 2. Merging ------------------------------------------------------------------------------------

def _cluster_for(clusters: list[_Cluster], kind: str, text: str, country: str | None) -> _Cluster:
    for cluster in reversed(clusters):  # the most recent namesake is the likeliest referent
        if cluster.type == kind and _same_entity(cluster, kind, text, country):
            if kind == "person" and len(text.split()) > len(cluster.name.split()):
                cluster.name = text
            return cluster
    if kind != "country" and (other := _same_party_other_type(clusters, kind, text)) is not None:
        return other
    known = gazetteer.country_by_name(text) if kind == "country" else None
    name = known.name if known else text  # a city from the imported knowledge base keeps its name
    cluster = _Cluster(type=kind, name=name, country=country)
    clusters.append(cluster)
    return cluster


SURNAME_RULE = "its surname alone is a person's mention"


def _same_party_other_type(clusters: list[_Cluster], kind: str, text: str) -> _Cluster | None:
    """The cluster a mention joins although the tagger typed it otherwise: the same name
    ("Telegraph" tagged an organisation, then a person), a lone surname of a person named in
    full ("Hilary Swank", then "Swank" tagged an organisation), or a person's lone surname whose
    full name was tagged an organisation ("Helmut Panke", then "Panke": a person). One party is
    never split in two by the tagger's changing mind."""
    words = text.split()
    for cluster in reversed(clusters):
        if cluster.type == "country" or cluster.type == kind:
            continue
        if any(name_key(form) == name_key(text) for form in cluster.forms):
            return cluster
        if len(words) != 1 or not words[0][:1].isupper():
            continue
        full = cluster.name.split()
        if cluster.type == "person" and len(full) > 1 and same_name(words[0], full[-1]):
            return cluster
        if (kind == "person" and cluster.type == "organization" and 2 <= len(full) <= 3
                and all(w[:1].isupper() for w in full) and same_name(words[0], full[-1])):
            cluster.type = "person"
            cluster.basis["type"] = Basis("inferred", rule=SURNAME_RULE)
            return cluster
    return None


def _same_entity(cluster: _Cluster, kind: str, text: str, country: str | None) -> bool:
    if kind == "country":
        return cluster.country == country
    if kind != "person":
        return any(name_key(form) == name_key(text) for form in cluster.forms)
    return any(_same_person(form, text) for form in cluster.forms)


def _same_person(a: str, b: str) -> bool:
    """Full names match by spelling; a lone surname matches the last word of a full name."""
    if same_name(a, b):
        return True
    wa, wb = a.split(), b.split()
    if len(wa) == 1 or len(wb) == 1:
        short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
        return same_name(short[0], long_[-1])
    return False


# 3. Roles and countries ------------------------------------------------------------------------

def _add_role(cluster: _Cluster, span) -> None:
    cluster.take_country(_of_country(span))
    for role in (_title_before(span), _apposition_role(span)):
        if role is None or len(role) == 0:
            continue
        country = _country_in(role)
        words = _without_leading_country(role)
        if len(words) == 0:
            cluster.take_country(country)
            continue
        text = words.text
        if text.lower() not in {r.lower() for r in cluster.roles}:
            cluster.roles.append(text)
            cluster.role_spans.append((words.start_char, words.end_char))
        cluster.take_country(country)


def _token_span(token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def _of_country(span) -> tuple[str, tuple[int, int]] | None:
    """"King Hassan of Morocco", "President Museveni of Uganda": a country right after "of"."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
        return None
    start = span.end + 1
    if doc[start].lower_ == "the":
        start += 1
    for end in range(min(len(doc), start + 4), start, -1):
        country = gazetteer.country_by_name(doc[start:end].text)
        if country and (end == len(doc) or doc[end].pos_ not in ("NOUN", "PROPN")):
            return country.iso3, (doc[start].idx, doc[start:end].end_char)
    return None


def _title_before(span):
    """Title words right before a name, all modifying it: "Russian Deputy Foreign Minister"."""
    doc = span.doc
    i = span.start - 1
    while i >= 0:
        token = doc[i]
        if token.tag_ == "HYPH" and i > 0 and token.idx == doc[i - 1].idx + len(doc[i - 1].text):
            i -= 1  # inside a title word: "Secretary-General"
            continue
        if token.is_punct or token.pos_ in ("DET", "ADP", "CCONJ", "VERB", "AUX", "PRON", "NUM"):
            break
        if not (span.start <= _chain_head(token, span).i < span.end):
            break
        if token.lower_ in HONORIFICS or (token.ent_type_ == "PERSON" and token.lower_ not in TITLE_WORDS
                                          and not gazetteer.country_by_demonym(token.text)):
            break  # (a title or people's word the tagger took into the name is still a title)
        i -= 1
    return doc[i + 1:span.start] if i + 1 < span.start else None


def _chain_head(token, span):
    """Follow modifier links towards the name (Deputy -> Minister -> Vershinin)."""
    seen = 0
    while token.dep_ in ("compound", "amod", "nmod", "poss") and seen < 8:
        if span.start <= token.head.i < span.end or token.head.i <= token.i:
            return token.head
        token = token.head
        seen += 1
    return token


def _apposition_role(span):
    """The noun phrase in apposition with a name: "The adviser to ..., Podoljak" or "X, the envoy"."""
    root = span.root
    doc = span.doc
    if root.dep_ == "appos" and root.head.i < span.start and root.head.pos_ == "NOUN":
        head = root.head
        return _trim(doc[head.left_edge.i:span.start])
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i >= span.end:
            return _trim(doc[child.left_edge.i:child.right_edge.i + 1])
    return None


def _trim(span):
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].pos_ == "DET"):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def _country_in(span) -> tuple[str, tuple[int, int]] | None:
    """The country named in a role by demonym ("Ukrainian") or name ("of Ukraine"), with its span."""
    for token in span:
        country = gazetteer.country_by_demonym(token.text) or gazetteer.country_by_name(token.text)
        if country:
            return country.iso3, _token_span(token)
    for ent in span.ents:
        country = gazetteer.country_by_name(ent.text) or gazetteer.country_by_demonym(ent.text)
        if country:
            return country.iso3, (ent.start_char, ent.end_char)
    return None


def _without_leading_country(role):
    start = role.start
    doc = role.doc
    while start < role.end and (
        gazetteer.country_by_demonym(doc[start].text) or gazetteer.country_by_name(doc[start].text)
        or doc[start].tag_ == "POS"
    ):
        start += 1
    return doc[start:role.end]


def _modifier_country(span) -> tuple[str, tuple[int, int]] | None:
    """An organisation's country from a demonym right before it ("Russian Foreign Ministry")."""
    if span.start == 0:
        return None
    token = span.doc[span.start - 1]
    country = gazetteer.country_by_demonym(token.text)
    if country is None and token.dep_ == "compound" and span.start <= token.head.i < span.end:
        country = gazetteer.country_by_name(token.text)  # "US Congress" tagged "US" + "Congress"
    return (country.iso3, _token_span(token)) if country else None


def _leading_country(span) -> tuple[str, tuple[int, int]] | None:
    """An organisation's country from the name it starts with ("US Congress", "Nigerian Union
    of Teachers", "Ivory Coast's Supreme Court"); the whole name being a country does not count."""
    doc = span.doc
    for end in range(min(span.end - 1, span.start + 3), span.start, -1):
        words = doc[span.start:end]
        country = gazetteer.country_by_name(words.text) or gazetteer.country_by_demonym(words.text)
        if country:
            return country.iso3, (words.start_char, words.end_char)
    return None


def _complete_from_knowledge_base(actor: Actor, published: str | None = None) -> None:
    """The country of a person or organisation the text gives none, from a knowledge-base
    entry valid on the publication date; it says so in ``basis`` (the text has no span for it)."""
    if actor.country is not None or actor.type == "country":
        return
    entry = known_entry(actor, published)
    if entry is not None and entry.country:
        actor.country = entry.country
        actor.basis["country"] = knowledge_basis(entry)
        return
    entry = lasting_entry(actor)
    if entry is not None:
        actor.country = entry.country
        actor.basis["country"] = knowledge_basis(entry, LASTING_RULE)


def _to_actor(number: int, cluster: _Cluster) -> Actor:
    aliases = [f for f in cluster.forms if f != cluster.name]
    return Actor(
        id=f"a{number}", name=cluster.name, type=cluster.type, aliases=aliases,
        country=cluster.country, roles=cluster.roles, mentions=cluster.mentions,
        role_spans=cluster.role_spans, country_span=cluster.country_span, basis=dict(cluster.basis),
    )


# References ------------------------------------------------------------------------------------

def resolve_reference(span, actors: list[Actor]) -> Actor | None:
    """The actor a pronoun or description ("he", "the Russian diplomat") refers to.

    Chooses among actors mentioned before ``span``: for a person pronoun the most recent
    person; for a description the most recent person whose country matches its demonym or
    whose role shares its head noun; for a named mention, the actor with that mention.
    """
    start = span.start_char
    for actor in actors:
        if any(s <= start < e for s, e in actor.mentions):
            return actor
    words = [t for t in span if not t.is_punct]
    if not words:
        return None
    if len(words) == 1 and words[0].lower_ in PERSON_PRONOUNS:
        gender = PRONOUN_GENDER[words[0].lower_]

        def agrees(actor: Actor) -> bool:  # "he" is not a woman the text calls "Mrs. Clinton"
            return actor.type == "person" and _gender(actor, span.doc) in (None, gender)
        return _subject_actor(span, actors, ("person",), agrees) or _most_recent(actors, start, agrees)
    if len(words) == 1 and words[0].lower_ in GROUP_PRONOUNS:
        # Only a subject just before: the most recent organisation or place is too often wrong
        # ("environmentalists worry ..., they say" is not the United States named earlier).
        return _subject_actor(span, actors, ("organization", "country", "group"))
    if len(words) == 1 and words[0].pos_ == "PRON":
        return None  # "I", "we", "you": the writer or an unnamed voice, not the last name mentioned
    head = span.root.lemma_.lower()
    country = next((c.iso3 for t in words if (c := gazetteer.country_by_demonym(t.text))), None)

    def fits(actor: Actor) -> bool:
        if actor.type != "person":
            return False
        if country and actor.country != country:
            return False
        return bool(country) or any(head in role.lower().split() for role in actor.roles)

    return _most_recent(actors, start, fits)


def _gender(actor: Actor, doc) -> str | None:
    """"m" or "f" where the text states it for ``actor`` (an honorific before a mention, a gendered
    role word), else None; None too when the text says both."""
    text = doc.user_data.get(("chronicle", "text"))
    if text is None:  # doc.text joins every token: keep it once per document (as quotes/helpers.py does)
        text = doc.user_data[("chronicle", "text")] = doc.text
    found = set()
    for start, _ in actor.mentions:
        before = text[max(0, start - 16):start].split()
        if before and (g := GENDER_WORDS.get(before[-1].lower())):
            found.add(g)
    for role in actor.roles:
        found.update(g for word in role.lower().split() if (g := GENDER_WORDS.get(word)))
    return found.pop() if len(found) == 1 else None


def _subject_actor(span, actors: list[Actor], types: tuple[str, ...], agrees=None) -> Actor | None:
    """The actor (of one of ``types``) that is the subject of the main verb just before a
    pronoun, in its own sentence or the one before ("Spokesman X said that President Y wants ...
    He said ...": X, not Y, the most recent name). Subjects are the likelier antecedents
    (centering); None when the nearest such subject is not a named actor of those types."""
    doc = span.doc
    sent = span.sent
    previous = doc[sent.start - 1].sent if sent.start > 0 else None
    for candidate in (sent, previous):
        if candidate is None:
            continue
        root = candidate.root
        for subject in (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
            if subject.i >= span.start:
                continue
            # The head first: in "Clinton communication director Jennifer Palmieri" it is Palmieri.
            for token in sorted(subject.subtree, key=lambda t: (t.i != subject.i, -t.i)):
                owner = next((a for a in actors if any(s <= token.idx < e for s, e in a.mentions)), None)
                if owner is not None:
                    if agrees is not None and owner.type in types and not agrees(owner):
                        break  # "Mrs. Clinton said … He added": not her; look one sentence further
                    return owner if owner.type in types else None
    return None


def _most_recent(actors: list[Actor], before: int, predicate) -> Actor | None:
    best, best_start = None, -1
    for actor in actors:
        if not predicate(actor):
            continue
        starts = [s for s, _ in actor.mentions if s < before]
        if starts and max(starts) > best_start:
            best, best_start = actor, max(starts)
    return best


def _find_actors_step(doc, article) -> None:
    article.actors = find_actors(doc, article.published)


STEP = Step("actors", reads=("doc", "published"), adds=("actors",), run=_find_actors_step)
