# Two commands on a fresh clone (README): `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
AUDIT := tools/audit
AUDIT_STAMP := $(AUDIT)/node_modules/.installed
CMS_TOOLS := tools/cms
CMS_STAMP := $(CMS_TOOLS)/node_modules/.installed
LIGHTHOUSE := tools/lighthouse
LIGHTHOUSE_STAMP := $(LIGHTHOUSE)/node_modules/.installed

.PHONY: site test check schema i18n golden bench clean codes

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

site: $(VENV)/.installed
	$(PY) build.py

check: $(VENV)/.installed
	$(PY) build.py check

test: $(VENV)/.installed $(AUDIT_STAMP) $(CMS_STAMP) $(LIGHTHOUSE_STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -n 2 --dist loadfile

schema: $(VENV)/.installed
	$(PY) build.py schema

bench: $(VENV)/.installed
	$(PY) bench/check_bench.py

clean:
	rm -rf site .build $(VENV)

i18n: $(VENV)/.installed
	$(PY) build.py i18n

golden: $(VENV)/.installed
	UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/test_golden.py

codes: $(VENV)/.installed
	$(PY) -c 'import pathlib, clusterfolio.codes as c; c.write_documents(pathlib.Path("."))'

# Audit tools for the test suite (Nu HTML Checker, axe-core), pinned in tools/audit/package-lock.json.
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime; the tests use Debian's java.
# Without npm the audits skip on a developer machine (and fail in CI, whose .ci/run installs them).
.PHONY: audit-tools screenshots

$(AUDIT_STAMP): $(AUDIT)/package.json $(AUDIT)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd $(AUDIT) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else \
	  echo "npm not found: the audit tests (Nu HTML Checker, axe-core) will be skipped"; \
	fi

audit-tools: $(AUDIT_STAMP)

# Regenerate the screenshot baselines in tests/screenshots/ (those missing or beyond the tolerance).
screenshots: $(VENV)/.installed
	UPDATE_SCREENSHOTS=1 $(PY) -m pytest -q tests/test_screenshots.py tests/test_atlas_screenshots.py

# /admin/ test tools (decap-server, yaml 1.10.2), pinned in tools/cms/package-lock.json. Without npm
# the tests that run node skip on a developer machine (and fail in CI, whose .ci/run installs them).
$(CMS_STAMP): $(CMS_TOOLS)/package.json $(CMS_TOOLS)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix $(CMS_TOOLS) --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm not found: the /admin/ tests that run node (tools/cms) will be skipped"; \
	fi

# Lighthouse (tests/test_lighthouse.py, tools/lighthouse.py), pinned in tools/lighthouse/package-lock.json;
# it drives Debian's Chromium and downloads none. Without npm its test skips (and fails in CI).
$(LIGHTHOUSE_STAMP): $(LIGHTHOUSE)/package.json $(LIGHTHOUSE)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix $(LIGHTHOUSE) --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm not found: the Lighthouse test will be skipped"; \
	fi
