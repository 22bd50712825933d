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

.PHONY: help env report corpus test lint lab model model-linear tone-eval bench gallery clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(PY):
	$(BOOTSTRAP_PYTHON) -m venv $(ENV_DIR)

# A line per step; the project install shows pip's own output (each package as it is collected and
# installed, a download progress bar on a terminal) instead of minutes of silence.
$(STAMP): pyproject.toml | $(PY)
	@echo "==> upgrading pip in $(ENV_DIR)"
	$(PY) -m pip install --quiet --upgrade pip
	@echo "==> installing Leadertone and its dependencies into $(ENV_DIR) (a few minutes the first time)"
	$(PY) -m pip install -e ".[dev]"
	@touch $(STAMP)
	@echo "==> environment ready: $(ENV_DIR)"

env: $(STAMP) ## Create the environment (.venv, or the active venv/conda env) and install the project

report: $(STAMP) ## Analyse every article in data/raw/ (ARTICLES=..., NOTEBOOKS=0 to skip the notebooks) and write reports/
	$(PY) -m helpers report $(ARTICLES) $(if $(filter 0 no false,$(NOTEBOOKS)),--no-notebooks,)

corpus: $(STAMP) ## Tidy tables of every article in data/raw/ (ARTICLES=...) as Parquet and CSV in data/processed/
	$(PY) -m helpers analyze $(ARTICLES) --out data/processed

test: $(STAMP) ## Run the whole test suite
	$(PY) -m pytest

lint: $(STAMP) ## Check the code with ruff
	$(PY) -m ruff check src tests benchmarks

model: $(STAMP) ## Fine-tune the default tone model (MiniLM, ONNX) on data/external/newsmtsc/train.jsonl (CV=5 to cross-validate first; about 30 min on 2 cores)
	$(PY) -m pip install --progress-bar on -e ".[dev,train]"
	$(PY) -m helpers train-tone --method minilm $(if $(CV),--cv $(CV),)

model-linear: $(STAMP) ## Rebuild the linear tone model (NewsMTSC, fixed seed, identical bytes)
	$(PY) -m helpers train-tone --method newsmtsc

tone-eval: $(STAMP) ## Score TextBlob, VADER and both tone models side by side (FILE=... NewsMTSC JSONL)
	$(PY) -m helpers tone-eval $(or $(FILE),data/external/newsmtsc/train.jsonl)

bench: $(STAMP) ## Time of the analysis vs bare spaCy nlp.pipe on the distinct sample articles; peak memory on 200, and at 100 vs 1,000; the report job with vs without notebooks
	$(PY) benchmarks/bench_pipeline.py

gallery: $(STAMP) ## Redraw the README's gallery (data/gallery/): charts of the default article and a screenshot of its report.html
	$(PY) -m helpers gallery

lab: $(STAMP) ## Open JupyterLab on notebooks/ (with --allow-root when run as root, as in Docker)
	$(PY) -m jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root,)

clean: ## Remove generated reports, corpus tables and the analysis cache (keeps the environment and data/raw)
	rm -rf reports data/processed data/interim .pytest_cache .ruff_cache .hypothesis
