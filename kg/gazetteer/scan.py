"""Places in running text: one pass over the words of a text finds the provinces, districts and
communes it names (see the package's docstring for the rules that keep it precise)."""

from __future__ import annotations

import unicodedata
from typing import Any

from kg.gazetteer.index import (
    _BECAME,
    _BLOCK,
    _GAP_DOT,
    _JOIN_TEXT,
    _KIND_RANK,
    _LINK,
    _LIST_SEP,
    _PAREN_CLOSE,
    _PAREN_OPEN,
    _PLURAL,
    _TYPE_ABBREVS,
    _TYPE_WORDS,
    _WORD,
    PlaceMention,
    _ascii_key,
    _Entry,
    _gap_kind,
    _Gazetteer,
    _is_cap,
    _is_title,
    _load,
)
from kg.text import normalize_text


def _normalize_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Normalised text, and for non-NFC input the map from its indices back to ``text``'s."""
    norm = normalize_text(text)
    if len(norm) == len(text):
        return norm, None
    offsets: list[int] = []
    start = 0
    for k in range(1, len(text) + 1):
        if k == len(text) or not unicodedata.combining(text[k]):
            offsets.extend([start] * len(unicodedata.normalize("NFC", text[start:k])))
            start = k
    if len(offsets) != len(norm):  # composition across clusters: fall back to the NFC text's offsets
        return norm, None
    offsets.append(len(text))
    return norm, offsets


_UNSET = object()


class _Lazy:
    """A sequence whose items are computed when first read: the scan looks at the words around
    the few places a name may begin, so most words of a text never need a key."""

    __slots__ = ("_compute", "_cache")

    def __init__(self, n: int, compute) -> None:
        self._compute = compute
        self._cache: list = [_UNSET] * n

    def __len__(self) -> int:
        return len(self._cache)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self._cache)))]
        value = self._cache[k]
        if value is _UNSET:
            value = self._cache[k] = self._compute(k if k >= 0 else k + len(self._cache))
        return value


class _Scan:
    """One pass over one text; collects mentions as [start, end, kind, name, provinces] in norm offsets."""

    def __init__(self, g: _Gazetteer, norm: str) -> None:
        self.g = g
        self.norm = norm
        self.spans = [m.span() for m in _WORD.finditer(norm)]
        self.words = _WORD.findall(norm)
        folded = _WORD.findall(norm.casefold())
        if len(folded) != len(self.words):  # casefolding changed a word's letters' class: fold one by one
            folded = [w.casefold() for w in self.words]
        spellings = g.spellings
        self.keys = [spellings.get(w, w) for w in folded]

        def join(k: int) -> str | None:
            if k + 1 >= len(self.spans):
                return None
            return _gap_kind(norm[self.spans[k][1] : self.spans[k + 1][0]])

        self.joins = _Lazy(len(self.spans), join)
        self.found: list[list] = []

    # -- helpers ------------------------------------------------------------------------------------

    def gap(self, k: int) -> str:
        """The text between run k and run k+1."""
        return self.norm[self.spans[k][1] : self.spans[k + 1][0]] if k + 1 < len(self.spans) else ""

    def longest(self, index: dict, i: int, first: set[str] | None) -> tuple[int, Any, str] | None:
        """The longest name of ``index`` starting at run i, as (number of runs, value, key)."""
        if i >= len(self.keys) or (first is not None and self.keys[i] not in first):
            return None
        best = None
        key = self.keys[i]
        for n in range(1, self.g.max_runs + 1):
            if n > 1:
                if i + n - 1 >= len(self.keys):
                    break
                join = self.joins[i + n - 2]
                if join is None:
                    break
                key += _JOIN_TEXT[join] + self.keys[i + n - 1]
            if key in index:
                best = (n, index[key], key)
        return best

    def capitalised(self, i: int, n: int, strict: bool = True) -> bool:
        """Words i..i+n-1 are capitalised (after an apostrophe a run may be lower case: "M'gar")."""
        if not _is_cap(self.words[i]):
            return False
        if not strict:
            return True
        return all(_is_cap(self.words[k]) for k in range(i + 1, i + n) if self.joins[k - 1] != "a")

    def continues(self, end: int) -> bool:
        """A capitalised word follows run ``end`` in the same phrase: the real name is longer.

        Not where a person's name follows, as when a title comes first ("Bí thư Tỉnh ủy Bến Tre
        Võ Thành Hạo"): a family or middle name, then another capitalised word."""
        if not (self.joins[end] == "s" and end + 1 < len(self.words) and _is_title(self.words[end + 1])):
            return False
        person = (
            self.keys[end + 1] in self.g.family_names
            and end + 2 < len(self.words)
            and self.joins[end + 1] == "s"
            and _is_title(self.words[end + 2])
        )
        return not person

    def preceded_by(self, i: int, phrases: list[tuple[str, ...]]) -> bool:
        for phrase in phrases:
            n = len(phrase)
            if i - n >= 0 and tuple(self.keys[i - n : i]) == phrase:
                if all(self.joins[k] in ("s", "d") for k in range(i - n, i)):
                    return True
        return False

    def emit(self, i: int, n: int, kind: str, name: str, provs: list[str] | tuple[str, ...]) -> None:
        order = self.g.order
        provs = tuple(sorted(set(provs), key=lambda p: order[p]))
        self.found.append([self.spans[i][0], self.spans[i + n - 1][1], kind, name, provs])

    # -- the pass -----------------------------------------------------------------------------------

    def run(self) -> list[list]:
        """Visit only the words that may begin a place or a unit type (`_Gazetteer.candidates`);
        a match consumes the words it covers."""
        starters, abbreviations = self.g.starters, _TYPE_ABBREVS
        i = 0
        for c, (key, word) in enumerate(zip(self.keys, self.words, strict=True)):
            if c < i or (key not in starters and word not in abbreviations):
                continue
            typed = self.type_at(c)
            i = self.after_type(c, *typed) if typed is not None else self.bare_province(c)
        return self.found

    def type_at(self, i: int) -> tuple[int, tuple[str, str | None, str | None]] | None:
        """A unit-type word at run i, as (index of the run where the name starts, type entry)."""
        keys, joins = self.keys, self.joins
        candidates = [(keys[i],)]
        if i + 1 < len(keys) and joins[i] == "s":
            candidates.insert(0, (keys[i], keys[i + 1]))
        for words in candidates:
            if words in _TYPE_WORDS:
                end = i + len(words) - 1
                if end + 1 >= len(keys) or joins[end] != "s" or self.preceded_by(end + 1, self.g.not_type):
                    return None
                return end + 1, _TYPE_WORDS[words]
        abbrev = _TYPE_ABBREVS.get(self.words[i])
        if abbrev and i + 1 < len(keys):
            words, needs_dot = abbrev
            gap = self.gap(i)
            name = self.words[i + 1]
            # "Q.1", "P.Bến Nghé", but not a byline "P.V": a one-letter name is an initial
            initial = len(name) == 1 and not name.isdigit()
            if _GAP_DOT.fullmatch(gap) and ("." in gap or not needs_dot) and not initial:
                return i + 1, _TYPE_WORDS[words]
        return None

    def match_units(self, j: int, index_name: str, utype: str | None, ascii_prefix: str | None):
        """The longest district or commune name at run j, exact first, then a former name."""
        g = self.g
        index = g.districts if index_name == "district" else g.communes
        hit = self.longest(index, j, g.first[index_name])
        if hit is None and ascii_prefix:
            aliases = g.district_alias if index_name == "district" else g.commune_alias
            for n in range(min(g.max_runs, len(self.words) - j), 0, -1):
                if any(self.joins[k] is None for k in range(j, j + n - 1)):
                    continue
                surface = self.norm[self.spans[j][0] : self.spans[j + n - 1][1]]
                found = aliases.get(ascii_prefix + _ascii_key(surface))
                if found:
                    hit = (n, found, "")
                    break
        if hit is None:
            return None
        n, entries = hit[0], hit[1]
        same = [e for e in entries if e.utype in _BECAME.get(utype or "", ())]
        if hit[2].isdigit():  # "quận 1", "phường 15": a bare number only after its own type word
            return (n, same) if same else None
        return n, same or list(entries)

    def unit_ok(self, j: int, n: int, entries: list[_Entry]) -> bool:
        strict = all(e.all_cap for e in entries)
        return self.capitalised(j, n, strict) and not self.continues(j + n - 1)

    def after_type(self, i: int, j: int, entry: tuple[str, str | None, str | None]) -> int:
        """Match the name after a type word at run i (name from run j); return the next run to scan."""
        what, utype, ascii_prefix = entry
        g = self.g
        if what in ("province", "city"):
            prov = self.longest(g.prov_index, j, g.first["province"])
            if prov is not None and (prov[1] == _BLOCK or not self.capitalised(j, prov[0])):
                prov = None
            dist = self.match_units(j, "district", utype, ascii_prefix) if what == "city" else None
            if dist is not None and not self.unit_ok(j, *dist):
                dist = None
            if prov is not None:
                is_city = g.old[str(prov[1])].full_name.startswith("thành phố")
                if dist is None or is_city or prov[0] > dist[0]:
                    self.emit(j, prov[0], "province", str(prov[1]), (str(prov[1]),))
                    return j + prov[0]
            if dist is not None:
                n, entries = dist
                self.emit(j, n, "district", entries[0].unit.name, [e.unit.province for e in entries])
                return j + n
            return j
        hit = self.match_units(j, what, utype, ascii_prefix)
        if hit is not None and self.unit_ok(j, *hit):
            n, entries = hit
            self.emit(j, n, what, entries[0].unit.name, [e.unit.province for e in entries])
            end = j + n - 1
            if what == "commune":
                end = self.parenthesis(end)
            if i > 0 and (self.keys[i - 1] in _PLURAL or self.words[i - 1].isdigit()):
                end = self.listed(end, what, utype)
            return end + 1
        # An unknown name after a type word: skip it, so that no province is read inside it, but a
        # district in parentheses after it ("xã Foo (Lương Sơn)") still counts.
        end = j - 1
        while end + 1 < len(self.words) and end + 1 - j < 6 and _is_cap(self.words[end + 1]):
            if end >= j and self.joins[end] is None:
                break
            end += 1
        if what == "commune" and end >= j:
            end = self.parenthesis(end)
        return max(end + 1, j)

    def parenthesis(self, end: int) -> int:
        """After a commune ending at run ``end``: a district in parentheses, "xã A (Lương Sơn)"."""
        k = end + 1
        if k >= len(self.words) or not _PAREN_OPEN.fullmatch(self.gap(end)):
            return end
        hit = self.match_units(k, "district", None, None)
        if hit is None or not self.unit_ok(k, *hit):
            return end
        n, entries = hit
        close = self.norm[self.spans[k + n - 1][1] :]
        if not _PAREN_CLOSE.match(close):
            return end
        self.emit(k, n, "district", entries[0].unit.name, [e.unit.province for e in entries])
        return k + n - 1

    def listed(self, end: int, what: str, utype: str | None) -> int:
        """More names of the same type in a list after a plural type word: "các huyện A, B và C"."""
        while end + 1 < len(self.words):
            k = end + 1
            if self.keys[k] == "và" and self.joins[end] == "s":
                k += 1
            elif _LIST_SEP.fullmatch(self.gap(end)):
                if self.keys[k] == "và" and self.joins[k] == "s":
                    k += 1
            else:
                break
            if k >= len(self.words) or self.type_at(k) is not None:
                break
            hit = self.match_units(k, what, utype, None)
            if hit is None or not self.unit_ok(k, *hit):
                break
            n, entries = hit
            self.emit(k, n, what, entries[0].unit.name, [e.unit.province for e in entries])
            end = k + n - 1
        return end

    def bare_province(self, i: int) -> int:
        """A province name with no type word before it; return the next run to scan."""
        g = self.g
        hit = self.longest(g.prov_index, i, g.first["province"])
        if hit is None:
            return i + 1
        n, name, key = hit
        end = i + n - 1
        if name == _BLOCK:  # checked before case, so "xây dựng Hòa Bình" is blocked as well
            return end + 1
        if (
            key in g.needs_prefix
            or not self.capitalised(i, n)
            or self.continues(end)
            or self.preceded_by(i, g.not_before)
            or self.in_person_name(i, n)
            or (self.preceded_by(i, g.org_before) and not self.preceded_by(i, g.place_org))
        ):
            return end + 1
        self.emit(i, n, "province", name, (name,))
        return end + 1

    def in_person_name(self, i: int, n: int) -> bool:
        """Part of a person's (or another proper) name: "Nguyễn Thái Bình", "ông Phí Thái Bình", "chị Huế".

        A name word (surname, middle name) counts right before the province name only, so that "Sở Công
        Thương Hà Nội" stays a place; an honorific ("ông") also across one or two capitalised words.
        A single-word name ("Huế") after any capitalised word is taken as part of that name too.
        """
        k = i - 1
        if k < 0 or self.joins[k] != "s":
            return False
        if self.keys[k] in self.g.honorifics or (
            self.keys[k] in self.g.name_words and _is_title(self.words[k])
        ):
            return True
        if not _is_title(self.words[k]):
            return False
        if n == 1:
            return True
        for k in (i - 2, i - 3):
            if k < 0 or self.joins[k] != "s":
                return False
            if self.keys[k] in self.g.honorifics:
                return True
            if not _is_title(self.words[k]):
                return False
        return False


def _narrow(g: _Gazetteer, norm: str, found: list[list]) -> None:
    """Let "xã A, huyện B" or "xã A (B)" or "huyện B, tỉnh C" narrow where A and B may lie."""
    for k in range(len(found) - 2, -1, -1):
        small, big = found[k], found[k + 1]
        if _KIND_RANK[small[2]] >= _KIND_RANK[big[2]] or not _LINK.fullmatch(norm[small[1] : big[0]]):
            continue
        provs = set(small[4]) & set(big[4])
        if small[2] == "commune" and big[2] == "district":
            contained = {p for p in provs if (small[3], big[3], p) in g.in_district}
            provs = contained or provs
            if provs:
                big[4] = tuple(p for p in big[4] if p in provs)
        if provs:
            small[4] = tuple(p for p in small[4] if p in provs)


def find_places(text: str, normalized: bool = False) -> list[PlaceMention]:
    """Provinces, districts and communes named in running text, sorted by start.

    Precision first (this runs on thousands of articles): provinces as whole capitalised words with
    context rules; districts and communes only after their type word or in "xã A (District)".
    ``normalized``: the text is `kg.text.normalize_text`'s already (an article's is), so it is
    read as it is.
    """
    g = _load()
    norm, offsets = (text, None) if normalized else _normalize_with_offsets(text)
    found = _Scan(g, norm).run()
    found.sort(key=lambda f: f[0])
    _narrow(g, norm, found)
    mentions = []
    for start, end, kind, name, provs in found:
        if offsets is not None:
            start, end = offsets[start], offsets[end]
        mentions.append(PlaceMention(start, end, text[start:end], kind, name, provs))
    return mentions
