"""The README's gallery: the pictures it shows are committed, are PNGs and are small; `make gallery` on bad input."""

from __future__ import annotations

import re

from helpers import config
from helpers.cli import main
from helpers.output.gallery import gallery_files

README = config.PROJ_ROOT / "README.md"
MAX_BYTES = 200_000


def _gallery_images() -> list[str]:
    """The pictures the README's Gallery section embeds, as paths relative to the project."""
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^## Gallery\n(.*?)(?=^## )", text, re.S | re.M)
    assert section, "README.md has no Gallery section"
    return re.findall(r"!\[[^\]]+\]\(([^)\s]+)\)", section.group(1))


def test_readme_shows_every_gallery_picture_and_each_is_a_small_committed_png():
    images = _gallery_images()
    folder = config.GALLERY_DIR.relative_to(config.PROJ_ROOT).as_posix()
    assert images == [f"{folder}/{name}" for name in gallery_files()]
    for image in images:
        path = config.PROJ_ROOT / image
        assert path.is_file(), f"{image} is missing: run make gallery and commit it"
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), f"{image} is not a PNG"
        assert len(data) < MAX_BYTES, f"{image} is {len(data)} bytes"


def test_gallery_of_a_missing_article_is_one_error_line_and_writes_nothing(tmp_path, capsys):
    assert main(["gallery", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:") and "missing.txt" in err[0]
    assert not (tmp_path / "out").exists()
