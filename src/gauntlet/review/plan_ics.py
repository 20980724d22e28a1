"""A study plan as an iCalendar file (RFC 5545): one all-day event per study day, per mock interview,
and the interview itself. Lines end in CRLF and are folded at 75 octets; text is escaped."""

from __future__ import annotations

import datetime as dt

from gauntlet.review.plan import StudyPlan

PRODID = "-//Gauntlet//Study plan//EN"


def escape_text(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newline."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a CRLF and a space (never splitting
    a UTF-8 character)."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += width
    out.append(current)
    return "\r\n".join(out)


def _event(uid: str, stamp: str, day: dt.date, summary: str, description: str) -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}", f"SUMMARY:{escape_text(summary)}",
            f"DESCRIPTION:{escape_text(description)}", "TRANSP:TRANSPARENT", "END:VEVENT"]


def plan_to_ics(plan: StudyPlan, *, now: dt.datetime, user_key: str) -> str:
    """The calendar text. ``user_key`` makes the UIDs unique per user (re-importing a newer plan
    replaces each day's event instead of adding a second one)."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{escape_text('Gauntlet: interview ' + plan.options.interview_on.isoformat())}"]
    for day in plan.days:
        work = f"{day.new:.0f} new, ~{day.reviews:.0f} reviews"
        summary = f"Gauntlet: {work} ({day.minutes:.0f} min)" + (" · easy day" if day.easy else "")
        details = [f"New questions: {day.new:.1f}; expected reviews: {day.reviews:.1f} (FSRS simulation).",
                   f"Budget: {day.budget_minutes:.0f} minutes."]
        details += [f"{p.kind.capitalize()} {p.id}: {p.reason}" for p in day.practice]
        lines += _event(f"{day.date:%Y%m%d}-study-{user_key}@gauntlet", stamp, day.date, summary, "\n".join(details))
        if day.mock_minutes:
            lines += _event(f"{day.date:%Y%m%d}-mock-{user_key}@gauntlet", stamp, day.date,
                            f"Gauntlet: mock interview ({day.mock_minutes} min)",
                            f"A timed mock interview, level {plan.options.level}.")
    lines += _event(f"{plan.options.interview_on:%Y%m%d}-interview-{user_key}@gauntlet", stamp,
                    plan.options.interview_on, "Interview day",
                    f"Projected retention: {plan.retention:.0%} of the plan's {plan.in_scope} questions.")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
