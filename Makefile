# Set-up and the two jobs the README starts with. Needs only Python 3.11 and pip.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DB ?= chronicle.db

.PHONY: setup demo test benchmark clean

$(BIN)/chronicle: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(BIN)/chronicle

setup: $(BIN)/chronicle

# Chronicle's main job on the bundled sample: ingest into the embedded store and show what it found.
demo: setup
	$(BIN)/chronicle ingest samples/specimen.txt --published 2023-02-12 --db $(DB)

test: setup
	$(BIN)/pytest -q

benchmark: setup
	$(BIN)/python benchmarks/extract_speed.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
