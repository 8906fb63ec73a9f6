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

from kg.gazetteer.index import PlaceMention, Province, Unit, new_province, province, provinces, successor
from kg.gazetteer.scan import find_places

__all__ = [
    "PlaceMention", "Province", "Unit", "find_places", "new_province", "province", "provinces", "successor"
]  # fmt: skip
