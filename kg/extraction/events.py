"""Events the article reports: conferences, congresses, working visits, awards, anniversaries,
training and trade fairs (triggers in ``data/event_triggers.tsv``).

Articles mention events far more often than they report them ("tổ chức 125 lớp tập
huấn" counts classes, it does not report one), so an event is recorded only where its
sentence also dates it ("Sáng 20/9, UBND tỉnh tổ chức Hội nghị ..."). Awards are the
exception: they are handed out at the article's main event and take its date. One event
of a kind and date is recorded once, however many sentences and captions mention it.

Three components: ``events`` finds the events reported as held, ``main event`` decides which
of them the article is about, and ``awards`` dates the awards by it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from kg.data import load_table
from kg.extraction import orgs
from kg.extraction.component import component
from kg.extraction.dates import FROM_CONTENT, DateMention
from kg.extraction.doc import Doc, Sentence
from kg.extraction.facts import Event, Org
from kg.extraction.names import trailing_name
from kg.text import fold_pattern

_LABEL_END = re.compile(r"[,;.:(]|\s(?:nhằm|để|với sự|tại|vào)\s")
# Dates that say since or until when, not when the event was: "kể từ 1/7/2025", "tính đến 31/12".
_NOT_EVENT_DATE = re.compile(
    r"(?:nhiệm kỳ|khóa|khoá|giai đoạn|kể từ|từ khi|sau khi|trước khi|tính đến|đến hết|đến|tới)\s*(?:ngày\s+)?$"
)
# "đại hội đầu tiên kể từ khi hai tỉnh hợp nhất vào ngày 1/7/2025": a date in another clause
_OTHER_CLAUSE = re.compile(r"\b(?:kể từ|từ khi|sau khi|trước khi|khi)\b")
_FROM = re.compile(r"\btừ\s*(?:ngày\s+)?$")
# A sentence that announces an event rather than reports it (case-folded text).
_FUTURE = re.compile(r"\b(?:sẽ|dự kiến|chuẩn bị|kế hoạch tổ chức|đề xuất tổ chức|phấn đấu|sắp)\b")
_FUTURE_AFTER = re.compile(r"\b(?:sẽ|dự kiến|sắp)\s+(?:được\s+)?(?:diễn ra|tổ chức|khai mạc|tiến hành)")
# An event named as the source of a document ("Nghị quyết Hội nghị Trung ương 5", capitalised as
# a document's name is; "quyết định tham dự" is a verb) is not reported.
_CITED = re.compile(r"(?:Nghị quyết|Kết luận|Chỉ thị|Quyết định|Thông báo)(?:\s+\S+){0,4}\s+$")
# Words that report an undated event as held: "Hội thảo ... mới diễn ra", "đã tổ chức thành công".
_HELD = re.compile(
    r"\b(?:diễn ra|khai mạc|bế mạc|đã tổ chức|được tổ chức|tổ chức thành công|vừa tổ chức|mới tổ chức|ký kết"
    r"|đã (?:đi )?(?:thăm|làm việc|khảo sát|kiểm tra)|vừa (?:trao|tặng|tổ chức|diễn ra))\b"
    r"|^\s*tại\s+(?:các\s+)?(?:hội nghị|hội thảo|đại hội|buổi|lễ|kỳ họp|phiên)"
)
# A date after the trigger dates the event only where it says when it took place: right after
# "diễn ra (vào) (sáng) ngày", not after "kể từ khi" or in some other clause.
_WHEN = re.compile(
    r"(?:diễn ra|khai mạc|bế mạc|được tổ chức|tổ chức|vào)(?:\s+(?:vào|trong|từ|sáng|chiều|tối|ngày|hôm|nay|qua|2|hai))*\s*$"
)
_LEAD = "article-lead"  # the resolution of a date an event takes from the article's lead
# A year written with the event ("Fruit Logistica 2017", "Xuân Giáp Thìn 2024") is its year; one
# written "năm 2020" is what it reviews ("tổng kết năm 2020", "Luật Hợp tác xã năm 2012").
_YEAR = re.compile(r"(?<![\d/.-])(?<!năm )(?<!khóa )((?:19|20)\d{2})(?![\d/.-])")


@cache
def _trigger_pattern() -> tuple[re.Pattern[str], list[str], re.Pattern[str]]:
    """One pattern for every trigger (its groups name the kinds, in the table's order) and one
    for awards alone, both for case-folded text."""
    rows = load_table("event_triggers", ("kind", "pattern"))
    alternatives = "|".join(f"(?P<k{i}>{fold_pattern(r['pattern'])})" for i, r in enumerate(rows))
    award = "|".join(fold_pattern(r["pattern"]) for r in rows if r["kind"] == "award")
    return (
        re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"),
        [r["kind"] for r in rows],
        re.compile(rf"(?<!\w)(?:{award})(?!\w)"),
    )


def _first_trigger(folded: str, start: int, end: int) -> tuple[str, re.Match[str]] | None:
    """The first trigger of ``[start, end)`` and its kind (the table's first, where two begin alike)."""
    pattern, kinds, _ = _trigger_pattern()
    m = pattern.search(folded, start, end)
    return (kinds[int(m.lastgroup[1:])], m) if m and m.lastgroup else None


def _organizer(doc: Doc, sentence: Sentence) -> Org | None:
    """The first organisation of the sentence that names one (not a delegation)."""
    for m in doc.org_mentions.starting(sentence.start, sentence.end):
        if m.head.kind == "Delegation":
            continue
        end = m.end
        name = trailing_name(doc, m.start, end)
        if name:  # "Tỉnh ủy Phạm Minh Tấn trao Bằng khen": the organiser ends where the name begins
            end = name[0]
        org = orgs.resolve(doc, m.start, end, doc.province)
        if org:
            return org
    return None


def _day_dates(doc: Doc, sentence: Sentence) -> list[DateMention]:
    return [d for d in doc.dates.starting(sentence.start, sentence.end) if d.kind == "day"]


@component(
    "events",
    reads=["sentences", "reference", "dates", "places", "new_names", "org_mentions", "names", "province"],
    adds=["held_events", "award_mentions"],
)
def extract_events(doc: Doc) -> None:
    """Events reported as held (dated, or written as done), one a day and kind; and where the
    article mentions an award being handed out."""
    text = doc.text
    held: list[Event] = []
    awards: list[tuple[Sentence, re.Match[str]]] = []
    lead = _lead_date(doc)
    for sentence in doc.sentences:
        found = _first_trigger(doc.folded, sentence.start, sentence.end)
        if not found:
            continue
        award = _award_trigger(doc.folded, sentence)
        if award:
            awards.append((sentence, award))
        if found[0] == "award":
            continue
        kind, trigger = found
        folded = doc.folded
        if _FUTURE.search(folded, sentence.start, trigger.start()) or _FUTURE_AFTER.search(
            folded, trigger.end(), sentence.end
        ):
            continue
        if _CITED.search(text, max(sentence.start, trigger.start() - 60), trigger.start()):
            continue
        dates = [
            d
            for d in doc.dates.starting(sentence.start, sentence.end)
            if d.kind != "period"
            and not _NOT_EVENT_DATE.search(folded[max(0, d.start - 15) : d.start])
            # a date after the trigger must say when it took place; a year after it is the topic's
            # ("tổng kết năm 2024, triển khai nhiệm vụ năm 2025")
            and (
                d.start < trigger.start()
                or (
                    d.kind != "year"
                    and (
                        _WHEN.search(folded, max(trigger.start(), d.start - 40), d.start)
                        or not folded[trigger.end() : d.start].strip(" ,")  # "phiên chất vấn ngày 6/7"
                    )
                    and not _OTHER_CLAUSE.search(folded, trigger.end(), d.start)
                )
            )
        ]
        said = folded[sentence.start : sentence.end]
        # "tưng bừng tổ chức Lễ hội ...": organised by someone, with no count between ("tổ chức 125
        # lớp"); a sentence that opens with "Tổ chức ..." lists a task, it reports nothing
        organised = re.search(
            r"(?<=\S)\s+tổ chức\s+(?:thành công\s+)?$",
            folded[max(sentence.start, trigger.start() - 40) : trigger.start()],
        )
        if not dates and not _HELD.search(said) and not organised:
            continue
        date = _in_sentence_year(doc, sentence, dates[0]) if dates else None
        if lead is not None and (date is None or (date.kind == "year" and lead.kind == "day")):
            date = replace(lead, resolution=_LEAD)
        event = Event(
            kind=kind,
            label=_label(text, trigger.start(), sentence.end),
            date=date,
            start=trigger.start(),
            end=trigger.end(),
            sentence=sentence.index,
            rule=f"events.{'dated' if dates else 'held'}-{kind}",
            organizer=_organizer(doc, sentence),
            place=_place(doc, sentence.start, sentence.end),
        )
        _keep(event, held)
    doc.add("held_events", tuple(held))
    doc.add("award_mentions", tuple(awards))


def _lead_date(doc: Doc) -> DateMention | None:
    """The day the article reports on, as its lead gives it ("Sáng 20/9, ..."): the first day in
    its first three sentences, else the day the page was published (else, on a page with no
    date, the year it reports on). An event the article reports
    without a day of its own took place then; a year alone ("năm 2023") says less than that day."""
    for sentence in doc.sentences[:3]:
        for d in doc.dates.starting(sentence.start, sentence.end):
            if d.kind != "day" or _FUTURE.search(doc.folded, sentence.start, d.start):
                continue
            before = max(sentence.start, d.start - 30)
            if _NOT_EVENT_DATE.search(doc.folded, before, d.start) or (
                d.until is None and _FROM.search(doc.folded, before, d.start)
            ):
                continue  # "hợp nhất ... từ ngày 1/7/2025": since when, not the day reported on
            return _in_sentence_year(doc, sentence, d)
    published = doc.article.published
    if published:  # news reports what was held that day or the day before: the page's date
        return DateMention(0, 0, published[:10], None, "day", "publication-date")
    year = doc.reference.year  # an undated page: the year it reports on
    return DateMention(0, 0, str(year), None, "year", "article-year") if year else None


def _in_sentence_year(doc: Doc, sentence: Sentence, date: DateMention) -> DateMention:
    """A day whose year was guessed takes the year its own sentence writes, if it writes one."""
    if date.kind not in ("day", "month") or date.resolution != FROM_CONTENT:
        return date  # stated, or resolved by the page's own date
    years = {m.group(1) for m in _YEAR.finditer(doc.folded, sentence.start, sentence.end)}
    if len(years) != 1:
        return date
    year = years.pop()
    value = year + date.value[4:] if not date.value.startswith("--") else year + date.value[1:]
    until = year + date.until[4:] if date.until and not date.until.startswith("--") else date.until
    return replace(date, value=value, until=until, resolution="stated-in-sentence")


def _award_trigger(folded: str, sentence: Sentence) -> re.Match[str] | None:
    return _trigger_pattern()[2].search(folded, sentence.start, sentence.end)


def _same_as_earlier(event: Event, earlier: list[Event]) -> Event | None:
    """The earlier event this one is (awards apart): "cuộc họp" and "buổi làm việc" of the same
    morning are one; an undated mention of a kind (or one dated only by the article's lead) is
    the event of that kind reported elsewhere."""
    day = event.date.value if event.date else None
    for e in earlier:
        if (e.kind == "award") != (event.kind == "award"):
            continue
        # the same day: one event, unless one of them only has the day of the article's lead
        lead = _LEAD in (e.date.resolution if e.date else "", event.date.resolution if event.date else "")
        if day is not None and e.date and e.date.value == day and (e.kind == event.kind or not lead):
            return e
        if e.kind == event.kind and (day is None or e.date is None or lead):
            return e  # a mention with no day of its own is the one of its kind that has one
    return None


def _keep(event: Event, events: list[Event]) -> None:
    """Add an event unless it is one already found; a dated report of an event found undated
    takes its place (both are this component's own drafts)."""
    same = _same_as_earlier(event, events)
    if same is None:
        events.append(event)
    elif _undated(same) and not _undated(event):
        events[events.index(same)] = event


def _undated(event: Event) -> bool:
    """Without a date of its own: none, or only the day of the article's lead."""
    return event.date is None or event.date.resolution == _LEAD


@component("main event", reads=["held_events"], adds=["main_event"])
def choose_main_event(doc: Doc) -> None:
    """The event the article reports on: the first dated to a day, else the first reported.
    Awards are handed out at it, and the people named with posts attend it."""
    held = doc.held_events
    main = next((e for e in held if e.date and e.date.kind == "day"), held[0] if held else None)
    doc.add("main_event", main)


@component(
    "awards",
    reads=[
        "award_mentions",
        "main_event",
        "sentences",
        "reference",
        "dates",
        "places",
        "org_mentions",
        "names",
        "held_events",
    ],
    adds=["events"],
)
def extract_awards(doc: Doc) -> None:
    """Award events: dated by their own sentence, else by the main event, at its place."""
    main = doc.main_event
    dated_main = main if main and main.date and main.date.kind == "day" else None
    lead = None if dated_main else _lead_date(doc)
    lead = replace(lead, resolution=_LEAD) if lead else None
    awards: list[Event] = []
    for sentence, m in doc.award_mentions:
        days = _day_dates(doc, sentence)
        event = Event(
            kind="award",
            label=_label(doc.text, m.start(), sentence.end),
            date=days[0] if days else (dated_main.date if dated_main else lead),
            start=m.start(),
            end=m.end(),
            sentence=sentence.index,
            rule="events.award",
            organizer=_organizer(doc, sentence),
            place=dated_main.place if dated_main else _place(doc, sentence.start, sentence.end),
        )
        _keep(event, awards)
    doc.add("events", (*doc.held_events, *awards))


def _label(text: str, start: int, end: int) -> str:
    m = _LABEL_END.search(text, start, end)
    words = text[start : m.start() if m else end].split()
    return " ".join(words[:16])


def _place(doc: Doc, start: int, end: int) -> str | None:
    names = [p.name for p in doc.places.within(start, end) if p.kind == "province"]
    return names[0] if len(set(names)) == 1 else doc.province
