"""The package's shape stays true: imports flow one way, word lists are bound once, modules stay small.

Read from the source with ``ast`` (nothing is imported), so a wrong import fails here
even when nothing else notices.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "helpers"

#: The job layer: coordinates the bands, and no band may import it.
JOB = {"helpers.analysis", "helpers.cache", "helpers.corpus", "helpers.report", "helpers.cli", "helpers.__main__"}
#: What each band must not import (a module name or any module under it).
FORBIDDEN = {
    "helpers.read": {"spacy", "matplotlib", "helpers.nlp", "helpers.output", *JOB},
    "helpers.nlp": {"matplotlib", "helpers.output", *JOB},
    "helpers.output": {"spacy", *JOB},
}
#: The one module of nlp that output may import: the table contracts, free of spaCy (``helpers.read``,
#: which needs no spaCy either, gives it the Article record).
OUTPUT_MAY_READ = {"helpers.nlp.schema"}
MAX_LINES = 600


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path) -> set[tuple[str, str]]:
    """Every import in a file, anywhere in it (functions included): (the module named, the full name).

    ``from spacy import displacy`` gives ("spacy", "spacy.displacy"); ``from . import config`` in the
    package gives ("helpers", "helpers.config"). The full name is what the rules judge.
    """
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update((alias.name, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            found.update((origin, f"{origin}.{alias.name}") for alias in node.names)
    return found


def _under(name: str, modules: set[str]) -> bool:
    return any(name == m or name.startswith(m + ".") for m in modules)


def violations(path: Path) -> list[str]:
    """The imports of ``path`` that go the wrong way."""
    name = module_name(path)
    band = next((b for b in FORBIDDEN if name == b or name.startswith(b + ".")), None)
    if band is None:
        return []
    out: set[str] = set()
    for origin, full in imported_names(path):
        if band == "helpers.output":
            if _under(full, OUTPUT_MAY_READ):
                continue
            if _under(full, {"helpers.nlp"}):
                out.add(f"{name} imports {origin} (output reads helpers.nlp.schema only)")
                continue
        if _under(full, FORBIDDEN[band]):
            out.add(f"{name} imports {origin}")
    return sorted(out)


def source_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_bands_exist():
    for band in ("read", "nlp", "output"):
        assert (PACKAGE / band / "__init__.py").is_file(), band


def test_lower_bands_never_import_higher_ones():
    wrong = [v for path in source_files() for v in violations(path)]
    assert wrong == []


def test_the_check_catches_a_wrong_import(tmp_path, monkeypatch):
    # the checker itself: a module of nlp that imports a chart is caught, one importing the schema is not
    fake = tmp_path / "helpers"
    (fake / "nlp").mkdir(parents=True)
    (fake / "output").mkdir()
    (fake / "nlp" / "bad.py").write_text("from ..output.charts import chart_tone\n", encoding="utf-8")
    (fake / "output" / "fine.py").write_text("from ..nlp.schema import ASPECTS\nimport matplotlib\n", encoding="utf-8")
    (fake / "output" / "parses.py").write_text("def f():\n    from ..nlp import pipeline\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert violations(fake / "nlp" / "bad.py") == ["helpers.nlp.bad imports helpers.output.charts"]
    assert violations(fake / "output" / "fine.py") == []
    assert violations(fake / "output" / "parses.py") != []


@pytest.mark.parametrize("path", source_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_600_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


@pytest.mark.parametrize("word_list", ["SPEECH_VERBS", "REPORTING_VERBS", "TITLES", "OFFICES", "QUOTE_PAIRS",
                                       "MENTION_RULES", "QUOTE_COLUMNS", "TONE_COLUMNS"])
def test_each_word_list_and_table_contract_is_bound_in_one_module(word_list):
    binders = []
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, ast.AnnAssign) else []
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            names |= {e.id for t in targets if isinstance(t, ast.Tuple) for e in t.elts if isinstance(e, ast.Name)}
            if word_list in names:
                binders.append(module_name(path))
    assert len(binders) == 1, binders
