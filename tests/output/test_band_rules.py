"""The output band's rules, read from its source: what it may import, and names it takes from the schema."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import helpers
from helpers.nlp import schema

SRC = Path(helpers.__file__).resolve().parent
OUTPUT = sorted((SRC / "output").glob("*.py"))
#: The package's modules the output band may import (besides its own).
ALLOWED = {"helpers.nlp.schema", "helpers.config", "helpers.errors", "helpers.files", "helpers.read"}
#: The values a table holds that the output must take from the schema instead of spelling them out (a value
#: that is also a column's name, such as ``indirect`` in ``quote_counts``, may name the column).
COLUMNS = {c for name in dir(schema) if name.endswith("_COLUMNS") for c in getattr(schema, name)}
SCHEMA_VALUES = {*schema.MENTION_RULES, *schema.QUOTE_KINDS, *schema.ASPECTS, schema.TEXTBLOB, schema.NEWSMTSC,
                 schema.VADER} - COLUMNS


def _imports(path: Path) -> set[str]:
    """The absolute names of every module ``path`` imports."""
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[: len(base) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names |= {module} if node.module else {f"{module}.{a.name}" for a in node.names}
    return names


@pytest.mark.parametrize("path", OUTPUT, ids=lambda p: p.name)
def test_output_imports_only_the_schema_of_the_analysis(path):
    for name in _imports(path):
        top = name.split(".")[0]
        assert top not in ("spacy", "pyarrow", "textblob", "vaderSentiment"), f"{path.name} imports {name}"
        if top == "helpers" and not name.startswith("helpers.output"):
            assert name in ALLOWED, f"{path.name} imports {name}"


@pytest.mark.parametrize("path", OUTPUT, ids=lambda p: p.name)
def test_output_reads_attributes_by_name_and_spells_no_schema_value(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    assert not [n for n in calls if n.func.id == "getattr"], f"{path.name} calls getattr"
    strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert not strings & SCHEMA_VALUES, f"{path.name} spells {sorted(strings & SCHEMA_VALUES)}"


def test_matplotlib_is_imported_by_the_output_band_only_and_pyarrow_by_nobody_but_the_corpus():
    for path in sorted(SRC.rglob("*.py")):
        names = {n.split(".")[0] for n in _imports(path)}
        if "matplotlib" in names:
            assert path.parent == SRC / "output", f"{path.relative_to(SRC)} imports matplotlib"
        if "pyarrow" in names:
            assert path == SRC / "corpus.py", f"{path.relative_to(SRC)} imports pyarrow"


def test_schema_imports_nothing_heavy():
    assert _imports(SRC / "nlp" / "schema.py") <= {"__future__"}
