# JourneyLab: `make lab` to run a workshop, `make test` to run the test suite.
# Both create .venv on first use and reuse it afterwards; the environment is rebuilt only
# when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
LAB_ARGS ?=
PYTEST_ARGS ?=
INSTALL = $(UV) pip install --python $(BIN)/python --quiet --compile-bytecode \
          --overrides .ci/overrides.txt

.PHONY: lab app test bench schema catalogue notebooks clean

# JupyterLab refuses to run as root unless told; containers and Binder often are root.
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(VENV)/.installed-app
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(AS_ROOT) $(LAB_ARGS) \
	  notebooks/00_start_here.ipynb

# The guided notebooks as apps: forms only, no code. Idle kernels are shut down after 10
# minutes, so a day of visits does not pile up kernels.
APP_ARGS ?=
app: $(VENV)/.installed-app
	$(BIN)/voila notebooks/ --Voila.ip=127.0.0.1 \
	  --MappingKernelManager.cull_idle_timeout=600 --MappingKernelManager.cull_interval=60 \
	  --MappingKernelManager.cull_connected=True $(APP_ARGS)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-bench
	for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python "$$script" || exit 1; done

schema: $(VENV)/.installed-app
	$(BIN)/journeylab schema -o journeylab/schema/workshop.schema.json

catalogue: $(VENV)/.installed-app
	$(BIN)/python -m journeylab.catalogue

notebooks: $(VENV)/.installed-app
	$(BIN)/python -m journeylab.guide

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
	  '  {"checkForUpdates": false, "fetchNews": "false"}}' > $(LAB_SETTINGS)
	touch $@

$(VENV)/.installed-test: pyproject.toml .ci/overrides.txt $(VENV)/.installed-app
	$(INSTALL) -e '.[test]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml .ci/overrides.txt $(VENV)/.installed-test
	$(INSTALL) -e '.[test,bench]'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis test-artifacts
