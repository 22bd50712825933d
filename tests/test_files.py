"""Files the project writes can be shared: their mode follows the umask, like any new file's."""

from __future__ import annotations

import os
import stat

import pytest

from helpers.files import write_bytes_atomic, write_text_atomic


@pytest.fixture
def umask():
    def set_mask(mask: int) -> None:
        os.umask(mask)

    old = os.umask(0o022)
    os.umask(old)
    yield set_mask
    os.umask(old)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_follow_the_umask(tmp_path, umask, mask, mode):
    umask(mask)
    written = write_text_atomic(tmp_path / "report.html", "<p>hi</p>")
    assert stat.S_IMODE(written.stat().st_mode) == mode
    # a file written again keeps following it
    write_bytes_atomic(written, b"again")
    assert stat.S_IMODE(written.stat().st_mode) == mode
    assert written.read_bytes() == b"again"
