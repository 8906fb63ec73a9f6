"""Untrusted text made safe for where it is shown: a terminal, a spreadsheet.

Titles, names and sentences come from pages anyone can write. Printed raw, an escape sequence
in a title clears the screen or sets the window title; a CSV cell beginning with ``=`` is run as a
formula by spreadsheet programs. Each output calls the function for its medium at the last
step, so the graph keeps the text as it was written. (Pictures have theirs: matplotlib labels
go through `kg.viz.draw.as_text`, the HTML page escapes its text.)
"""

from __future__ import annotations

import re

# C0 and C1 control characters (but tab and newline), DEL, and the bidirectional overrides and
# isolates that make text display in another order than it is stored.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# An escape sequence as a whole (CSI ... final byte; OSC ... BEL or ST), so no parameters are left behind.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def terminal(text: str) -> str:
    """Text with escape sequences and control characters removed (tab and newline kept)."""
    return _CONTROL.sub("", _ESCAPE.sub("", text))


def terminal_line(text: str) -> str:
    """`terminal`, on one line: newlines and tabs become spaces (a table cell, a file name)."""
    return terminal(text).replace("\n", " ").replace("\t", " ")


def spreadsheet_cell(value: str) -> str:
    """A cell value that a spreadsheet will not run as a formula: one beginning with ``=``, ``+``,
    ``-``, ``@`` (or tab, carriage return, their full-width forms) gets a leading apostrophe,
    unless it is a plain number ("-3.5" stays a number)."""
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value
