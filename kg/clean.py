"""From a scraped page's lines to the article: headline, publication stamp, authors, clean body.

Pages copied from news sites and provincial portals begin with the site's name, menus, a
clock, login and search boxes and breadcrumbs; the article's header follows (a section
label, the headline, the stamp with a byline or a view counter, a photo caption), then the
text, then the page's furniture (share bars, tags, related-article lists, comments,
footers). Cleaning reads a page in that order:

- the *head* is everything before the first paragraph. The headline is the header line that
  the stamp follows (or, where there is none, the one the text follows), never a menu, a
  section label repeating a menu item, the site's name or a photo caption;
- the publication stamp is the first one printed after the headline; one printed above it
  counts only inside the article's header (no menu in between), since a date at the top of
  the page is the site's clock, the day the page was viewed;
- the *body* keeps every sentence of the article (captions included, since they often name
  people and their posts) but each only once, so a caption that repeats a sentence does not
  produce a duplicate fact;
- the *tail* starts at the first widget that only follows an article (related lists,
  comments, footers) or at a run of teasers dated like "(16/07/2024)"; its numbers never
  become facts. Teasers printed inside the text, which repeat the tail's, are dropped too.

Bylines (on the stamp line, alone at the end, after a label) become authors, never body
text; photo credits are removed. The furniture is described in ``data/boilerplate.tsv``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from kg.data import load_table
from kg.text import LOWER, UPPER, Stamp, read_stamp

_NAME_WORD = rf"[{UPPER}][{LOWER}]+"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}"
_CAPS_NAME = rf"[{UPPER}]{{2,}}(?:\s+[{UPPER}]{{2,}}){{1,3}}"
# A byline alone on its line: "Ngân Huyền", "Minh Chi – Phương Thảo", "Hồng Phúc (TTXVN)", "TIẾN HẠNH".
_BYLINE = re.compile(
    rf"^((?:{_NAME}|{_CAPS_NAME})(?:\s*[–\-,&]\s*(?:{_NAME}|{_CAPS_NAME}))*)\s*(?:[/(][^)]{{1,40}}\)?)?\.?$"
)
_BYLINE_LABEL = re.compile(
    r"^(?:tác giả(?: bài viết)?|bài(?: và ảnh)?|bài,? ảnh|tin,? ảnh|tin và ảnh|tin[-–]ảnh|bài[-–]ảnh"
    r"|thực hiện|theo|người viết|nhóm phóng viên)\s*:\s*(.+)$",
    re.I,
)
# The closing signature of an article that names no person: an agency ("TTXVN", "PV", "HNN"),
# "Theo TTXVN", an office of the publisher ("Phòng Tuyên truyền", "Nhóm PV Miền Tây (tổng hợp)").
_SIGNATURE = re.compile(
    rf"^(?:(?-i:[{UPPER}][{UPPER}.]{{1,9}})|theo\s+.{{2,60}}|(?:phòng|văn phòng|nhóm pv|nhóm phóng viên|bộ phận|ban biên tập)"
    rf"\s[^.!?;:]{{2,60}}|[^.!?;:]{{2,40}}\(?tổng hợp\)?)$",
    re.I,
)
_SPLIT_NAMES = re.compile(r"\s*[–\-,&]\s*")
_BULLET = re.compile(r"^(?:[•·▪◦►▶→›»*+]|[-–—](?=\s))\s*")
_SEPARATOR = re.compile(r"\s*(?:[|•·]|\s{2,})\s*")
_CRUMB = re.compile(r"\s*[»›]\s*|\s+[>/]\s+")
_DASHED = re.compile(r"\s+[-–]\s+")
# A teaser in a related-article list, dated: "Hội nghị Ban Thường vụ ... (16/07/2024)", "... - 20/07/2023",
# "... 3 giờ trước".
_DATED_TEASER = re.compile(
    r"(?:[(\[]\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\s*[)\]]|\s[-–]\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
    r"|\s\d+\s+(?:giây|phút|giờ|ngày|tuần|tháng)(?:\s+trước)?)\s*(?:[-–:].{0,120})?$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)»]*$")


@dataclass
class Page:
    """What cleaning finds in a page; ``body`` paragraphs are joined with newlines into the text."""

    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    dropped: int = 0
    tail: str = ""  # the page after the article (teasers, comments): never facts, but a hint of the site

    @property
    def text(self) -> str:
        return "\n".join(self.body)


class _Any:
    """Patterns of one kind compiled as two: those anchored at the line's start, tried once with
    ``match``, and the others with one ``search`` (not one search a row)."""

    def __init__(self, patterns: list[str]) -> None:
        anchored = [p[1:] for p in patterns if p.startswith("^")]
        floating = [p for p in patterns if not p.startswith("^")]
        self._anchored = re.compile("|".join(f"(?:{p})" for p in anchored), re.I) if anchored else None
        self._floating = re.compile("|".join(f"(?:{p})" for p in floating), re.I) if floating else None

    def search(self, line: str) -> bool:
        return bool(
            (self._anchored and self._anchored.match(line))
            or (self._floating and self._floating.search(line))
        )


@dataclass(frozen=True)
class _Rules:
    """The furniture table compiled."""

    tail: _Any
    line: _Any
    nav: _Any
    site: _Any
    tool: _Any
    caption: _Any
    strip: tuple[re.Pattern[str], ...]
    unwrap: tuple[re.Pattern[str], ...]
    credit: tuple[re.Pattern[str], ...]


@cache
def _rules() -> _Rules:
    kinds: dict[str, list[str]] = defaultdict(list)
    for row in load_table("boilerplate", ("kind", "pattern")):
        kinds[row["kind"]].append(row["pattern"])

    def one(kind: str) -> _Any:
        return _Any(kinds[kind])

    def each(kind: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.I) for p in kinds[kind])

    return _Rules(
        tail=one("tail"),
        line=one("line"),
        nav=one("nav"),
        site=one("site"),
        tool=one("tool"),
        caption=one("caption"),
        strip=each("strip"),
        unwrap=each("unwrap"),
        credit=each("credit"),
    )


def _key(line: str) -> str:
    """A line's identity for finding repeats: case, punctuation and spacing aside. A repeated
    paragraph is a copy, so a long line is only folded at its ends (cheaper)."""
    if len(line) > 300:
        return line.casefold().strip(" .…!?\"”'")
    return " ".join(re.findall(r"[^\W_]+", line.casefold()))


# ---------------------------------------------------------------------------------------------
# What a line is


@dataclass
class _Line:
    text: str
    kind: str  # text | para | stamp | nav | site | drop | byline
    stamp: Stamp | None = None
    names: tuple[str, ...] = ()
    credited: bool = False  # a photo credit was removed from it: a caption


def _items(line: str) -> list[str]:
    return [x.strip("[] ") for x in _SEPARATOR.split(line) if x.strip("[] ")]


def _is_toolbar(bare: str, rules: _Rules) -> bool:
    items = _items(bare)
    return bool(items) and all(rules.tool.search(x) for x in items)


def _is_menu(bare: str) -> bool:
    """A menu or a breadcrumb: short items between separators ("Thời sự | Kinh tế | Xã hội",
    "Kinh tế » Nông nghiệp", "Trang chủ  Thời sự  Kinh tế")."""
    items = _items(bare)
    sizes = [len(x.split()) for x in items]
    if (
        len(items) >= 3
        and max(sizes) <= 7
        and sum(sizes) <= 3.5 * len(items)
        and not any(_SENTENCE_END.search(x) for x in items)
    ):
        return True
    crumbs = [x for x in _CRUMB.split(bare) if x.strip()]
    if len(crumbs) >= 2 and all(len(x.split()) <= 7 and not _SENTENCE_END.search(x) for x in crumbs):
        return True
    dashed = _DASHED.split(bare)
    return len(dashed) >= 5 and all(len(x.split()) <= 3 for x in dashed)


def _is_paragraph(line: str) -> bool:
    """A paragraph of the text, not a headline: long, or a sentence that ends as sentences do."""
    words = len(line.split())
    if words >= 30:
        return True
    if not _SENTENCE_END.search(line):
        return False
    end = line.rstrip("'\"”’)» ")
    if end.endswith((".", ".)")) and not end.endswith(".."):
        return words >= 4
    return words >= 20  # "?", "!", "…": a headline may end so


def _title_shaped(line: str) -> bool:
    words = len(line.split())
    return 3 <= words <= 45 and 8 <= len(line) <= 250 and not line.endswith(":") and "|" not in line


def _names(value: str) -> list[str]:
    """Author names from a byline value: "Trần Hiền/Trung tâm ..." -> ["Trần Hiền"]; "ĐOÀN KIÊN" -> ["Đoàn Kiên"]."""
    value = re.split(r"\s*[/(]", value, maxsplit=1)[0]
    out = []
    for n in _SPLIT_NAMES.split(value):
        n = n.strip(" .")
        if re.fullmatch(_CAPS_NAME, n):
            n = n.title()
        if re.fullmatch(_NAME, n):
            out.append(n)
    return out


def _prepare(raw: str, rules: _Rules) -> list[tuple[str, bool]]:
    """A line without its glued furniture (ad labels, photo credits), as the lines it really is:
    a caption glued to the sentence after it ends at its credit. Each comes with whether a credit
    was removed from it (then it is a caption)."""
    line = raw.strip()
    if not line:
        return []
    for pattern in rules.strip:
        line = pattern.sub("", line).strip(" >")
    for pattern in rules.unwrap:
        if m := pattern.match(line):
            line = m.group(1)
    if _BYLINE_LABEL.match(line) or (len(line) <= 200 and rules.line.search(_BULLET.sub("", line))):
        return [(line, False)] if line else []  # a byline or a credit line of its own: read or dropped whole
    parts = split_credits(line, rules.credit)
    credited = [True] * (len(parts) - 1) + [len(parts) == 1 and parts[0] != line]
    return [(q, c and q == p) for p, c in zip(parts, credited, strict=True) if p for q in split_glued(p) if q]


@cache
def _openers() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    """Where a sentence starts inside a line that glued it to a caption (``data/sentence_openers.tsv``):
    the pattern of the opening words, what each needs before it, and the words
    after which a capitalised word is inside the sentence ("ông Năm", "thứ Năm", "với Bên thứ ba")."""
    after = {
        "date": r"(?=\s+\d{1,4}\b)",
        "lower": rf"(?=\s+[{LOWER}])",
        "name": rf"(?=\s+[{UPPER}][{LOWER}]*\s+[{UPPER}])",
    }
    rows = load_table("sentence_openers", ("word", "before", "after"))
    groups: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        groups[r["after"]].append(re.escape(r["word"]))
    alts = "|".join(f"(?:{'|'.join(words)}){after[kind]}" for kind, words in groups.items())
    inside = {r["honorific"].casefold() for r in load_table("honorifics", ("honorific",))} | {"thứ", "lần"}
    inside |= {r["word"] for r in load_table("phrase_links", ("word",))}
    return re.compile(rf"(?<=\s)(?:{alts})"), {r["word"]: r["before"] for r in rows}, frozenset(inside)


def split_glued(line: str) -> list[str]:
    """A line cut where a caption or a subheading without a full stop runs into the next sentence."""
    if len(line) < 40:
        return [line]
    pattern, before, inside = _openers()
    parts, start = [], 0
    for m in pattern.finditer(line):
        words = line[start : m.start()].split()
        if not words:
            continue
        prev, need = words[-1], before[m.group(0)]
        closing = prev[-1:] in '”"’)'
        if prev.casefold() in inside or (need == "quote" and not closing):
            continue
        if need == "word" and not (closing or prev.isdigit() or (prev[:1].islower() and prev[-1:].isalnum())):
            continue
        head = line[start : m.start()].strip()
        if len(words) >= 3 and not _SENTENCE_END.search(head) and head[-1:] not in ",;:-–(":
            parts.append(head)
            start = m.start()
    return parts + [line[start:].strip()]


def _classify(line: str, rules: _Rules) -> _Line:
    """What a line of a page's head is."""
    bare = _BULLET.sub("", line).strip("[] ")
    stamp = read_stamp(line)
    if stamp:
        return _Line(line, "stamp", stamp=stamp)
    if rules.line.search(bare) or _is_toolbar(bare, rules):
        return _Line(line, "drop")
    if label := _BYLINE_LABEL.match(line):
        return _Line(line, "byline", names=tuple(_names(label.group(1))))
    if _is_menu(bare):
        return _Line(line, "nav")
    if _is_paragraph(line):
        return _Line(line, "para")
    if rules.nav.search(bare):
        return _Line(line, "nav")
    if rules.site.search(bare):
        return _Line(line, "site")
    return _Line(line, "text")


# ---------------------------------------------------------------------------------------------
# The head: headline and stamp


def _menu_items(head: list[_Line]) -> set[str]:
    items: set[str] = set()
    for it in head:
        if it.kind == "nav":
            items.update(_key(x) for x in _items(it.text) + _CRUMB.split(it.text))
    return items


def _label_like(line: str, menu: set[str]) -> bool:
    """A section label, a site's short name or a menu item on a line of its own ("KINH TẾ",
    "Đồng bằng sông Cửu Long" when the menu has it, "SGGP")."""
    words = line.split()
    return _key(line) in menu or len(words) <= 3 or (line.upper() == line and len(words) <= 4)


def _boundaries(head: list[_Line], menu: set[str]) -> list[int]:
    """Where the site's header ends: menus, breadcrumbs and site names, and runs of three or
    more one-item lines (a menu printed down the page)."""
    out = [i for i, it in enumerate(head) if it.kind in ("nav", "site")]
    run: list[int] = []
    for i, it in enumerate(head + [_Line("", "end")]):
        if it.kind == "drop":
            continue
        if it.kind == "text" and len(it.text.split()) <= 4:
            run.append(i)
            continue
        if len(run) >= 3:
            out.append(run[-1])
        run = []
    return sorted(out)


def _choose_headline(head: list[_Line], rules: _Rules) -> int | None:
    """The headline's index in the head (see the module's docstring), or None.

    Title-shaped lines that follow one another (bylines, buttons and short labels aside) make a
    block: a kicker, the headline, a deck or a caption. A block is the article's header where the
    stamp follows it (or, with none, the text does) and no menu comes after it; section labels,
    menu items and captions count against it. In the chosen block the headline is its first line
    that is neither a label nor a caption, nor a kicker of a few words above a longer line."""
    menu = _menu_items(head)
    cands = [i for i, it in enumerate(head) if it.kind == "text" and _title_shaped(it.text)]
    if not cands:
        return None
    bounds = _boundaries(head, menu)
    last_bound = bounds[-1] if bounds else -1
    end = len(head)

    def skippable(j: int) -> bool:
        it = head[j]
        return it.kind in ("drop", "byline") or (it.kind == "text" and j not in cands)

    def weak(i: int) -> bool:
        """A label, a menu item or a photo caption: never the headline if anything else will do."""
        it = head[i]
        return _label_like(it.text, menu) or it.credited or bool(rules.caption.search(it.text))

    blocks: list[list[int]] = []
    for i in cands:
        if blocks and all(skippable(j) for j in range(blocks[-1][-1] + 1, i)):
            blocks[-1].append(i)
        else:
            blocks.append([i])

    def next_kind(j: int) -> str:
        while j < end and skippable(j):
            j += 1
        return head[j].kind if j < end else "para"

    def prev_kind(j: int) -> str:
        while j >= 0 and skippable(j):
            j -= 1
        return head[j].kind if j >= 0 else "start"

    def headline_of(block: list[int]) -> int:
        strong = [i for i in block if not weak(i)] or block
        first = strong[0]
        if len(strong) > 1 and len(head[first].text.split()) <= 5 < len(head[strong[1]].text.split()):
            return strong[1]  # a kicker above the headline
        return first

    def score(block: list[int]) -> tuple[int, int]:
        i = headline_of(block)
        s = 2 if block[0] > last_bound else 0
        nxt = next_kind(block[-1] + 1)
        if nxt == "stamp":
            s += 4
            j = block[-1] + 1
            while j < end and (skippable(j) or head[j].kind == "stamp"):
                j += 1
            s += 2 if j >= end else 0
        elif nxt == "para":
            s += 2  # the text follows
        if prev_kind(block[0] - 1) == "stamp":
            s += 1
        if weak(i):
            s -= 4
        if len(head[i].text.split()) <= 5 and any(
            len(head[j].text.split()) > 5 and not weak(j) for b in blocks for j in b
        ):
            s -= 2  # a short kicker or rubric on its own, when a longer headline is printed too
        return s, block[0]

    return headline_of(max(blocks, key=score))


def _choose_stamp(head: list[_Line], at: int) -> int | None:
    """The publication stamp's index: the first after the headline; else the nearest above it
    inside the article's header (no menu or site name between), if it gives the time or stands
    right above the headline."""
    for i in range(at + 1, len(head)):
        if head[i].kind == "stamp":
            return i
    for i in range(min(at, len(head)) - 1, -1, -1):
        it = head[i]
        if it.kind in ("nav", "site"):
            return None
        if it.kind == "stamp":
            close = all(head[j].kind == "drop" for j in range(i + 1, at))
            return i if "T" in it.stamp.iso or close else None
    return None


def _headline_missing(head: list[_Line], rules: _Rules) -> bool:
    """Whether a page's header (there is one: menus, a site name or a stamp) has shown no line
    that could be the headline yet, since its last menu: then a short first "paragraph" is the
    headline printed with a full stop."""
    if not any(it.kind in ("nav", "site", "stamp") for it in head):
        return False
    menu = _menu_items(head)
    for it in reversed(head):
        if it.kind in ("nav", "site"):
            return True
        if (
            it.kind == "text"
            and _title_shaped(it.text)
            and not _label_like(it.text, menu)
            and not rules.caption.search(it.text)
        ):
            return False
    return True


def _stamp_follows(prepared: list[tuple[str, bool]], i: int, rules: _Rules) -> bool:
    """Whether a stamp comes next (a byline, a button or a counter aside), and the text after it."""
    stamped = False
    for line, _ in prepared[i + 1 : i + 6]:
        kind = _classify(line, rules).kind
        if kind == "stamp":
            stamped = True
        elif kind == "para":
            return stamped
        elif rules.tail.search(_BULLET.sub("", line)) or kind not in ("drop", "byline", "text"):
            return False
    return False


def _stamp_authors(stamp: Stamp) -> list[str]:
    out: list[str] = []
    for seg in stamp.rest:
        seg = re.sub(r"^(?:người\s+(?:đăng|viết)|tác giả|bởi|by)\s*:?\s*", "", seg, flags=re.I)
        if re.fullmatch(f"{_NAME}|{_CAPS_NAME}", seg):
            out += _names(seg)
    return out


def is_navigation(line: str, page: list[str] | None = None) -> bool:
    """Whether a title is navigation rather than a headline: "Trang chủ", a menu or breadcrumb,
    or (given the page's lines) an item of the page's own menus."""
    rules = _rules()
    bare = _BULLET.sub("", line).strip("[] ")
    if rules.nav.search(bare) or _is_menu(bare) or len(bare.split()) <= 1:
        return True
    if page:
        head = [_Line(x, "nav") for x in page if len(x) <= 400 and _is_menu(_BULLET.sub("", x))]
        return _key(bare) in _menu_items(head)
    return False


def is_site_name(line: str) -> bool:
    """Whether a title is a site's name or slogan ("Báo Hà Tĩnh điện tử"), not a headline."""
    return _rules().site.search(_BULLET.sub("", line).strip("[] "))


def is_listing(lines: list[str]) -> bool:
    """Whether a page lists articles (a home page, a section's index) rather than being one: three
    or more title-shaped lines each dated by the line after it."""
    dated = 0
    shown = [x for x in lines if x.strip()]
    for a, b in zip(shown, shown[1:], strict=False):
        if _title_shaped(a) and not _is_paragraph(a) and (read_stamp(b) or _DATED_TEASER.search(a)):
            dated += 1
    return dated >= 3


def person_names(values: list[str]) -> list[str]:
    """The values that are people's names (of a metadata author field: not "Văn phòng Liên minh HTX")."""
    return [n for v in values if _BYLINE.match(v.strip()) for n in _names(v.strip())]


# ---------------------------------------------------------------------------------------------
# The page


def clean_lines(lines: list[str], title: str | None = None) -> Page:
    """Split a page into metadata and body. ``title`` is given when the source has one (JSON, HTML).

    Lines are expected in normalised form (``kg.text.normalize_text``), as the readers give them."""
    rules = _rules()
    page = Page(title=title)
    prepared = [piece for x in lines for piece in _prepare(x, rules)]

    # the head: every line before the first paragraph
    head: list[_Line] = []
    start = len(prepared)
    for i, (line, credited) in enumerate(prepared):
        it = _classify(line, rules)
        it.credited = credited
        if it.kind == "para" and len(line.split()) < 25 and not title:
            if _stamp_follows(prepared, i, rules) or _headline_missing(head, rules):
                it.kind = "text"  # a headline printed with a full stop: the stamp follows it
        if it.kind == "para":
            start = i
            break
        head.append(it)
    if start == len(prepared):  # no paragraph: the text starts after the first sentence-like line
        ends = [i for i, it in enumerate(head) if it.kind == "text" and _SENTENCE_END.search(it.text)]
        if ends:
            start = ends[0]
            head = head[:start]

    if title:
        tkey = _key(title)
        at = next((i for i, it in enumerate(head) if _key(it.text) == tkey), -1)
    else:
        chosen = _choose_headline(head, rules)
        at = -1 if chosen is None else chosen
        if chosen is not None:
            page.title = head[chosen].text
    stamp_at = _choose_stamp(head, at)
    if stamp_at is not None:
        page.published = head[stamp_at].stamp.iso
        page.authors += _stamp_authors(head[stamp_at].stamp)

    # head lines kept as text: those under the headline (a sapo, a caption) or, when the source
    # gave the title, every line that is not furniture
    seen = {_key(page.title)} if page.title else set()
    kept: list[tuple[str, bool]] = []
    for i, it in enumerate(head):
        if it.kind == "byline" or (it.kind == "text" and 0 <= at < i <= at + 3 and _BYLINE.match(it.text)):
            page.authors += list(it.names) or _names(it.text)
        elif it.kind == "text" and (i > at or title) and i != at and not _label_like(it.text, set()):
            kept.append((it.text, it.credited))
        else:
            page.dropped += 1
    _body(page, kept + prepared[start:], rules, seen, early_stamp=stamp_at is None)
    page.authors = list(dict.fromkeys(page.authors))
    return page


def _body(
    page: Page, lines: list[tuple[str, bool]], rules: _Rules, seen: set[str], early_stamp: bool
) -> None:
    body: list[str] = []
    teasers: list[int] = []  # indexes in body of a run of dated teasers
    late: tuple[int, Stamp] | None = None  # a stamp line inside the text: printed after it, on some portals
    for n, (line, _credited) in enumerate(lines):
        if len(line) <= 200:  # furniture is short: a paragraph is never a widget
            bare = _BULLET.sub("", line)
            if body and rules.tail.search(bare):
                page.tail = "\n".join(x for x, _ in lines[n:])
                break
            if (stamp := read_stamp(line)) is not None:
                if early_stamp and page.published is None and len(body) <= 3:
                    page.published = stamp.iso
                    page.authors += _stamp_authors(stamp)
                late = (len(body), stamp)
                page.dropped += 1
                continue
            if rules.line.search(bare) or _is_toolbar(bare, rules):
                page.dropped += 1
                continue
            if label := _BYLINE_LABEL.match(line):
                page.authors += _names(label.group(1))
                continue
            if _is_menu(bare) and not any(c.isdigit() for c in bare):
                page.dropped += 1
                continue
        if len(line) <= 300 and not _SENTENCE_END.search(line) and _DATED_TEASER.search(line):
            teasers.append(len(body))
            if len(teasers) >= 2 and teasers[-2] >= len(body) - 1:
                cut = teasers[-2]
                if cut and _title_shaped(body[cut - 1]) and len(body[cut - 1].split()) <= 6:
                    cut -= 1  # the list's heading
                page.tail = "\n".join(body[cut:] + [x for x, _ in lines[n:]])
                del body[cut:]
                break
        else:
            teasers.clear()
        key = _key(line)
        if key in seen:
            page.dropped += 1
            continue
        seen.add(key)
        body.append(line)
    if page.tail:
        # teasers printed inside the text repeat those of the list after it
        listed = {_key(_BULLET.sub("", x)) for x in page.tail.split("\n")}
        kept = [x for x in body if _SENTENCE_END.search(x) or _key(x) not in listed]
        page.dropped += len(body) - len(kept)
        body = kept
    if early_stamp and page.published is None and late and late[0] >= len(body) - 2:
        page.published = late[1].iso  # "Ngày đăng: ..." under the text
        page.authors += _stamp_authors(late[1])
    page.body = body
    _take_final_byline(page)


_CREDIT_TOKEN = re.compile(rf"[{UPPER}][^\s()]*|/[^\s()]*|&|(?:internet|sưu tầm|tổng hợp)\b")


def split_credits(line: str, labels: list[re.Pattern[str]] | tuple[re.Pattern[str], ...]) -> list[str]:
    """Remove credits glued into a paragraph ("... Ảnh: VGP/Thành Chung Năm nay, ..."); a caption
    glued to the next sentence ends at its credit, so the line is cut there.

    A credit is the run of capitalised tokens after its label, up to a full stop or a
    closing bracket; where the run runs into the next sentence, its last capitalised word
    begins that sentence ("TTXVN Năm nay" -> the credit is "TTXVN")."""
    parts: list[str] = []
    for label in labels:
        while m := label.search(line):
            pos, tokens = m.end(), []
            while (t := _CREDIT_TOKEN.match(line, pos)) and len(tokens) < 6:
                if (
                    tokens
                    and tokens[-1].group(0).isupper()
                    and not t.group(0).isupper()
                    and t.group(0)[:1].isupper()
                ):
                    break  # "MINH QUÂN Hơn 50%": the credit is in capitals, "Hơn" begins the sentence
                tokens.append(t)
                pos = t.end()
                if line[pos : pos + 1] != " " or t.group(0).endswith((".", ")", ",", ";", ":")):
                    break
                pos += 1
            end = tokens[-1].end() if tokens else m.end()
            if tokens and not tokens[-1].group(0).endswith((".", ")")) and len(tokens) > 1:
                after = line[tokens[-1].end() :].lstrip()
                if after[:1].islower() or after[:1].isdigit():  # "TTXVN Năm nay": "Năm" begins the sentence
                    end = tokens[-2].end()
            tail = re.sub(r"^\s*[.)]", "", line[end:]).lstrip()
            head = re.sub(r"\s*[-–|(]$", "", line[: m.start()].rstrip())
            if head and tail[:1].isupper() and not tail.startswith(("(", "[")):
                parts.append(head)  # the caption ends at its credit; the next sentence starts a line
                line = tail
            else:
                joint = "" if tail[:1] in ".,;:)" else " "
                line = (head + joint + tail).strip()
    return parts + [line]


# A signature glued to the end of the last paragraph, after its last sentence: "... theo quy định
# hiện hành. Thanh Hiền", "... điều chuyển” Theo Thế Anh/Người đưa tin", "... /. CTV Minh Anh/VOV.VN".
_SENTENCE_BREAK = re.compile(r"[.!?…”\"»]\s+")
# "TP. Hồ Chí Minh", "ThS. Nguyễn Văn A": a dot that ends an abbreviation ends no sentence
_ABBREV_DOT = re.compile(r"(?<!\w)(?:TP|Tp|Q|P|H|X|TX|TT|ThS|TS|PGS|GS|BS|KS|NXB)\.$")
_REPORTER = re.compile(r"^(?:ctv|pv|p\.v|phóng viên|nhóm pv)\.?\s+(.+)$", re.I)


def _signature_names(sig: str) -> list[str] | None:
    """The people a closing signature names ([] for an agency or an office), or None if it is not one."""
    sig = sig.strip()
    if theo := re.match(
        r"theo\s+(.+)$", sig, re.I
    ):  # "Theo Zing" cites a paper; "Theo Thế Anh/Người đưa tin" a reporter
        return _names(theo.group(1)) if re.search(r"[/(]", theo.group(1)) else []
    if _BYLINE.match(sig):
        return _names(sig)
    if m := _REPORTER.match(sig) or _BYLINE_LABEL.match(sig):
        return _names(m.group(1))
    return [] if _SIGNATURE.match(sig) else None


def _take_final_byline(page: Page) -> None:
    """The article's closing signature: names become authors; agencies and offices are dropped."""
    while page.body:
        last = page.body[-1]
        names = None if len(last) > 80 else _signature_names(last)
        if names is None:
            start = max(0, len(last) - 70)
            breaks = [
                b
                for b in _SENTENCE_BREAK.finditer(last, start)
                if not _ABBREV_DOT.search(last, 0, b.start() + 1)
            ]
            if breaks and (names := _signature_names(last[breaks[-1].end() :])) is not None:
                page.body[-1] = last[: breaks[-1].end()].rstrip()
                page.authors += names
            return
        page.authors += names
        page.body.pop()
        page.dropped += 1
