# FieldApp: `make run` starts the desktop app, `make test` runs every check.
# Both create .venv and install what they need on a machine with only Python 3.11+.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint server bench dist clean translations

# The desktop app's translations: .ts sources in the repo, .qm built here.
QM := $(patsubst %.ts,%.qm,$(wildcard ui/i18n/*.ts))
translations: $(QM)
ui/i18n/%.qm: ui/i18n/%.ts | $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "FieldApp needs Python 3.11 or newer (PYTHON=python3.11 make ...)")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[desktop,server,dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# The app on an embedded SQLite profile (./var/profile), with demo data on first start.
# Profiles are encrypted: the demo's PIN comes from FIELDAPP_PASSPHRASE (RUN_PASSPHRASE= to be
# asked for it instead, as on a real laptop).
RUN_PASSPHRASE ?= demo-2468
run: export QT_QPA_PLATFORM := $(or $(RUN_QPA),$(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen))
run: export FIELDAPP_PASSPHRASE := $(or $(FIELDAPP_PASSPHRASE),$(RUN_PASSPHRASE))
run: $(STAMP) $(QM)
	$(PY) -m fieldapp --data-dir var/profile demo --establishments 200 --surveys 300 --seed 1 --if-empty
	$(PY) -m fieldapp --data-dir var/profile

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: lint $(QM)
	$(PY) -m pytest -q

server: $(STAMP)
	$(VENV)/bin/fieldapp-server serve-demo

# Every bench that can run here (bench/_run.py): one JSON line each, then which ran, which were
# skipped and why (e.g. no PostgreSQL and no way to start a throwaway cluster), which failed.
# Benchmark profiles are encrypted like real ones, with this throwaway passphrase.
bench: export FIELDAPP_PASSPHRASE := $(or $(FIELDAPP_PASSPHRASE),bench-passphrase)
bench: $(STAMP)
	@$(PY) bench/_run.py

# The desktop app frozen for laptops without Python (build.spec; docs/packaging.md): the
# one-folder bundle dist/FieldApp/, dist/FieldApp-VERSION-linux-x86_64.tar.gz and SHA256SUMS.
dist: $(STAMP) $(QM)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN build.spec
	$(PY) packaging/archive.py dist/FieldApp

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
