"""Events the article reports: conferences, congresses, working visits, awards, anniversaries,
training and trade fairs (triggers in ``data/event_triggers.tsv``).

Articles mention events far more often than they report them ("tổ chức 125 lớp tập
huấn" counts classes, it does not report one), so an event is recorded only where its
sentence also dates it ("Sáng 20/9, UBND tỉnh tổ chức Hội nghị ..."). Awards are the
exception: they are handed out at the article's main event and take its date. One event
of a kind and date is recorded once, however many sentences and captions mention it.
"""

from __future__ import annotations

import re
from functools import cache

from kg import gazetteer
from kg.data import load_table
from kg.extract import orgs, people
from kg.extract.model import Doc, Event, Org
from kg.text import UPPER

_LABEL_END = re.compile(r"[,;.:(]|\s(?:nhằm|để|với sự|tại|vào)\s")
_NOT_EVENT_DATE = re.compile(r"(?:nhiệm kỳ|khóa|khoá|giai đoạn)\s*$", re.I)
# A sentence that announces an event rather than reports it.
_FUTURE = re.compile(r"\b(?:sẽ|dự kiến|chuẩn bị|kế hoạch tổ chức|đề xuất tổ chức|phấn đấu)\b", re.I)
# Words that report an undated event as held: "Hội thảo ... mới diễn ra", "đã tổ chức thành công".
_HELD = re.compile(
    r"\b(?:diễn ra|khai mạc|bế mạc|đã tổ chức|được tổ chức|tổ chức thành công|vừa tổ chức|mới tổ chức|ký kết"
    r"|đã (?:đi )?(?:thăm|làm việc|khảo sát|kiểm tra))\b|^\s*Tại\s+(?:các\s+)?(?:hội nghị|hội thảo|đại hội|buổi|lễ)",
    re.I,
)


@cache
def _triggers() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (r["kind"], re.compile(rf"(?<!\w)(?:{r['pattern']})(?!\w)", re.I))
        for r in load_table("event_triggers", ("kind", "pattern"))
    ]


def _first_trigger(text: str, start: int, end: int) -> tuple[str, re.Match[str]] | None:
    hits = [(m.start(), kind, m) for kind, p in _triggers() for m in [p.search(text, start, end)] if m]
    if not hits:
        return None
    _, kind, m = min(hits, key=lambda h: h[0])
    return kind, m


def _organizer(doc: Doc, start: int, end: int) -> Org | None:
    for m in re.finditer(rf"(?<!\w)[{UPPER}]", doc.text[start:end]):
        pos = start + m.start()
        head = orgs.head_at(doc.text, pos)
        if head and head.kind != "Delegation":
            phrase = orgs.cut_phrase(re.split(r"[,;]", doc.text[pos:end], maxsplit=1)[0])
            name = people.trailing_name(phrase, 0, len(phrase))
            if name:  # "Tỉnh ủy Phạm Minh Tấn trao Bằng khen": the organiser ends where the name begins
                phrase = phrase[: name[0]].strip()
            org = orgs.resolve(phrase, doc.province)
            if org:
                return org
    return None


def extract_events(doc: Doc) -> None:
    """Component: adds dated events, and the awards of the main event."""
    awards: list[tuple[int, re.Match[str], int]] = []
    for sentence in doc.sentences:
        found = _first_trigger(doc.text, sentence.start, sentence.end)
        award = next(
            (
                m
                for kind, p in _triggers()
                if kind == "award"
                for m in [p.search(doc.text, sentence.start, sentence.end)]
                if m
            ),
            None,
        )
        if award:
            awards.append((sentence.index, award, sentence.start))
        if not found or found[0] == "award":
            continue
        kind, trigger = found
        dates = [
            d
            for d in doc.dates
            if sentence.start <= d.start < sentence.end
            and d.kind != "period"
            and not _NOT_EVENT_DATE.search(doc.text[max(0, d.start - 15) : d.start])
        ]
        said = doc.text[sentence.start : sentence.end]
        if _FUTURE.search(doc.text[sentence.start : trigger.start()]):
            continue
        dated = bool(dates) and (
            dates[0].start < trigger.start() or re.search(r"tổ chức|diễn ra|khai mạc", said)
        )
        # "tưng bừng tổ chức Lễ hội ...": organised, and no count between ("tổ chức 125 lớp")
        organised = re.search(r"tổ chức\s+(?:thành công\s+)?$", doc.text[sentence.start : trigger.start()])
        if not dated and not _HELD.search(said) and not organised:
            continue
        if not dated:
            dates = []
        _add(
            doc,
            Event(
                kind=kind,
                label=_label(doc.text, trigger.start(), sentence.end),
                date=dates[0] if dates else None,
                start=trigger.start(),
                end=trigger.end(),
                sentence=sentence.index,
                rule=f"events.{'dated' if dates else 'held'}-{kind}",
                organizer=_organizer(doc, sentence.start, sentence.end),
                place=_place(doc, sentence.start, sentence.end),
            ),
        )
    main = next((e for e in doc.events if e.date and e.date.kind == "day"), None)
    for index, m, _ in awards:
        sentence = doc.sentences[index]
        dates = [d for d in doc.dates if sentence.start <= d.start < sentence.end and d.kind == "day"]
        date = dates[0] if dates else (main.date if main else None)
        _add(
            doc,
            Event(
                kind="award",
                label=_label(doc.text, m.start(), sentence.end),
                date=date,
                start=m.start(),
                end=m.end(),
                sentence=index,
                rule="events.award",
                organizer=_organizer(doc, sentence.start, sentence.end),
                place=main.place if main else _place(doc, sentence.start, sentence.end),
            ),
        )
    _participants(doc, {index for index, _, _ in awards})


def _add(doc: Doc, event: Event) -> None:
    """One event a day (awards apart): "cuộc họp" and "buổi làm việc" of the same morning are one."""
    day = event.date.value if event.date else None
    for e in doc.events:
        same_kind = e.kind == event.kind
        if (e.kind == "award") != (event.kind == "award"):
            continue
        if (day is None and same_kind) or (day is not None and e.date and e.date.value == day):
            return
    doc.events.append(event)


def _label(text: str, start: int, end: int) -> str:
    m = _LABEL_END.search(text, start, end)
    words = text[start : m.start() if m else end].split()
    return " ".join(words[:16])


def _place(doc: Doc, start: int, end: int) -> str | None:
    names = [p.name for p in gazetteer.find_places(doc.text[start:end]) if p.kind == "province"]
    return names[0] if len(set(names)) == 1 else doc.province


def _participants(doc: Doc, award_sentences: set[int]) -> None:
    """People named with a post attend the article's main event; award events get the people
    of their own sentences (those who hand out or receive)."""
    main = next((e for e in doc.events if e.kind != "award"), None)
    holders = list(dict.fromkeys(m.person for m in doc.memberships))
    for event in doc.events:
        if event is main:
            event.participants = holders
        elif event.kind == "award":
            event.participants = list(
                dict.fromkeys(
                    p.name for p in doc.people if p.sentence in award_sentences and p.name in holders
                )
            )
            # "tặng Bằng khen cho 6 tập thể và 4 cá nhân": the counts of those awarded
            event.awards = [f for f in doc.figures if f.sentence in award_sentences and f.unit == "count"]
