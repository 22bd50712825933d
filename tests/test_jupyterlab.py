"""03_quotes.ipynb in a real JupyterLab, driven in headless Chromium the way a reader uses it.

JupyterLab runs from this environment on a free loopback port with a token, over a copy of
the project (``LEADERTONE_HOME`` points the package at it), so running the cells never touches
the user's notebooks or ``reports/``; its settings, runtime and data folders are temporary too,
so no user setting leaks in. Debian's ``chromium`` is driven through Playwright (never
``playwright install``). The test opens the notebook, runs every cell from the *Run* menu,
checks what a reader sees (no error, a chart, the quote table), then points ``ARTICLE`` at the
second article in the parameters cell, runs everything again and checks the new leaders replace
the old ones. Screenshots of both runs land in ``reports/screenshots/``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from helpers import config
from helpers.errors import LeadertoneError
from helpers.output.browser import chromium_path, launch_chromium

NOTEBOOK = "03_quotes.ipynb"
FIRST_LEADERS = ("Vladimir Putin", "Joe Biden")
SECOND_ARTICLE = "data/raw/macron_scholz_paris_2023.txt"
SECOND_LEADERS = ("Emmanuel Macron", "Olaf Scholz")
STDERR = "application/vnd.jupyter.stderr"
SCREENSHOTS = config.REPORTS_DIR / "screenshots"
#: The longest a run of every cell may take (the first one loads spaCy and the tone model).
RUN_TIMEOUT_S = 240
#: JupyterLab settings that would otherwise pop up over the notebook or reach the network.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
}


@dataclass(frozen=True)
class Lab:
    """A running JupyterLab: where it listens, its token, the project copy it serves and its log."""

    url: str
    token: str
    home: Path
    log: Path

    def api(self, path: str, *, method: str = "GET"):
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _project_copy(home: Path) -> None:
    """The notebooks and the articles, laid out as the project is (``notebooks/``, ``data/raw/``)."""
    shutil.copytree(config.NOTEBOOKS_DIR, home / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(config.DATA_RAW, home / "data" / "raw")


def _log_tail(lab_log: Path) -> str:
    return lab_log.read_text(encoding="utf-8", errors="replace")[-3000:] if lab_log.exists() else ""


def _exited(pid: int) -> bool:
    """Whether the child ``pid`` has exited, without reaping it (its process-group id stays taken)."""
    return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) is not None


def _stop(proc: subprocess.Popen, lab: Lab | None) -> None:
    """Shut every kernel down, then the server; whatever is left in its process group is killed."""
    if proc.returncode is not None:  # it had already exited, and was reaped
        return
    if lab is not None:
        try:
            for kernel in lab.api("/api/kernels"):
                lab.api(f"/api/kernels/{kernel['id']}", method="DELETE")
        except (OSError, urllib.error.URLError, ValueError):
            pass
    if not _exited(proc.pid):
        proc.send_signal(signal.SIGTERM)  # the server shuts down its kernels on the way out
        deadline = time.monotonic() + 20
        while not _exited(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the server (if it hangs) and anything it left in its group
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("jupyterlab")
    home = root / "project"
    _project_copy(home)
    settings = root / "settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values), encoding="utf-8")
    env = {**os.environ, "LEADERTONE_HOME": str(home), "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTERLAB_WORKSPACES_DIR": str(root / "workspaces"), "JUPYTER_CONFIG_DIR": str(root / "config"),
           "JUPYTER_RUNTIME_DIR": str(root / "runtime"), "JUPYTER_DATA_DIR": str(root / "data"),
           "IPYTHONDIR": str(root / "ipython"), "JUPYTER_PLATFORM_DIRS": "1"}
    port, token = _free_port(), os.urandom(16).hex()
    log = root / "jupyterlab.log"
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.token={token}", "--ServerApp.port_retries=0", "--allow-root",
           f"--ServerApp.root_dir={home / 'notebooks'}", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
    running = None
    try:
        candidate = Lab(url=f"http://127.0.0.1:{port}", token=token, home=home, log=log)
        deadline = time.monotonic() + 90
        while running is None:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with status {proc.returncode}:\n{_log_tail(log)}")
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer /api/status within 90 s:\n{_log_tail(log)}")
            try:
                candidate.api("/api/status")
                running = candidate
            except (OSError, urllib.error.URLError):
                time.sleep(0.5)
        yield running
    finally:
        _stop(proc, running)


@pytest.fixture(scope="module")
def browser():
    try:
        chromium_path()
    except LeadertoneError as exc:
        pytest.fail(str(exc))  # a missing browser is a broken setup, not a reason to skip
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        try:
            yield b
        finally:
            b.close()


# --------------------------------------------------------------------------- what a reader does and sees


def _menu(page, menu: str, item: str) -> None:
    """Click ``menu`` in the menu bar, then the entry labelled exactly ``item`` (its shortcut aside)."""
    page.get_by_role("menuitem", name=menu, exact=True).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$"))
    page.get_by_role("menuitem").filter(has=label).click()


def _wait_for_kernel(page, lab: Lab) -> None:
    """Wait until the notebook's kernel has started and the status bar says it is idle."""
    page.locator(".jp-StatusBar-Item", has_text=re.compile(r"Python 3.*\|\s*Idle")).first.wait_for()
    deadline = time.monotonic() + 60
    while not _kernel_idle(lab):
        assert time.monotonic() < deadline, "the notebook's kernel did not start within 60 s"
        time.sleep(0.5)


def _prompts(page) -> list[str]:
    return page.eval_on_selector_all(".jp-Notebook .jp-CodeCell .jp-InputPrompt", "els => els.map(e => e.textContent)")


def _wait_for_run(page, lab: Lab, *, after: int) -> int:
    """Wait until every code cell shows an execution count above ``after`` and the kernel is idle;
    returns the highest count. A run stopped by an error fails at once, with the error."""
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while time.monotonic() < deadline:
        prompts = [re.fullmatch(r"\s*\[(\d*|\*)\]:\s*", p) for p in _prompts(page)]
        numbers = [int(m.group(1)) for m in prompts if m and m.group(1).isdigit()]
        running = any(m and m.group(1) == "*" for m in prompts)
        if not running and _kernel_idle(lab):
            if prompts and len(numbers) == len(prompts) and min(numbers) > after:
                return max(numbers)
            errors = _error_outputs(page)
            assert not errors, f"a cell failed and the run stopped: {errors[0][:2000]}"
        time.sleep(1)
    raise AssertionError(f"the cells did not all run within {RUN_TIMEOUT_S} s: prompts {_prompts(page)}")


def _kernel_idle(lab: Lab) -> bool:
    sessions = [s for s in lab.api("/api/sessions") if s["path"].endswith(NOTEBOOK)]
    return len(sessions) == 1 and lab.api(f"/api/kernels/{sessions[0]['kernel']['id']}")["execution_state"] == "idle"


def _outputs_text(page) -> str:
    return "\n".join(page.locator(".jp-Notebook .jp-OutputArea-output").all_text_contents())


def _error_outputs(page) -> list[str]:
    """The text of every error shown in the notebook (JupyterLab shows a traceback as stderr text)."""
    stderr = page.locator(f".jp-Notebook .jp-OutputArea-output[data-mime-type='{STDERR}']")
    return [t for t in stderr.all_text_contents() if re.search(r"Traceback|^\s*\w*(Error|Exception)\b", t, re.M)]


def _check_outputs(page, leaders: tuple[str, ...], absent: tuple[str, ...] = ()) -> None:
    """No error output, a chart drawn, the quote table shown, naming ``leaders`` and none of ``absent``."""
    errors = _error_outputs(page)
    assert not errors, f"error output in the notebook: {errors[0][:2000]}"
    charts = page.eval_on_selector_all(".jp-Notebook .jp-OutputArea-output img",
                                       "els => els.map(e => [e.naturalWidth, e.naturalHeight])")
    assert any(w >= 200 and h >= 100 for w, h in charts), f"no chart image shown (images: {charts})"
    tables = page.locator(".jp-Notebook .jp-OutputArea-output table")
    assert tables.count() >= 2, "the quote table and the counts table are not shown"
    text = "\n".join(tables.all_text_contents())
    for name in leaders:
        assert name in text, f"{name} is not in the notebook's tables"
    everything = _outputs_text(page)
    for name in absent:
        assert name not in everything, f"{name} is still in the outputs after the rerun"


def _save_and_read(page, lab: Lab, *, after: int):
    """File → Save Notebook; returns the notebook as saved once its cells carry counts above ``after``."""
    _menu(page, "File", "Save Notebook")
    path = lab.home / "notebooks" / NOTEBOOK
    deadline = time.monotonic() + 30
    while True:
        nb = nbformat.read(path, as_version=4)
        counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
        if all(n is not None and n > after for n in counts):
            return nb
        assert time.monotonic() < deadline, f"the saved notebook does not show the run: counts {counts}"
        time.sleep(0.5)


def _check_saved(nb) -> None:
    """What was saved agrees with the page: no error output, a PNG chart."""
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, f"the saved notebook has an error: {errors[0].ename}: {errors[0].evalue}"
    assert any("image/png" in o.get("data", {}) for o in outputs), "the saved notebook has no chart"


def _parameters_cell(lab: Lab) -> tuple[int, str]:
    """The position among all cells and the source of the notebook's parameters cell."""
    nb = nbformat.read(lab.home / "notebooks" / NOTEBOOK, as_version=4)
    return next((i, c.source) for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))


def _edit_parameters(page, lab: Lab, article: str) -> None:
    """Replace the ARTICLE line of the parameters cell by typing into its editor."""
    index, source = _parameters_cell(lab)
    new, n = re.subn(r"(?m)^ARTICLE = .*$", f'ARTICLE = "{article}"', source)
    assert n == 1, f"no ARTICLE line in the parameters cell:\n{source}"
    editor = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".cm-content")
    editor.scroll_into_view_if_needed()
    assert editor.text_content().startswith(source.splitlines()[0])
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(new)
    page.keyboard.press("Escape")  # back to command mode
    assert f'ARTICLE = "{article}"' in editor.text_content()


def _screenshot(page, name: str) -> Path:
    """Save what the window shows, scrolled to the first chart when there is one."""
    chart = page.locator(".jp-Notebook .jp-OutputArea-output img")
    if chart.count():
        chart.first.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path))
    print(f"screenshot: {path}")
    return path


def test_run_all_in_jupyterlab_then_rerun_on_another_article(lab, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{lab.url}/lab/tree/{NOTEBOOK}?token={lab.token}")
        page.locator(".jp-NotebookPanel .jp-Notebook .jp-CodeCell").first.wait_for()
        page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell .cm-content").first.wait_for()
        _wait_for_kernel(page, lab)  # Run All before the kernel is attached asks which kernel to start

        _menu(page, "Run", "Run All Cells")
        first = _wait_for_run(page, lab, after=0)
        _screenshot(page, "jupyterlab_03_quotes.png")
        _check_outputs(page, FIRST_LEADERS)
        _check_saved(_save_and_read(page, lab, after=0))

        _edit_parameters(page, lab, SECOND_ARTICLE)
        _menu(page, "Run", "Run All Cells")
        _wait_for_run(page, lab, after=first)
        _screenshot(page, "jupyterlab_03_quotes_second_article.png")
        _check_outputs(page, SECOND_LEADERS, absent=FIRST_LEADERS)
        saved = _save_and_read(page, lab, after=first)
        _check_saved(saved)
        assert f'ARTICLE = "{SECOND_ARTICLE}"' in saved.cells[_parameters_cell(lab)[0]].source
    except BaseException:
        _screenshot(page, "jupyterlab_03_quotes_failure.png")
        print(f"JupyterLab log:\n{_log_tail(lab.log)}")
        raise
    finally:
        context.close()
