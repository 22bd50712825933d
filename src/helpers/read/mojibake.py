"""Mis-decoded text (mojibake): UTF-8 read as Windows-1252 or Latin-1, repaired with ftfy.

Text scraped as UTF-8 but read as Windows-1252 shows ``â€œ`` for “, ``â€™`` for ’ and
``Â»`` for »; read as Latin-1 it is full of C1 control characters. ``repair_mojibake``
undoes only that (ftfy's encoding fixes: no quote straightening, no normalisation, no
HTML unescaping), so every other character of the source stays as it was.
"""

from __future__ import annotations

import difflib
import functools
import re

#: ftfy's fixes turned off: all but its encoding repairs would change text that is not mis-decoded
_NOT_ENCODING = (
    "unescape_html", "remove_terminal_escapes", "fix_latin_ligatures", "fix_character_width", "uncurl_quotes",
    "fix_line_breaks", "fix_surrogates", "remove_control_chars", "normalization", "explain",
)


def sloppy_cp1252(data: bytes) -> str:
    """``data`` read as Windows-1252, the five bytes it lacks kept as C1 controls (as Windows reads them)."""
    import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252"; imported only when needed)

    return data.decode("sloppy-windows-1252")


@functools.cache
def _encoding_only():
    """ftfy's ``TextFixerConfig`` with only the encoding repairs on (ftfy imported on first use)."""
    import ftfy

    return ftfy.TextFixerConfig(**dict.fromkeys(_NOT_ENCODING, False) | {"normalization": None})


#: UTF-8 continuation bytes 0x80–0xBF as Windows-1252 and as Latin-1 show them
_CONTINUATION = "".join(
    sorted(set(bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore") + bytes(range(0x80, 0xC0)).decode("latin-1")))
)
#: a UTF-8 lead byte shown as a character, then a continuation byte; or a lone C1 control.
#: Text without either cannot hold mojibake, so ftfy is never run on it (the common case, and fast).
_SUSPECT = re.compile(f"[\u00c2-\u00f4][{re.escape(_CONTINUATION)}]|[\u0080-\u009f]")


def _changed_characters(before: str, after: str) -> int:
    """How many characters of ``after`` a repair made, comparing ``before`` with it line by line.

    A stretch replaced counts its new characters (``â€œ`` → ``“``: 1); a stretch only
    dropped counts once (``Â«`` → ``«``: the ``«`` was repaired by dropping the ``Â``).
    """
    old, new = before.split("\n"), after.split("\n")
    if len(old) != len(new):
        return abs(len(before) - len(after)) or 1
    count = 0
    for a, b in zip(old, new):
        if a != b:
            ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            count += sum(max(j2 - j1, 1) for tag, _, _, j1, j2 in ops if tag != "equal")
    return count


def repair_mojibake(text: str) -> tuple[str, int]:
    """``text`` with its mojibake undone, and how many characters the repair changed.

    Args:
        text: Decoded text.

    Returns:
        The repaired text and the number of its characters that replace mis-decoded
        ones (0, and ``text`` itself, when nothing was mis-decoded).
    """
    if not _SUSPECT.search(text):
        return text, 0
    import ftfy
    from ftfy.badness import is_bad

    if not is_bad(text):
        return text, 0
    fixed = ftfy.fix_text(text, _encoding_only())
    if fixed == text:
        return text, 0
    return fixed, _changed_characters(text, fixed)


def repair_note(name: str, changed: int) -> str:
    """The warning kept with an article whose text was repaired."""
    return (
        f"{name}: repaired mis-decoded text (mojibake) with ftfy: "
        f"{changed} character{'' if changed == 1 else 's'} changed"
    )
