"""Text from untrusted sources made safe to show: terminal-unsafe characters escaped, length bounded, in English or German.

A project file is input from a stranger (issue 9): a name, id or path in it may hold ESC
sequences that repaint a terminal, a carriage return that overwrites what was printed, bidi
controls that reorder what is shown, or ten megabytes of text. Everything shown from such a
source goes through `escape` (one line, visible escapes such as `\\u202e`) and `bounded`
(at most `limit` characters, saying how many were left out). Pure standard library, so the
command line can use it before anything heavy is imported.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

# Format characters that are needed in ordinary text and cannot reorder or hide it: zero-width
# joiner and non-joiner (emoji sequences, Persian and Indic scripts).
_HARMLESS_FORMAT = frozenset({"\u200c", "\u200d"})

# Named escapes for the control characters that have one; everything else is \xNN, \uNNNN or \UNNNNNNNN.
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f", "\v": "\\v", "\a": "\\a"}

# Characters that are always safe: printable ASCII. Anything else is looked at one by one.
_SAFE_RUN = re.compile(r"[\x20-\x7e]+")


def is_unsafe(char: str) -> bool:
    """Whether showing `char` on a terminal could move, hide, reorder or repaint text.

    C0 and C1 controls (ESC, CR, BS, CSI, ...), DEL, line and paragraph separators, lone surrogates
    (they cannot even be encoded) and format characters (category Cf: bidi embeddings, overrides
    and isolates U+202A-U+202E and U+2066-U+2069, the marks U+200E, U+200F and U+061C, zero-width
    spaces, soft hyphens, tag characters ...) except the joiners of `_HARMLESS_FORMAT`.
    """
    if " " <= char <= "~":
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp", "Cs"):
        return True
    return category == "Cf" and char not in _HARMLESS_FORMAT


def escape_char(char: str) -> str:
    """One character as it is shown: itself when safe, else a visible escape such as `\\x1b` or `\\u202e`."""
    if not is_unsafe(char):
        return char
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escape(text: str) -> str:
    """`text` on one line with every terminal-unsafe character shown as a visible escape.

    Backslashes are left as they are, so escaping twice changes nothing (an escape is printable
    ASCII); a text that itself contains `\\u202e` reads the same as one with the character, which
    is harmless for display.
    """
    if text.isascii() and text.isprintable():
        return text
    return "".join(escape_char(char) for char in text)


def _number(count: int, language: str) -> str:
    text = f"{count:,}"
    return text.replace(",", ".") if language == "de" else text


def _more(count: int, language: str) -> str:
    """The mark after a text cut at its end."""
    if language == "de":
        return f"… ({_number(count, language)} weitere{'s' if count == 1 else ''} Zeichen)"
    return f"… ({_number(count, language)} more character{'' if count == 1 else 's'})"


def _left_out(count: int, language: str) -> str:
    """The mark inside a text cut in its middle."""
    if language == "de":
        return f"…({_number(count, language)} Zeichen ausgelassen)…"
    return f"…({_number(count, language)} character{'' if count == 1 else 's'} left out)…"


def _escaped_head(text: str, budget: int) -> tuple[str, int]:
    """The escaped beginning of `text` that fits `budget` characters, and how many characters of `text` it shows."""
    pieces: list[str] = []
    used = 0
    for position, char in enumerate(text[:budget]):
        piece = escape_char(char)
        if used + len(piece) > budget:
            return "".join(pieces), position
        pieces.append(piece)
        used += len(piece)
    return "".join(pieces), min(len(text), budget)


def _escaped_tail(text: str, budget: int) -> tuple[str, int]:
    """The escaped end of `text` that fits `budget` characters, and how many characters of `text` it shows."""
    pieces: list[str] = []
    used = 0
    tail = text[-budget:] if budget else ""
    for count, char in enumerate(reversed(tail)):
        piece = escape_char(char)
        if used + len(piece) > budget:
            return "".join(reversed(pieces)), count
        pieces.append(piece)
        used += len(piece)
    return "".join(reversed(pieces)), len(tail)


def bounded(text: str, limit: int = 150, language: str = "en", keep: Literal["start", "middle"] = "start") -> str:
    """`text` escaped (see `escape`) and at most `limit` characters long, saying how many characters were left out.

    `keep="start"` keeps the beginning: `Kundenservice… (9,999,850 more characters)`; `keep="middle"`
    keeps the beginning and the end, for paths (the file name) and sentences (what is wrong comes
    last): `/home/…(1,234 characters left out)…/map.cxstudio`. The counts are of characters of
    `text`, in the user's language (`de`: `9.999.850 weitere Zeichen`). Costs time in `limit`, not
    in the length of `text`.
    """
    if len(text) <= limit:
        shown = escape(text)
        if len(shown) <= limit:
            return shown
    if keep == "middle":
        room = limit - len(_left_out(len(text), language))
        if room >= 8:
            head, head_count = _escaped_head(text, room // 2)
            tail, tail_count = _escaped_tail(text, room - len(head))
            return head + _left_out(len(text) - head_count - tail_count, language) + tail
    room = max(0, limit - len(_more(len(text), language)))
    head, head_count = _escaped_head(text, room)
    return head + _more(len(text) - head_count, language)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def escape_json(text: str) -> str:
    """JSON text (from `json.dumps`) with every terminal-unsafe character written as a `\\u` escape.

    The value is the same JSON: outside strings JSON is ASCII, and inside a string `\\u202e`
    means the character itself, so a reader gets every name exactly; only the terminal is spared
    C1 controls, bidi controls and other format characters, which `json.dumps(ensure_ascii=False)`
    writes as they are. ASCII is left alone: `json.dumps` already escapes control characters
    inside strings, and those outside (the newlines of `indent`) are JSON's own whitespace.
    """
    if text.isascii():
        return text
    return _NON_ASCII_RUN.sub(_escape_json_run, text)


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")  # only these are looked at one by one: fast on mostly-ASCII JSON


def _escape_json_run(match: re.Match[str]) -> str:
    run = match.group()
    return "".join(_json_escape(char) if is_unsafe(char) else char for char in run)
