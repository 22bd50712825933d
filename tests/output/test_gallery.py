"""The gallery: small PNGs of a few charts and a screenshot of report.html taken in headless Chromium."""

from __future__ import annotations

import pytest
from PIL import Image

from helpers.errors import LeadertoneError
from helpers.output import all_charts, color_of, leader_colors
from helpers.output.browser import CHROMIUM_ENV
from helpers.output.gallery import (
    GALLERY_CHARTS,
    GALLERY_DPI,
    REPORT_SHOT,
    REPORT_WINDOW,
    gallery_files,
    write_gallery,
)

#: The most a gallery picture may weigh: the README loads all of them.
MAX_BYTES = 200_000


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))


@pytest.fixture(scope="module")
def gallery(fake, tmp_path_factory):
    out = tmp_path_factory.mktemp("gallery")
    charts = all_charts(fake)
    return out, charts, write_gallery(fake, out_dir=out, charts=charts)


def test_the_gallery_is_the_charts_then_the_report(gallery):
    out, _, written = gallery
    assert [p.name for p in written] == gallery_files() == [f"{c}.png" for c in GALLERY_CHARTS] + [REPORT_SHOT]
    assert sorted(p.name for p in out.iterdir()) == sorted(gallery_files())  # no temporary file left


def test_every_picture_is_a_small_png(gallery):
    _, _, written = gallery
    for path in written:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), path.name
        assert len(data) < MAX_BYTES, f"{path.name} is {len(data)} bytes"


def test_charts_are_drawn_at_the_gallery_resolution(gallery):
    _, charts, written = gallery
    by_name = {c.name: c for c in charts}
    for path in written[:-1]:
        width, height = by_name[path.stem].fig.get_size_inches()
        with Image.open(path) as image:
            assert image.size == (round(width * GALLERY_DPI), round(height * GALLERY_DPI)), path.name


def test_the_screenshot_shows_the_report_with_each_leader_in_their_colour(gallery, fake):
    _, _, written = gallery
    with Image.open(written[-1]) as image:
        assert image.size == (REPORT_WINDOW["width"], REPORT_WINDOW["height"])
        colors = {rgb for _, rgb in image.convert("RGB").getcolors(maxcolors=1 << 16)}
    assert len(colors) > 16  # a page with text and highlights, not a blank or an error page
    palette = leader_colors([ld.name for ld in fake.leaders])
    for leader in fake.leaders:
        want = _rgb(color_of(leader.name, palette))
        nearest = min(sum((a - b) ** 2 for a, b in zip(c, want)) for c in colors)
        assert nearest < 30 ** 2, f"{leader.name}'s colour {want} is not in the screenshot"


def test_rerunning_gives_the_same_files(gallery, fake, tmp_path):
    """Redrawing an unchanged gallery changes no byte, so it never shows up as a change in git."""
    _, charts, written = gallery
    again = write_gallery(fake, out_dir=tmp_path, charts=charts)
    for first, second in zip(written, again, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_without_chromium_nothing_is_written_and_the_error_says_how_to_install(gallery, fake, tmp_path, monkeypatch):
    _, charts, _ = gallery
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-such-chromium"))
    with pytest.raises(LeadertoneError, match=CHROMIUM_ENV):
        write_gallery(fake, out_dir=tmp_path / "gallery", charts=charts)
    assert not (tmp_path / "gallery").exists()
    monkeypatch.delenv(CHROMIUM_ENV)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LeadertoneError, match="apt-get install chromium"):
        write_gallery(fake, out_dir=tmp_path / "gallery", charts=charts)
    assert not (tmp_path / "gallery").exists()
