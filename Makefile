# `make run` opens the app on the demo; `make test` runs every test offscreen.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean translations translations-update

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Qt's compiled translations (.qm, git-ignored) from the sources (.ts); PySide6 ships
# lrelease and lupdate. `make translations-update` adds new tr() strings to the .ts files.
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

%.qm: %.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM_FILES)

translations-update: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -extensions py -recursive attn_gui -no-obsolete \
		-locations none -ts $(TS_FILES)

run: $(STAMP) translations
	$(PY) main.py --demo

test: $(STAMP) translations
	$(PY) -m ruff check .
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) build dist *.egg-info
