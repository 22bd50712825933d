"""Shared fixtures: the spaCy pipeline and the default article are loaded once per test session."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

# The suite never reads or fills the user's analysis cache: it gets its own, shared by the
# notebooks it runs (their kernels inherit the environment), and gone with the session.
_CACHE = tempfile.TemporaryDirectory(prefix="leadertone-test-cache-")
os.environ["LEADERTONE_CACHE_DIR"] = _CACHE.name

import helpers  # noqa: E402

TESTS_DIR = Path(__file__).resolve().parent
DEFAULT_ARTICLE = helpers.config.DEFAULT_ARTICLE
GOLD = TESTS_DIR / "data" / "putin_biden_geneva_2021.gold.json"


@pytest.fixture(scope="session")
def nlp():
    return helpers.nlp.pipeline.load_pipeline()


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def default_article():
    return helpers.load_article(DEFAULT_ARTICLE)


@pytest.fixture(scope="session")
def default_analysis(nlp, default_article):
    return helpers.analyze(default_article, nlp=nlp)
