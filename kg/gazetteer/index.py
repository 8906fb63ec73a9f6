"""The gazetteer's indexes, built once from vietnamadminunits and the tables in kg/data, and
provinces looked up by name."""

from __future__ import annotations

import functools
import importlib.resources
import importlib.util
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.text import ascii_fold, normalize_text


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
    family_names: set[str]  # every family name of data/surnames.tsv, to tell a person after a place
    honorifics: set[str]  # ông, bà, anh, chị... (lower case in the rules file)
    org_before: list[tuple[str, ...]]
    place_org: list[tuple[str, ...]]
    not_type: list[tuple[str, ...]]
    first: dict[str, set[str]]  # index name -> keys of first runs, a cheap pre-check
    max_runs: int
    starters: set[str]  # keys of words that may begin a province's name or a unit type


# ---------------------------------------------------------------------------------------------------
# Loading.


def _library_data_dir() -> Path:
    """The data folder of vietnamadminunits, found without importing the package (see module doc)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("kg.gazetteer needs the package vietnamadminunits")
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


@dataclass
class _Provinces:
    """The province-level part of the gazetteer: enough for `province` and `successor`, loaded
    without the 10,000 districts and communes (a query naming a province needs no more)."""

    old: dict[str, Province]
    new: dict[str, Province]
    spellings: dict[str, str]
    prov_index: dict[str, str]
    needs_prefix: set[str]
    prov_loose: dict[str, str | None]
    new_index: dict[str, str]
    lib_name: dict[str, str]  # the library's short old-era name -> ours
    by_rule: dict[str, list[str]]
    first: set[str]  # keys of the first runs of province names
    max_runs: int


def _connect() -> sqlite3.Connection:
    uri = (_library_data_dir() / "dataset.db").as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True)


@functools.cache
def _provinces() -> _Provinces:
    """Provinces of both eras, their names, aliases and spellings (about 15 ms)."""
    data = _library_data_dir()
    conn = _connect()
    with conn:
        legacy = conn.execute(
            "SELECT DISTINCT province, provinceShort, provinceCode, provinceKey, provinceAlias"
            " FROM admin_units_legacy"
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
    for full, short, code, pkey, palias in legacy:
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

    # Provinces: names, aliases, rules; each written name's first run is a cheap pre-check in the scan.
    prov_index: dict[str, str] = {}
    first: set[str] = set()
    max_runs = 1

    def put(written: str, value: str) -> None:
        nonlocal max_runs
        runs = _runs(written, spellings)
        first.add(runs[0])
        max_runs = max(max_runs, len(runs))
        prov_index[key(written)] = value

    for name in old:
        put(name, name)
    for row in _read_tsv("province_aliases.tsv", ("alias", "province")):
        target = row["province"]
        if target not in old:
            raise ValueError(f"kg/data/province_aliases.tsv: {target!r} is not an old-era province here")
        put(row["alias"], target)
    rules = _read_tsv("gazetteer_rules.tsv", ("rule", "phrase"))
    by_rule: dict[str, list[str]] = {}
    for row in rules:
        if row["rule"] not in _RULES:
            raise ValueError(f"kg/data/gazetteer_rules.tsv: unknown rule {row['rule']!r}")
        by_rule.setdefault(row["rule"], []).append(row["phrase"])
    for phrase in by_rule.get("not_place", []):
        put(phrase, _BLOCK)
    needs_prefix = {key(p) for p in by_rule.get("needs_prefix", [])}

    prov_loose: dict[str, str | None] = {}
    for written, name in [*((k, v) for k, v in prov_index.items() if v), *lib_aliases.items()]:
        loose = _ascii_key(written)
        prov_loose[loose] = name if prov_loose.get(loose, name) == name else None
    new_index = {key(name): name for name in new}
    return _Provinces(
        old=old,
        new=new,
        spellings=spellings,
        prov_index=prov_index,
        needs_prefix=needs_prefix,
        prov_loose=prov_loose,
        new_index=new_index,
        lib_name=lib_name,
        by_rule=by_rule,
        first=first,
        max_runs=max_runs,
    )


@functools.cache
def _load() -> _Gazetteer:
    """Build every index once (about 0.2 s); the place scan goes through here."""
    p = _provinces()
    conn = _connect()
    with conn:
        legacy = conn.execute(
            "SELECT provinceShort, districtShort, districtType, districtAlias, wardShort, wardType, wardAlias"
            " FROM admin_units_legacy"
        ).fetchall()
    conn.close()
    spellings, lib_name, by_rule = p.spellings, p.lib_name, p.by_rule

    def key(name: str) -> str:
        return _key(name, spellings)

    # Every written name goes in through ``put``, which also records its first run (a cheap pre-check
    # in the scan) and its length in runs.
    first: dict[str, set[str]] = {"province": p.first, "district": set(), "commune": set()}
    max_runs = p.max_runs

    def put(which: str, index: dict, written: str, value: Any) -> None:
        nonlocal max_runs
        runs = _runs(written, spellings)
        first[which].add(runs[0])
        max_runs = max(max_runs, len(runs))
        _add(index, key(written), value)

    # Districts and communes of the old era, with the library's former names as typed ASCII keys.
    districts: dict[str, list[_Entry]] = {}
    communes: dict[str, list[_Entry]] = {}
    district_alias: dict[str, list[_Entry]] = {}
    commune_alias: dict[str, list[_Entry]] = {}
    in_district: set[tuple[str, str, str]] = set()
    seen_districts: set[tuple[str, str]] = set()
    for short, dshort, dtype, dalias, wshort, wtype, walias in legacy:
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
        old=p.old,
        new=p.new,
        spellings=spellings,
        order={name: rank for rank, name in enumerate(p.old)},
        prov_index=p.prov_index,
        needs_prefix=p.needs_prefix,
        prov_loose=p.prov_loose,
        new_index=p.new_index,
        districts=districts,
        communes=communes,
        district_alias=district_alias,
        commune_alias=commune_alias,
        in_district=in_district,
        not_before=[tuple(_runs(p, spellings)) for p in by_rule.get("not_before", [])],
        name_words={key(p) for p in by_rule.get("person_before", []) if p[:1].isupper()},
        family_names={key(r["surname"]) for r in _read_tsv("surnames.tsv", ("surname",))},
        honorifics={key(p) for p in by_rule.get("person_before", []) if p[:1].islower()},
        org_before=[tuple(_runs(p, spellings)) for p in by_rule.get("org_before", [])],
        place_org=[tuple(_runs(p, spellings)) for p in by_rule.get("place_org", [])],
        not_type=[tuple(_runs(p, spellings)) for p in by_rule.get("not_type", [])],
        first=first,
        max_runs=max_runs,
        starters=first["province"] | {words[0] for words in _TYPE_WORDS},
    )


_NAMES_COLUMNS = ("era", "library_name", "name", "full_name")
_RULES = frozenset(
    {"needs_prefix", "not_place", "not_before", "person_before", "org_before", "place_org", "not_type"}
)


# ---------------------------------------------------------------------------------------------------
# Provinces by name.


def provinces(era: str = "old") -> list[Province]:
    """The 63 provinces before 2025-07-01 ("old") or the 34 after ("new"), in code order."""
    g = _provinces()
    if era not in ("old", "new"):
        raise ValueError(f"era must be 'old' or 'new', not {era!r}")
    return list((g.old if era == "old" else g.new).values())


@functools.lru_cache(maxsize=65536)
def province(name: str) -> Province | None:
    """The province a name means, however it is spelled; the old-era one when the name is one.

    Old first because news before July 2025 (all of this project's corpus) names old provinces.
    """
    g = _provinces()
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


def new_province(name: str) -> Province | None:
    """The province named so after 1 July 2025 ("Huế", "Gia Lai"), or None: unlike `province`,
    which reads a name as the old province wherever it is one."""
    g = _load()
    found = g.new_index.get(_key(normalize_text(name).strip(), g.spellings))
    return g.new[found] if found else None


def successor(name: str) -> Province | None:
    """The new-era province that an old (or new) province name maps to after 2025-07-01."""
    found = province(name)
    if found is None or found.era == "new":
        return found
    g = _provinces()
    return g.new[found.successor] if found.successor else None
