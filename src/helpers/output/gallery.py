"""The README's gallery: a few charts as small PNGs and a screenshot of ``report.html``.

``write_gallery(analysis, out_dir=…)`` draws the charts named in ``GALLERY_CHARTS`` at a
low resolution and photographs the analysis's ``report.html`` (written to a temporary folder,
never over a real report) in headless Chromium (``helpers.output.browser``). ``make gallery``
runs it on the default article into ``data/gallery/``, where the README finds the pictures.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from ..errors import LeadertoneError
from ..files import write_bytes_atomic
from .browser import chromium_path, screenshot_html
from .charts import Chart, all_charts
from .export import figure_bytes
from .html_report import write_report
from .tables import ArticleTables

#: The charts shown in the gallery, in the order the README shows them.
GALLERY_CHARTS = ("quote_counts", "tone", "sentence_tone")
#: The file name of the screenshot of ``report.html``.
REPORT_SHOT = "report.png"
#: Resolution of the gallery charts (the report's own PNGs are 200 dpi): small files for a README.
GALLERY_DPI = 80
#: The browser window the report is photographed in, in CSS pixels; the picture is its top.
REPORT_WINDOW = {"width": 1000, "height": 1250}
#: Colours kept in the screenshot (a palette PNG is a fraction of the size of a full-colour one).
SHOT_COLORS = 128


def gallery_files() -> list[str]:
    """The file names ``write_gallery`` writes, in the README's order: the charts, then the report."""
    return [f"{name}.png" for name in GALLERY_CHARTS] + [REPORT_SHOT]


def small_png(png: bytes, *, colors: int = SHOT_COLORS) -> bytes:
    """``png`` reduced to a palette of ``colors`` colours and saved optimised (the same pixels give the same bytes)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=colors)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def write_gallery(
    analysis: ArticleTables,
    *,
    out_dir: str | os.PathLike[str],
    charts: list[Chart] | None = None,
) -> list[Path]:
    """Write the gallery of one analysis into ``out_dir``: ``gallery_files()``, each a small PNG.

    Args:
        analysis: An ``Analysis`` (anything with its tables).
        out_dir: The gallery folder (``make gallery``: ``data/gallery/``).
        charts: The analysis's charts, when already drawn; drawn here otherwise.

    Returns:
        The files written, in the order of ``gallery_files()``.

    Raises:
        LeadertoneError: when Chromium or Playwright is missing (nothing is written then).
    """
    chromium_path()  # no browser: say so before drawing anything
    charts = charts if charts is not None else all_charts(analysis)
    by_name = {c.name: c for c in charts}
    missing = [n for n in GALLERY_CHARTS if n not in by_name]
    if missing:
        raise LeadertoneError(f"the gallery needs the charts {', '.join(missing)}")
    with tempfile.TemporaryDirectory(prefix="leadertone-gallery-") as tmp:
        page = write_report(analysis, figures=charts, path=Path(tmp) / "report.html")
        shot = small_png(screenshot_html(page, window=REPORT_WINDOW))
    folder = Path(out_dir)
    written = [write_bytes_atomic(folder / f"{name}.png", figure_bytes(by_name[name].fig, "png", dpi=GALLERY_DPI))
               for name in GALLERY_CHARTS]
    written.append(write_bytes_atomic(folder / REPORT_SHOT, shot))
    return written
