# Leadertone — `make help` lists every target.
.DEFAULT_GOAL := help
SHELL := /bin/bash

# Reuse an active virtualenv or conda environment; otherwise build .venv here.
ifdef VIRTUAL_ENV
  ENV_DIR := $(VIRTUAL_ENV)
else ifdef CONDA_PREFIX
  ENV_DIR := $(CONDA_PREFIX)
else
  ENV_DIR := .venv
endif
PY := $(ENV_DIR)/bin/python
STAMP := $(ENV_DIR)/.leadertone-installed
BOOTSTRAP_PYTHON ?= python3
ARTICLES ?= data/raw

.PHONY: help env report test lint lab model tone-eval clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(PY):
	$(BOOTSTRAP_PYTHON) -m venv $(ENV_DIR)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

env: $(STAMP) ## Create the environment (.venv, or the active venv/conda env) and install the project

report: $(STAMP) ## Analyse every article in data/raw/ (ARTICLES=...) and write reports/<article>/
	$(PY) -m helpers report $(ARTICLES)

test: $(STAMP) ## Run the whole test suite
	$(PY) -m pytest

lint: $(STAMP) ## Check the code with ruff
	$(PY) -m ruff check src tests

lab: $(STAMP) ## Open JupyterLab on notebooks/
	$(PY) -m jupyter lab notebooks/

clean: ## Remove generated reports and caches (keeps the environment and data)
	rm -rf reports .pytest_cache .ruff_cache .hypothesis
