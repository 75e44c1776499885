# `make run` opens the app on the demo; `make test` runs every test offscreen;
# `make dist` builds the one-folder app in dist/AttentionTrainer and self-tests it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The bundle is built from its own venv: only the runtime dependencies and PyInstaller,
# so nothing a developer installed (scipy, torch, ...) can slip into it.
DIST_VENV := .venv-dist
DIST_PY := $(DIST_VENV)/bin/python
DIST_STAMP := $(DIST_VENV)/.installed
APP_DIR := dist/AttentionTrainer
MAX_DIST_MIB := 220

.PHONY: run test lint bench clean translations translations-update dist

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,cluster]"
	touch $(STAMP)

# Qt's compiled translations (.qm, git-ignored) from the sources (.ts); PySide6 ships
# lrelease and lupdate. `make translations-update` adds new tr() strings to the .ts files,
# and the core's message templates, which lupdate reads from the lines extract_core.py
# writes (in the same run: with -no-obsolete, a run without them would drop them).
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)
CORE_MESSAGES := build/core_messages.py

%.qm: %.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM_FILES)

translations-update: $(STAMP)
	mkdir -p $(dir $(CORE_MESSAGES))
	$(PY) resources/translations/extract_core.py > $(CORE_MESSAGES)
	$(VENV)/bin/pyside6-lupdate -extensions py -recursive attn_gui $(CORE_MESSAGES) \
		-no-obsolete -locations none -ts $(TS_FILES)

run: $(STAMP) translations
	$(PY) main.py --demo

test: $(STAMP) translations
	$(PY) -m ruff check .
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(STAMP)
	$(PY) -m benchmarks

$(DIST_STAMP): pyproject.toml packaging/requirements.txt
	test -x $(DIST_PY) || $(PYTHON) -m venv $(DIST_VENV)
	$(DIST_PY) -m pip install --quiet --upgrade pip
	$(DIST_PY) -m pip install --quiet -e . -r packaging/requirements.txt
	touch $(DIST_STAMP)

dist: $(DIST_STAMP) translations
	$(DIST_PY) -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/attn_gui.spec
	@# A Python built from source (pyenv) keeps its debug symbols: strip them from the
	@# interpreter's own libraries only. NumPy's OpenBLAS is never stripped (that breaks it).
	if [ "$$(uname)" = Linux ]; then strip --strip-debug $(APP_DIR)/_internal/libpython3*.so* \
		$(APP_DIR)/_internal/python3*/lib-dynload/*.so; fi
	QT_QPA_PLATFORM=offscreen $(APP_DIR)/AttentionTrainer --self-test --epochs 300
	@size=$$(du -sm $(APP_DIR) | cut -f1); echo "$(APP_DIR): $$size MiB"; \
		[ "$$size" -le $(MAX_DIST_MIB) ] || { echo "over the $(MAX_DIST_MIB) MiB budget"; exit 1; }

clean:
	rm -rf $(VENV) $(DIST_VENV) build dist *.egg-info
