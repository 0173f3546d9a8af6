"""Events: who did what to whom, coded in CAMEO and PLOVER, each with its evidence, status and date.

Rule-based over spaCy's dependency parse, with the lexicon in ``chronicle/data/event_verbs.tsv``:

1. Triggers. A verb whose lemma (plus particle/preposition, plus object noun where the table
   asks for one) is in the lexicon codes an event ("invited Ukraine to peace negotiations" ->
   036). A noun in the lexicon codes an event on its own when an actor is attached to it
   ("The invasion of Ukraine by Russian troops" -> 190, target from "of", source from "by").
2. Embedding. A coded action under an intent, request or threat verb refines that verb's code,
   as CAMEO does ("agreed to provide aid" -> 033, "demanded the withdrawal" -> 1056, "threatened
   to shell" -> 138); under "refuse"/"decline" it keeps its own code with status "refused".
3. Actors. Source = the subject's actor (passive: the "by" agent), target = the object's or a
   prepositional object's actor. Tokens map to actors through ``Actor.mentions``; a demonym
   ("Russian troops") maps to that country's actor, or to a new group actor appended to
   ``actors`` when the article has none; pronouns resolve with ``actors.resolve_reference``
   (the subject pronoun of a reported clause is its speaker: "X said they would ..."). A
   participant still without a country takes the one country its sentence names, if only one
   (``_sentence_country``); an agent-noun subject with no actor ("Prisoners rioted in Dili")
   becomes a group actor of that country.
4. Status from the grammar of the trigger's clause: negation -> negated; refuse/decline to ->
   refused; if/unless, would/could/might -> hypothetical; will/should/must, plan/expect/set to
   -> planned; else happened.
5. Date: a day-level time expression attached to the trigger, else ``times.sentence_date``
   (the sentence's date, else the publication date).
Mode and context come from the CAMEO -> PLOVER table ``chronicle/data/cameo.tsv``.

Layout: ``finding`` (``find_events``, the steps above in order), ``codebook`` (the lexicon, the
CAMEO/PLOVER table, embedding and convention codes), ``actor_codes`` (``actor_code``), ``words``
(the word lists of the rules), ``triggers`` (verb triggers and embedding, steps 1-2),
``participants`` (step 3), ``nominal`` (noun triggers and the special rules), ``status`` (steps 4
and 5, and the record).

DOCS: docs/events.md
"""
from chronicle.extract.events.finding import find_events
from chronicle.extract.step import Step

__all__ = ["find_events", "STEP"]


def _find_events_step(doc, article) -> None:
    article.events = find_events(doc, article.actors, article.times, article.published)


# Events add the groups they find as participants ("Israeli soldiers") to the article's actors.
STEP = Step("events", reads=("doc", "actors", "times", "published"), adds=("events", "actors"), run=_find_events_step)
