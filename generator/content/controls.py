"""Control characters: which never reach a page, and where a text holds one.

C0 controls other than tab and the line breaks, DEL, C1 controls, and
Unicode's noncharacters are invisible in an editor and, in a page, render as
nothing, break a feed's XML, or hide text from a reader. A writer's file that
holds one (a dossier's front-matter or body, site.yaml, an i18n file, a
template) is refused at its line and column, never stripped behind the
writer's back: the message says which character it is, so it can be found
and deleted. An article read by `ingest` is not the writer's text: there they
are dropped (`strip_controls`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF)
)
CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_NONCHARACTERS}]")
# CONTROL's class holds 32 characters beyond the BMP, which makes `re` test each
# character of a text slowly (0.15 ms for a 5 kB dossier, every file of a build).
# The same question in two fast passes: the BMP part, then, only for a text that
# has a character beyond the BMP at all, the whole class.
_CONTROL_BMP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
# An ASCII text's characters that are not controls: deleted by `bytes.translate`, what
# is left is one (the regex, 7 ns a character, was most of reading a dossier file).
_ASCII_ALLOWED = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BACKSPACE",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}
MAX_REPORTED = 10  # a file full of them is one mistake: the first lines say enough


def describe(char: str) -> str:
    """`U+0000 (NUL)`: how a message names an invisible character."""
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def message(char: str) -> str:
    """What to do about a control character typed into a file."""
    return (
        f"control character {describe(char)} is not allowed: delete it "
        "(most editors do not show it; search for it by its code)"
    )


def escape_message(char: str, key: str) -> str:
    """What to do about one written as a YAML escape (`"\\x01"`, `"\\u0085"`)."""
    where = f"'{key}' holds" if key else "a key holds"
    return f"{where} control character {describe(char)}, written as an escape: remove the escape"


def has_control(text: str) -> bool:
    """Whether `text` holds a control character (what `CONTROL.search` says, faster)."""
    if text.isascii():  # most files: C0 controls and DEL are all an ASCII text can hold
        return bool(text.encode("ascii").translate(None, _ASCII_ALLOWED))
    if _CONTROL_BMP.search(text):
        return True
    return bool(_BEYOND_BMP.search(text)) and bool(CONTROL.search(text))


def first_control(text: str) -> str | None:
    """The first control character in `text`, or None (`CONTROL.search`, after the fast
    passes: most texts are short and have none)."""
    found = CONTROL.search(text) if has_control(text) else None
    return found.group() if found else None


def find_controls(text: str) -> Iterator[tuple[int, int, str]]:
    """(0-based line, 1-based column, character) of the first control character on
    each line that has one, at most MAX_REPORTED lines."""
    if not has_control(text):
        return
    reported = 0
    for number, line in enumerate(text.split("\n")):
        found = CONTROL.search(line)
        if found is None:
            continue
        yield number, found.start() + 1, found.group()
        reported += 1
        if reported == MAX_REPORTED:
            return


def strip_controls(text: str) -> str:
    """`text` without any control character (for text that comes from outside)."""
    return CONTROL.sub("", text)
