"""The word lists the event rules consult: status words, speech and report verbs, pronouns, the
heads of agent, group and holder phrases."""

REFUSAL_VERBS = {"refuse", "decline"}
FAIL_VERBS = {"fail"}
PLAN_VERBS = {"plan", "intend", "expect", "schedule", "set", "aim", "prepare", "hope", "want",
              "seek", "mean"}
PLAN_ADJECTIVES = {"willing", "ready", "prepared", "due", "set", "expected", "likely", "determined"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "should", "must", "ought"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "'d"}
SPEECH_VERBS = {"say", "tell", "announce", "state", "declare", "add", "write", "report", "claim",
                "insist", "warn", "confirm", "reiterate", "stress", "note"}
CONDITION_MARKS = {"if", "unless", "provided", "whether"}
NOMINAL_PLAN = {"planned", "proposed", "possible", "potential", "future", "expected", "threatened",
                "upcoming", "scheduled", "intended"}
OFFER_NOUNS = {"offer", "proposal", "invitation", "initiative", "statement", "plan", "call", "idea"}
DISMISSIVE = {"meaningless", "pointless", "unacceptable", "absurd", "propaganda", "proof",
              "nonsense", "ridiculous", "empty", "futile", "impossible"}
TALK_NOUNS = {"talk", "negotiation", "dialogue", "meeting", "peace"}
PARTITIVE = {"part", "some", "most", "all", "number", "one", "many", "half", "third", "rest"}
GROUP_NOUNS = {"rebel", "group", "force", "demonstrator", "protester", "guerrilla", "guerilla",
               "militant", "student", "worker", "refugee", "officer", "soldier", "police", "party",
               "activist", "inhabitant", "supporter", "prisoner", "farmer", "landowner", "elder",
               "doctor", "settler", "youth", "hacker", "militia", "militiaman", "villager",
               "resident", "civilian", "wing", "faction", "movement", "coalition"}
QUANTITY_NOUNS = {"thousand", "hundred", "dozen", "million", "score", "crowd", "band", "handful",
                  "contingent", "unit", "detachment", "delegation"}
PERSON_PRONOUNS = {"he", "she"}
GROUP_PRONOUNS = {"they", "it"}
REPORT_VERBS = {"announce", "threaten", "promise", "vow", "pledge", "warn", "indicate", "signal"}
# Heads of subject phrases that name an agent ("officials", "police", "prisoners") and may take
# the country of their sentence when it names exactly one.
AGENT_NOUNS = {"official", "leader", "authority", "government", "police", "policeman", "army",
               "military", "troop", "soldier", "rebel", "guerrilla", "guerilla", "militant",
               "fundamentalist", "insurgent", "separatist", "prisoner", "demonstrator", "protester",
               "student", "worker", "farmer", "opposition", "minister", "president", "spokesman",
               "court", "parliament", "speaker", "delegation", "militia", "force", "activist",
               "supporter", "refugee", "villager", "resident", "striker", "union", "party", "cabinet",
               "ministry", "administration", "junta", "regime", "legislature", "lawmaker", "judge",
               "prosecutor", "hacker", "journalist", "elder", "islamist", "group"}
RELATIVE = {"who", "which", "that", "whom"}
FIRST_PERSON = {"we", "i", "us", "me", "our"}
TARGET_PREPS = {"to", "with", "against", "on", "at", "from", "into", "toward", "towards", "for",
                "over", "upon", "in"}
# Words that head a description of an actor: "leaders of X", "the head of X".
HOLDER_NOUNS = {"leader", "head", "government", "president", "minister", "people", "force",
                "troop", "army", "official", "member", "representative", "delegation", "authority",
                "citizen", "resident", "population", "part"}
