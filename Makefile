# `make site` builds the public site/ from plans/ (draft plans left out; `make preview` shows them);
# `make bundle` zips it for offline use; `make test` runs every test (`make fuzz` explores). All set themselves up.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site preview bundle validate serve test lint schema messages chromium pdf fuzz clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/planportal build

# The same with draft plans (Herefordshire's seed plan is one), marked "Draft: not yet approved".
preview: $(STAMP)
	$(BIN)/planportal build --include-drafts

bundle: $(STAMP)
	$(BIN)/planportal bundle

validate: $(STAMP)
	$(BIN)/planportal validate

serve: $(STAMP)
	$(BIN)/planportal serve

schema: $(STAMP)
	$(BIN)/python -m planportal.source.schema plan > schema/plan-portal.schema.json
	$(BIN)/python -m planportal.source.schema update > schema/update.schema.json

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy

test: $(STAMP) chromium pdf lint
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's Chromium through Playwright (tests/conftest.py; CHROMIUM=... for another).
# When it is missing, `make test` installs it with apt-get if run as root; otherwise it says what to run.
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
USER_ID ?= $(shell id -u)
APT_GET ?= apt-get
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$(USER_ID)" != 0 ]; then \
			echo "make test: the browser tests need Debian's chromium at $(CHROMIUM): run  sudo apt-get update && sudo apt-get install -y chromium  (or make test as root)" >&2; \
			exit 1; \
		fi; \
		echo "make test: installing Debian's chromium for the browser tests (apt-get install chromium)"; \
		export DEBIAN_FRONTEND=noninteractive; \
		$(APT_GET) update -qq && $(APT_GET) install -y -qq chromium >/dev/null || exit 1; \
		if [ ! -x "$(CHROMIUM)" ]; then echo "make test: chromium installed, but there is still no $(CHROMIUM)" >&2; exit 1; fi; \
	fi

# The PDFs (planportal report --format pdf, planportal print, planportal build --pdf) are made by WeasyPrint,
# which needs Debian's Pango: installed with apt-get if run as root, as for Chromium; otherwise it says what to run.
PANGO := libpango-1.0-0 libpangoft2-1.0-0
PDF_CHECK ?= $(BIN)/python -c "import weasyprint"
pdf: $(STAMP)
	@if ! $(PDF_CHECK) 2>/dev/null; then \
		if [ "$(USER_ID)" != 0 ]; then \
			echo "make pdf: PDFs need Debian's Pango: run  sudo apt-get update && sudo apt-get install -y $(PANGO)  (or make pdf as root)" >&2; \
			exit 1; \
		fi; \
		echo "make pdf: installing Debian's Pango for WeasyPrint's PDFs (apt-get install $(PANGO))"; \
		export DEBIAN_FRONTEND=noninteractive; \
		$(APT_GET) update -qq && $(APT_GET) install -y -qq $(PANGO) >/dev/null || exit 1; \
		if ! $(PDF_CHECK); then echo "make pdf: Pango installed, but WeasyPrint still cannot load it" >&2; exit 1; fi; \
	fi

# The property-based tests (hypothesis) only, with fresh randomness and FUZZ_SCALE times the examples
# `make test` runs (there derandomized: the same examples every run). A failing input it finds is
# printed, and becomes an @example of its test: `make fuzz FUZZ_SCALE=200` to look harder.
FUZZ_SCALE ?= 50
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz FUZZ_SCALE=$(FUZZ_SCALE) $(BIN)/python -m pytest -q -m hypothesis \
		--hypothesis-show-statistics

# Build synthetic portals of SIZES actions and print times, memory and sizes against the floor
# (a bare mkdocs build of the same Markdown): `make bench SIZES=1000,10000,50000`.
.PHONY: bench
SIZES ?= 1000,10000
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --sizes $(SIZES)

# Every label the generator writes, re-extracted into locales/messages.pot (babel.cfg says where from), and
# new ones added, untranslated, to each language's catalogue: tests/test_i18n.py lists what still needs translating.
LOCALES := generator/planportal/locales
messages: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg -k N_ -k ngettext:1,2 --add-comments=Translators: --sort-output -w 120 \
		--project "Plan Portal" --version 0.1.0 --copyright-holder "Plan Portal" \
		--msgid-bugs-address "Plan Portal issue tracker" -o $(LOCALES)/messages.pot .
	$(BIN)/pybabel -q update -i $(LOCALES)/messages.pot -d $(LOCALES) -D messages -w 120 --ignore-obsolete

clean:
	rm -rf build site dist .pytest_cache
