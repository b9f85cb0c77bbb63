"""A form's fields as a browser would send them, read from a page's HTML.

For web tests that post a server-rendered form back as it stands, with a few
fields changed: text inputs, hidden inputs, checked boxes, text areas and the
selected option of each select; buttons only when pressed.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlencode


class _Form(HTMLParser):
    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = [v for v, selected in self._options if selected] or [
                v for v, _s in self._options[:1]
            ]
            if chosen:
                self.fields.append((self._select, chosen[0]))
            self._select = None


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    """The (name, value) pairs the form ``form_id`` would send, in document order."""
    parser = _Form(form_id)
    parser.feed(html)
    return parser.fields


def changed(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    """The fields with some replaced (``segments-2-minutes_max="2"``); new names are added.

    Python names cannot hold "-": write "__" for it (``segments__2__minutes_max``).
    """
    wanted = {key.replace("__", "-"): value for key, value in values.items()}
    out = [(k, wanted.pop(k)) if k in wanted else (k, v) for k, v in fields]
    return out + list(wanted.items())


FORM_TYPE = {"content-type": "application/x-www-form-urlencoded"}


def encoded(fields: list[tuple[str, str]]) -> bytes:
    """The fields as an urlencoded body (send with ``headers=FORM_TYPE``)."""
    return urlencode(fields).encode()
