"""Text as it may enter a meeting: no control characters but tab and new line.

A name, a note or a cell of a CSV file goes into every export: a vertical tab
or a NUL cannot be written in a Word document (XML refuses it), hides text in
a spreadsheet and breaks a terminal. Line ends are made ``\\n`` (a browser
sends ``\\r\\n`` from a text area); anything else below U+0020, DEL, the C1
controls, lone surrogates and the two non-characters U+FFFE and U+FFFF are
refused where a person typed them, and dropped where a file held them.
"""

from __future__ import annotations

import re

# C0 but tab and LF; DEL and C1; lone surrogates; U+FFFE, U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What a person may not type either: the explicit bidirectional embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069), which reorder the text after them on the big
# screen and in the record ("Kenya" typed after U+202E reads "aynek"). The marks U+200E and
# U+200F, which right-to-left names need, stay allowed; pages isolate every name anyway.
_TYPED_FORBIDDEN = re.compile(_FORBIDDEN.pattern[:-1] + "\u202a-\u202e\u2066-\u2069]")
_LINE_ENDS = re.compile("\r\n?")


def forbidden_character(text: str) -> str | None:
    """The first character ``text`` may not hold (after line ends are made ``\\n``), if any."""
    found = _TYPED_FORBIDDEN.search(_LINE_ENDS.sub("\n", text))
    return found.group() if found else None


def typed_text(text: str) -> str:
    """Text a person typed, with its line ends made ``\\n``; ValueError names a bad character."""
    text = _LINE_ENDS.sub("\n", text)
    found = _TYPED_FORBIDDEN.search(text)
    if found:
        raise ValueError(describe(found.group()))
    return text


def describe(character: str) -> str:
    return f"holds a control character (U+{ord(character):04X}); only tab and new line are allowed"


def file_text(text: str) -> str:
    """Text read from a file: line ends made ``\\n``, vertical tabs and form feeds new lines,
    any other forbidden character dropped."""
    text = _LINE_ENDS.sub("\n", text).replace("\v", "\n").replace("\f", "\n")
    return _FORBIDDEN.sub("", text)
