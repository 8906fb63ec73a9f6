"""Decisions that link facts of several components: who attended which event, what an award
counted, when a post was reported as held, and where a person's name is unique.

Each is a component of its own that reads the facts it links and adds new ones; none of them
changes a fact another component made.
"""

from __future__ import annotations

from kg.extraction.component import component
from kg.extraction.doc import Doc
from kg.extraction.facts import AwardCount, Membership, Org, Organization, Participation


@component(
    "participants",
    reads=["events", "main_event", "memberships", "people", "figures", "award_mentions"],
    adds=["participants", "award_counts"],
)
def link_participants(doc: Doc) -> None:
    """People named with a post attend the article's main event; an award event gets the people
    of the award sentences who hold a post (those who hand out or receive), and the counts of
    those awarded ("tặng Bằng khen cho 6 tập thể và 4 cá nhân")."""
    main = doc.main_event
    first_post: dict[str, Membership] = {}
    for m in doc.memberships:
        first_post.setdefault(m.person, m)
    award_sentences = {s.index for s, _ in doc.award_mentions}
    participants: list[Participation] = []
    counts: list[AwardCount] = []
    for event in doc.events:
        if event is main:
            for post in first_post.values():
                participants.append(
                    Participation(
                        event=event,
                        person=post.person,
                        start=post.start,
                        end=post.end,
                        sentence=post.sentence,
                        rule="links.post-holder-attends-main-event",
                    )
                )
        elif event.kind == "award":
            named = dict.fromkeys(
                p for p in doc.people if p.sentence in award_sentences and p.name in first_post
            )
            seen: set[str] = set()
            for p in named:
                if p.name in seen:
                    continue
                seen.add(p.name)
                participants.append(
                    Participation(
                        event=event,
                        person=p.name,
                        start=p.start,
                        end=p.end,
                        sentence=p.sentence,
                        rule="links.named-at-award",
                    )
                )
            for f in doc.figures:
                if f.sentence in award_sentences and f.unit == "count":
                    counts.append(
                        AwardCount(
                            event=event,
                            figure=f,
                            start=f.start,
                            end=f.end,
                            sentence=f.sentence,
                            rule="links.award-count",
                        )
                    )
    doc.add("participants", tuple(participants))
    doc.add("award_counts", tuple(counts))


@component("post dates", reads=["memberships", "events", "main_event"], adds=["post_dates"])
def date_posts(doc: Doc) -> None:
    """The day a post was reported as held: the day of the event its sentence reports, else of
    the article's main event, else the publication date."""
    by_sentence: dict[int, str] = {}
    for e in doc.events:
        if e.date and e.date.kind == "day":
            by_sentence.setdefault(e.sentence, e.date.value)
    main = next((e for e in doc.events if e.date and e.date.kind == "day"), None)
    fallback = main.date.value if main and main.date else doc.article.published
    dates: dict[Membership, str] = {}
    for m in doc.memberships:
        day = by_sentence.get(m.sentence) or fallback
        if day:
            dates[m] = day
    doc.add("post_dates", dates)


@component("person scopes", reads=["memberships", "people", "province"], adds=["person_scopes"])
def scope_people(doc: Doc) -> None:
    """Where a person's name is unique: the province of their first post's organisation (the
    country for a national post), else the article's province; with neither, the article itself
    ("" here), so that nobody is merged with a namesake on a guess."""
    scopes: dict[str, str] = {}
    for m in doc.memberships:
        if m.person not in scopes:
            scopes[m.person] = (m.org.scope if m.org and m.org.scope else "") or (doc.province or "")
    for p in doc.people:
        scopes.setdefault(p.name, doc.province or "")
    doc.add("person_scopes", scopes)


@component("organizations", reads=["memberships", "events"], adds=["organizations", "first_named"])
def list_organizations(doc: Doc) -> None:
    """Every organisation the article names as a post's body or an event's organiser, once, and
    the first naming of each, which describes it (one label, one kind)."""
    first: dict[tuple[str, str], Org] = {}
    found: list[Organization] = []
    named = [(m.org, m) for m in doc.memberships if m.org] + [
        (e.organizer, e) for e in doc.events if e.organizer
    ]
    for org, fact in named:
        key = (org.key, org.scope)
        if key not in first:
            first[key] = org
            found.append(
                Organization(
                    org=org,
                    start=fact.start,
                    end=fact.end,
                    sentence=fact.sentence,
                    rule="links.named-organisation",
                )
            )
    doc.add("organizations", tuple(found))
    doc.add("first_named", first)
