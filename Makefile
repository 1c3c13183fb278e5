# Two commands on a fresh clone (README): `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site test check schema i18n golden bench clean codes

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

site: $(VENV)/.installed
	$(PY) build.py

check: $(VENV)/.installed
	$(PY) build.py check

test: $(VENV)/.installed
	$(PY) -m pytest

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
	$(PY) -c 'import pathlib, clusterfolio.codes as c; pathlib.Path("docs/problem-codes.md").write_text(c.document(), encoding="utf-8")'
