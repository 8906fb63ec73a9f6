"""Vietnam's provinces, districts and communes, before and after 1 July 2025, and where news names them.

The units come from the PyPI package ``vietnamadminunits``: its 63-province table (provinces, districts,
communes as of June 2025, with former names), its 34-province table and its 63 -> 34 mapping. The module
reads the SQLite and JSON files that the package ships rather than importing it, because importing it
loads its address parser and geocoding stack (~0.7 s, geopy, shapely) that is never needed here, and it
never touches the network. Everything is loaded once, lazily (``_load``).

Names follow the library's short names with the traditional tone placement ("Hòa Bình"); the one
exception is kept as data in ``kg/data/province_names.tsv`` (the old-era "Thừa Thiên Huế"). Codes: an
old-era province has its official two-digit GSO code ("66"); a new-era province has the library's code
for it prefixed "n" ("n66"), because several new codes reuse old codes of other provinces (Lào Cai took
Yên Bái's 15, Gia Lai took Bình Định's 52).

Other ways of writing a province are ``kg/data/province_aliases.tsv``; Đắk/Đăk/Đak-style word variants
``gazetteer_spellings.tsv``; districts merged away before June 2025 that the library forgets
``gazetteer_former_units.tsv``; and the context rules that keep ``find_places`` precise on running text
(Thái Bình Dương is an ocean, "đường Hà Nội" a street, "ông Phí Thái Bình" a person, "Công ty TNHH Hòa
Bình" a company) are ``gazetteer_rules.tsv``.
"""

from __future__ import annotations

import functools
import importlib.resources
import importlib.util
import json
import re
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.extract.normalize import ascii_fold, normalize_text

__all__ = [
    "PlaceMention",
    "Province",
    "Unit",
    "find_places",
    "infer_province",
    "province",
    "provinces",
    "successor",
]


@dataclass(frozen=True)
class Province:
    """A province of one era; a province unchanged in 2025 has one object per era, with the same name."""

    code: str  # GSO code for era "old" ("66"); "n" + the library's code for era "new" ("n66")
    name: str  # short name, traditional tone placement: "Đắk Lắk", "Hòa Bình", "Hồ Chí Minh"
    full_name: str  # "tỉnh Đắk Lắk", "thành phố Hà Nội"
    era: str  # "old" (the 63 before 2025-07-01) or "new" (the 34 after)
    successor: str | None  # era "old": name of the new-era province it became part of; else None


@dataclass(frozen=True)
class Unit:
    """A district or commune of the old era, as the gazetteer indexes it."""

    name: str  # "Lương Sơn"
    kind: str  # "district" (huyện, quận, thị xã, thành phố thuộc tỉnh) or "commune" (xã, phường, thị trấn)
    province: str  # name of its old-era province


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text; the span covers the name only, not a preceding "tỉnh" or "xã"."""

    start: int
    end: int
    surface: str  # text[start:end]
    kind: str  # "province" | "district" | "commune"
    name: str  # canonical name (the library's, or the province name used here)
    provinces: tuple[str, ...]  # old-era provinces it may belong to, in code order


# ---------------------------------------------------------------------------------------------------
# Tokens and matching keys. Text and names are cut into runs of letters and digits; two runs join into
# one name across spaces, a dash ("Bà Rịa - Vũng Tàu") or an apostrophe ("M’ Đrắk"). The key of a name
# is its casefolded runs (after normalize_text, so tone placement does not matter), joined by a space,
# or by nothing across an apostrophe, so "M'Đrắk", "M’ Đrắk" and "Ea H'leo"/"Ea Hleo" match.

_WORD = re.compile(r"[^\W_]+")
_GAP_SPACE = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_GAP_DASH = re.compile(r"[ \t\u00a0]*[-\u2010\u2011\u2012\u2013\u2014][ \t\u00a0]*")
_GAP_APOSTROPHE = re.compile(r"[ \t\u00a0]*['\u2018\u2019\u02bc`\u00b4][ \t\u00a0]*")
_GAP_DOT = re.compile(r"[ \t\u00a0]*\.?[ \t\u00a0]*")
_JOIN_TEXT = {"s": " ", "d": " ", "a": ""}


def _gap_kind(gap: str) -> str | None:
    """How two runs separated by ``gap`` join inside a name: space, dash, apostrophe, or not at all."""
    if gap == " " or _GAP_SPACE.fullmatch(gap):
        return "s"
    if _GAP_APOSTROPHE.fullmatch(gap):
        return "a"
    if _GAP_DASH.fullmatch(gap):
        return "d"
    return None


def _key(name: str, spellings: dict[str, str]) -> str:
    """The matching key of a name, built exactly as ``find_places`` builds keys from running text."""
    norm = _normalize_name(name).strip()
    runs = list(_WORD.finditer(norm))
    parts: list[str] = []
    for k, m in enumerate(runs):
        if k:
            kind = _gap_kind(norm[runs[k - 1].end() : m.start()]) or "s"
            parts.append(_JOIN_TEXT[kind])
        run = m.group().casefold()
        parts.append(spellings.get(run, run))
    return "".join(parts)


@functools.lru_cache(maxsize=16384)
def _normalize_name(name: str) -> str:
    """normalize_text for short names, which repeat thousands of times while the indexes are built."""
    return normalize_text(name)


def _runs(name: str, spellings: dict[str, str]) -> list[str]:
    """The casefolded runs of letters and digits of a name, spelling variants folded."""
    runs = [m.group().casefold() for m in _WORD.finditer(_normalize_name(name))]
    return [spellings.get(run, run) for run in runs]


def _ascii_key(name: str) -> str:
    """A looser key without diacritics, spaces or apostrophes, for romanised and run-together names."""
    return re.sub(r"[^a-z0-9]", "", ascii_fold(name))


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _is_title(word: str) -> bool:
    """Capitalised but not an all-caps acronym: the shape of a word that continues a proper name."""
    return word[:1].isupper() and (len(word) == 1 or any(c.islower() for c in word[1:]))


# Unit-type words: tokens -> (what follows, the library's type, the type's ASCII prefix in its aliases).
# Grammar of the language, not gazetteer data: the library's types are exactly these.
_TYPE_WORDS: dict[tuple[str, ...], tuple[str, str | None, str | None]] = {
    ("tỉnh",): ("province", None, None),
    ("thủ", "đô"): ("province", None, None),
    ("thành", "phố"): ("city", "Thành phố", "thanhpho"),
    ("huyện",): ("district", "Huyện", "huyen"),
    ("quận",): ("district", "Quận", "quan"),
    ("thị", "xã"): ("district", "Thị xã", "thixa"),
    ("xã",): ("commune", "Xã", "xa"),
    ("phường",): ("commune", "Phường", "phuong"),
    ("thị", "trấn"): ("commune", "Thị trấn", "thitran"),
}
# Abbreviations, case-sensitive: (type entry, must a dot follow).
_TYPE_ABBREVS: dict[str, tuple[tuple[str, ...], bool]] = {
    "TP": (("thành", "phố"), False),
    "Tp": (("thành", "phố"), False),
    "TX": (("thị", "xã"), False),
    "Tx": (("thị", "xã"), False),
    "Q": (("quận",), True),
    "H": (("huyện",), True),
    "P": (("phường",), True),
}
# What a unit of a type written in older news may have become by 2025: units are only ever upgraded
# (huyện Phong Điền of 2017 is thị xã Phong Điền in the library), so "huyện X" may be any of these.
_BECAME: dict[str, set[str]] = {
    "Huyện": {"Huyện", "Thị xã", "Thành phố", "Quận"},
    "Thị xã": {"Thị xã", "Thành phố", "Quận"},
    "Thành phố": {"Thành phố"},
    "Quận": {"Quận", "Thành phố"},
    "Xã": {"Xã", "Thị trấn", "Phường"},
    "Thị trấn": {"Thị trấn", "Phường"},
    "Phường": {"Phường"},
}
# Words before a type word that make it plural ("các huyện A, B và C"), so a list of names follows.
_PLURAL = frozenset({"các", "những", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"})
_KIND_RANK = {"commune": 0, "district": 1, "province": 2}
# What may stand between a unit and the larger unit that says where it is: "xã A, huyện B", "xã A (B)".
_LINK = re.compile(r"[\s,(\-\u2013]*(?:(?:huyện|quận|thị\s+xã|thành\s+phố|tỉnh|tp|tx)[\s.]*)?", re.IGNORECASE)
_PROVINCE_PREFIX = re.compile(r"(?:tỉnh|thành\s*phố|thủ\s*đô|tp|t\.p)[\s.:]*(?=\S)", re.IGNORECASE)
_PAREN_OPEN = re.compile(r"[ \t\u00a0]*\([ \t\u00a0]*")
_PAREN_CLOSE = re.compile(r"[ \t\u00a0]*[),;\-\u2013]")
_LIST_SEP = re.compile(r"[ \t\u00a0]*,[ \t\u00a0]*")
_BLOCK = ""  # index value of a not_place phrase


@dataclass(frozen=True)
class _Entry:
    unit: Unit
    utype: str  # the library's type: "Huyện", "Xã", ...
    all_cap: bool  # every word of the name is capitalised (then the text must capitalise it too)


@dataclass
class _Gazetteer:
    old: dict[str, Province]
    new: dict[str, Province]
    spellings: dict[str, str]  # casefolded word variant -> standard form ("đăk" -> "đắk")
    order: dict[str, int]  # old-era province name -> rank in code order
    prov_index: dict[str, str]  # key -> old-era province name, or _BLOCK for a not_place phrase
    needs_prefix: set[str]
    prov_loose: dict[str, str | None]  # ASCII keys for province(); None when ambiguous
    new_index: dict[str, str]
    districts: dict[str, list[_Entry]]
    communes: dict[str, list[_Entry]]
    district_alias: dict[str, list[_Entry]]
    commune_alias: dict[str, list[_Entry]]
    in_district: set[tuple[str, str, str]]  # (commune, district, province)
    not_before: list[tuple[str, ...]]
    name_words: set[str]  # surnames and middle names (capitalised in the rules file)
    honorifics: set[str]  # ông, bà, anh, chị... (lower case in the rules file)
    org_before: list[tuple[str, ...]]
    place_org: list[tuple[str, ...]]
    not_type: list[tuple[str, ...]]
    first: dict[str, set[str]]  # index name -> keys of first runs, a cheap pre-check
    max_runs: int


# ---------------------------------------------------------------------------------------------------
# Loading.


def _library_data_dir() -> Path:
    """The data folder of vietnamadminunits, found without importing the package (see module doc)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("kg.extract.gazetteer needs the package vietnamadminunits")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _read_tsv(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a packaged kg/data TSV: '#' comments, a header naming ``columns``, NFC with tone fixes."""
    text = importlib.resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [normalize_text(c.strip()) for c in line.split("\t")]
        if header is None:
            header = cells
            if tuple(header) != columns:
                raise ValueError(f"kg/data/{name}:{lineno}: header {header} is not {list(columns)}")
            continue
        if len(cells) != len(columns) or not all(cells):
            raise ValueError(f"kg/data/{name}:{lineno}: expected {len(columns)} non-empty columns")
        rows.append(dict(zip(columns, cells, strict=True)))
    return rows


def _strip_qualifier(name: str) -> str:
    """'Kỳ Anh (Thị xã)' -> 'Kỳ Anh': the library disambiguates same-named units in one parent so."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name)


def _short_names(name: str) -> list[str]:
    """Names a unit is written by after its type word: 'Quận 1' is also '1' after 'quận'."""
    names = [name]
    m = re.fullmatch(r"(?:Quận|Phường)\s+(\d+)", name)
    if m:
        names.append(m.group(1))
    return names


def _add(index: dict[str, list[_Entry]], key: str, entry: _Entry) -> None:
    entries = index.setdefault(key, [])
    if entry not in entries:
        entries.append(entry)


@functools.cache
def _load() -> _Gazetteer:
    """Build every index once (about 0.2 s); all public functions go through here."""
    data = _library_data_dir()
    uri = (data / "dataset.db").as_uri() + "?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        legacy = conn.execute(
            "SELECT province, provinceShort, provinceCode, provinceKey, provinceAlias, districtShort,"
            " districtType, districtAlias, wardShort, wardType, wardAlias FROM admin_units_legacy"
        ).fetchall()
        current = conn.execute(
            "SELECT DISTINCT province, provinceShort, provinceCode, provinceKey FROM admin_units"
        ).fetchall()
    conn.close()
    mapping: dict[str, list[str]] = json.loads((data / "converter_2025.json").read_text("utf-8"))[
        "DICT_PROVINCE"
    ]

    renames = {(r["era"], r["library_name"]): r for r in _read_tsv("province_names.tsv", _NAMES_COLUMNS)}
    spellings = {
        r["variant"].casefold(): r["standard"].casefold()
        for r in _read_tsv("gazetteer_spellings.tsv", ("variant", "standard"))
    }

    def key(name: str) -> str:
        return _key(name, spellings)

    def named(era: str, full: str, short: str) -> tuple[str, str]:
        short = normalize_text(short)
        row = renames.get((era, short))
        if row:
            return row["name"], row["full_name"]
        full = normalize_text(full)
        return short, full[:1].lower() + full[1:]

    new: dict[str, Province] = {}
    new_by_key: dict[str, str] = {}
    for full, short, code, pkey in current:
        name, full_name = named("new", full, short)
        new[name] = Province(f"n{code}", name, full_name, "new", None)
        new_by_key[pkey] = name
    successor_of = {old_key: new_by_key[new_key] for new_key, olds in mapping.items() for old_key in olds}

    old: dict[str, Province] = {}
    lib_aliases: dict[str, str] = {}
    for full, short, code, pkey, palias, *_ in legacy:
        name, full_name = named("old", full, short)
        if name not in old:
            old[name] = Province(code, name, full_name, "old", successor_of[pkey])
            for alias in json.loads(palias or "[]"):
                lib_aliases[alias] = name
    old = dict(sorted(old.items(), key=lambda kv: kv[1].code))
    new = dict(sorted(new.items(), key=lambda kv: kv[1].code))
    if len(old) != 63 or len(new) != 34:
        raise ValueError(f"vietnamadminunits data changed: {len(old)} old and {len(new)} new provinces")
    lib_name = {short: named("old", full, short)[0] for full, short in {(r[0], r[1]) for r in legacy}}

    # Every written name goes in through ``put``, which also records its first run (a cheap pre-check
    # in the scan) and its length in runs.
    first: dict[str, set[str]] = {"province": set(), "district": set(), "commune": set()}
    max_runs = 1

    def put(which: str, index: dict, written: str, value: Any) -> None:
        nonlocal max_runs
        runs = _runs(written, spellings)
        first[which].add(runs[0])
        max_runs = max(max_runs, len(runs))
        if which == "province":
            index[key(written)] = value
        else:
            _add(index, key(written), value)

    # Provinces: names, aliases, rules.
    prov_index: dict[str, str] = {}
    for name in old:
        put("province", prov_index, name, name)
    for row in _read_tsv("province_aliases.tsv", ("alias", "province")):
        target = row["province"]
        if target not in old:
            raise ValueError(f"kg/data/province_aliases.tsv: {target!r} is not an old-era province here")
        put("province", prov_index, row["alias"], target)
    rules = _read_tsv("gazetteer_rules.tsv", ("rule", "phrase"))
    by_rule: dict[str, list[str]] = {}
    for row in rules:
        if row["rule"] not in _RULES:
            raise ValueError(f"kg/data/gazetteer_rules.tsv: unknown rule {row['rule']!r}")
        by_rule.setdefault(row["rule"], []).append(row["phrase"])
    for phrase in by_rule.get("not_place", []):
        put("province", prov_index, phrase, _BLOCK)
    needs_prefix = {key(p) for p in by_rule.get("needs_prefix", [])}

    prov_loose: dict[str, str | None] = {}
    for written, name in [*((k, v) for k, v in prov_index.items() if v), *lib_aliases.items()]:
        loose = _ascii_key(written)
        prov_loose[loose] = name if prov_loose.get(loose, name) == name else None
    new_index = {key(name): name for name in new}

    # Districts and communes of the old era, with the library's former names as typed ASCII keys.
    districts: dict[str, list[_Entry]] = {}
    communes: dict[str, list[_Entry]] = {}
    district_alias: dict[str, list[_Entry]] = {}
    commune_alias: dict[str, list[_Entry]] = {}
    in_district: set[tuple[str, str, str]] = set()
    seen_districts: set[tuple[str, str]] = set()
    for _full, short, _code, _pkey, _palias, dshort, dtype, dalias, wshort, wtype, walias in legacy:
        pname = lib_name[short]
        dname = _normalize_name(_strip_qualifier(dshort))
        dentry = _Entry(Unit(dname, "district", pname), dtype, all(map(_is_cap, dname.split())))
        if (dname, pname) not in seen_districts:
            seen_districts.add((dname, pname))
            for written in _short_names(dname):
                put("district", districts, written, dentry)
            for alias in json.loads(dalias or "[]"):
                _add(district_alias, alias, dentry)
        if not wshort:
            continue
        wname = _normalize_name(_strip_qualifier(wshort))
        wentry = _Entry(Unit(wname, "commune", pname), wtype, all(map(_is_cap, wname.split())))
        for written in _short_names(wname):
            put("commune", communes, written, wentry)
        for alias in json.loads(walias or "[]"):
            _add(commune_alias, alias, wentry)
        in_district.add((wname, dname, pname))
    for row in _read_tsv("gazetteer_former_units.tsv", ("kind", "former", "province", "current")):
        index = districts if row["kind"] == "district" else communes
        targets = [e for e in index.get(key(row["current"]), []) if e.unit.province == row["province"]]
        if not targets:
            raise ValueError(f"kg/data/gazetteer_former_units.tsv: no {row['current']} in {row['province']}")
        for entry in targets:
            put(row["kind"], index, row["former"], entry)

    return _Gazetteer(
        old=old,
        new=new,
        spellings=spellings,
        order={name: rank for rank, name in enumerate(old)},
        prov_index=prov_index,
        needs_prefix=needs_prefix,
        prov_loose=prov_loose,
        new_index=new_index,
        districts=districts,
        communes=communes,
        district_alias=district_alias,
        commune_alias=commune_alias,
        in_district=in_district,
        not_before=[tuple(_runs(p, spellings)) for p in by_rule.get("not_before", [])],
        name_words={key(p) for p in by_rule.get("person_before", []) if p[:1].isupper()},
        honorifics={key(p) for p in by_rule.get("person_before", []) if p[:1].islower()},
        org_before=[tuple(_runs(p, spellings)) for p in by_rule.get("org_before", [])],
        place_org=[tuple(_runs(p, spellings)) for p in by_rule.get("place_org", [])],
        not_type=[tuple(_runs(p, spellings)) for p in by_rule.get("not_type", [])],
        first=first,
        max_runs=max_runs,
    )


_NAMES_COLUMNS = ("era", "library_name", "name", "full_name")
_RULES = frozenset(
    {"needs_prefix", "not_place", "not_before", "person_before", "org_before", "place_org", "not_type"}
)


# ---------------------------------------------------------------------------------------------------
# Provinces by name.


def provinces(era: str = "old") -> list[Province]:
    """The 63 provinces before 2025-07-01 ("old") or the 34 after ("new"), in code order."""
    g = _load()
    if era not in ("old", "new"):
        raise ValueError(f"era must be 'old' or 'new', not {era!r}")
    return list((g.old if era == "old" else g.new).values())


def province(name: str) -> Province | None:
    """The province a name means, however it is spelled; the old-era one when the name is one.

    Old first because news before July 2025 (all of this project's corpus) names old provinces.
    """
    g = _load()
    text = normalize_text(name).strip()
    prefix = _PROVINCE_PREFIX.match(text)
    candidates = [text] + ([text[prefix.end() :]] if prefix else [])
    for candidate in candidates:
        found = g.prov_index.get(_key(candidate, g.spellings))
        if found:
            return g.old[found]
    for candidate in candidates:
        found_loose = g.prov_loose.get(_ascii_key(candidate))
        if found_loose:
            return g.old[found_loose]
    for candidate in candidates:
        new_name = g.new_index.get(_key(candidate, g.spellings))
        if new_name:
            return g.new[new_name]
    return None


def successor(name: str) -> Province | None:
    """The new-era province that an old (or new) province name maps to after 2025-07-01."""
    found = province(name)
    if found is None or found.era == "new":
        return found
    g = _load()
    return g.new[found.successor] if found.successor else None


# ---------------------------------------------------------------------------------------------------
# Places in running text.


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


class _Scan:
    """One pass over one text; collects mentions as [start, end, kind, name, provinces] in norm offsets."""

    def __init__(self, g: _Gazetteer, norm: str) -> None:
        self.g = g
        self.norm = norm
        runs = list(_WORD.finditer(norm))
        self.spans = [(m.start(), m.end()) for m in runs]
        self.words = [m.group() for m in runs]
        self.keys = [g.spellings.get(k, k) for k in (w.casefold() for w in self.words)]
        self.joins: list[str | None] = [
            _gap_kind(norm[self.spans[k][1] : self.spans[k + 1][0]]) for k in range(len(runs) - 1)
        ] + [None]
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
        """A capitalised word follows run ``end`` in the same phrase: the real name is longer."""
        return self.joins[end] == "s" and end + 1 < len(self.words) and _is_title(self.words[end + 1])

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
        i = 0
        while i < len(self.words):
            typed = self.type_at(i)
            if typed is not None:
                i = self.after_type(i, *typed)
                continue
            i = self.bare_province(i)
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
        if self.keys[k] in self.g.name_words or self.keys[k] in self.g.honorifics:
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


def find_places(text: str) -> list[PlaceMention]:
    """Provinces, districts and communes named in running text, sorted by start.

    Precision first (this runs on thousands of articles): provinces as whole capitalised words with
    context rules; districts and communes only after their type word or in "xã A (District)".
    """
    return list(_scan(text))


@functools.lru_cache(maxsize=1024)
def _scan(text: str) -> tuple[PlaceMention, ...]:
    """The scan behind `find_places`, remembered per text: extraction asks about the same
    article and sentences from several components (province, people, figures, events)."""
    g = _load()
    norm, offsets = _normalize_with_offsets(text)
    found = _Scan(g, norm).run()
    found.sort(key=lambda f: f[0])
    _narrow(g, norm, found)
    mentions = []
    for start, end, kind, name, provs in found:
        if offsets is not None:
            start, end = offsets[start], offsets[end]
        mentions.append(PlaceMention(start, end, text[start:end], kind, name, provs))
    return tuple(mentions)


def infer_province(text: str) -> tuple[str | None, str]:
    """The old-era province an article is about, with a short reason.

    Each naming of a province counts one, and so does each district that lies in one province only
    (an article about Hòa Bình names its districts more often than the province, and names other
    provinces in passing: "hội nghị tại các TP: Hòa Bình, Hà Nội, Hải Phòng"). The highest count wins,
    ties going to the first named. With no province or district, the one province that all communes
    can lie in; else None.
    """
    mentions = find_places(text)
    named: Counter[str] = Counter()
    by_district: dict[str, list[str]] = {}
    first_seen: dict[str, int] = {}
    for m in mentions:
        if m.kind == "province":
            named[m.provinces[0]] += 1
        elif m.kind == "district" and len(m.provinces) == 1:
            by_district.setdefault(m.provinces[0], []).append(m.name)
        else:
            continue
        first_seen.setdefault(m.provinces[0], m.start)
    if first_seen:
        best = min(first_seen, key=lambda p: (-(named[p] + len(by_district.get(p, []))), first_seen[p]))
        parts = []
        if named[best]:
            parts.append("named once" if named[best] == 1 else f"named {named[best]} times")
        if by_district.get(best):
            parts.append("districts " + ", ".join(dict.fromkeys(by_district[best])))
        return best, "; ".join(parts)
    candidates: set[str] | None = None
    places = [m for m in mentions if m.kind in ("district", "commune")]
    for m in places:
        candidates = set(m.provinces) if candidates is None else candidates & set(m.provinces)
    if candidates is not None and len(candidates) == 1:
        kinds = {m.kind for m in places}
        label = "districts and communes" if len(kinds) == 2 else f"{places[0].kind}s"
        return next(iter(candidates)), f"{label} " + ", ".join(dict.fromkeys(m.name for m in places))
    if places:
        return None, "no province named; its districts and communes do not agree on one"
    return None, "no province named"
