"""The ingest report, per article: what was found, written, and left to a writer.

Owns the two forms of the report: text for a terminal and JSON
(`--report json`) for tools. Both are deterministic (sorted, no timestamps).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from generator.ingest.candidates import by_name
from generator.ingest.records import ArticleReport, Candidate, FileAction, Finding, IngestReport


def report_data(report: IngestReport) -> dict[str, Any]:
    merged = by_name(report.candidates)
    return {
        "dry_run": report.dry_run,
        "candidates": [_candidate(c) for c in report.candidates],
        "articles": [_article(a, merged) for a in report.articles],
        "files": [_action(a) for a in report.files],
        "problems": [p.format() for p in report.problems],
        "summary": _summary(report),
    }


def format_report(report: IngestReport, fmt: str = "text") -> str:
    """The report as `text` or `json`."""
    if fmt == "json":
        return json.dumps(report_data(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if fmt != "text":
        raise ValueError(f"unknown report format {fmt!r}: use text or json")
    lines: list[str] = []
    for article in report.articles:
        lines += _article_text(article, report.dry_run)
    if report.files:
        lines.append("stubs and manifest:")
        lines += [f"  {_action_text(a, report.dry_run)}" for a in report.files]
    if report.candidates:
        lines.append(
            "candidate actors (accept with --accept NAME..., or review them with "
            "--candidates FILE):"
        )
        lines += [f"  {_candidate_text(c)}" for c in report.candidates]
    if report.problems:
        lines.append("problems:")
        lines += [f"  {p.format()}" for p in report.problems]
    counts = _summary(report)
    done = (
        ", ".join(
            f"{n} {_done(what, report.dry_run, 'to ')}"
            for what, n in sorted(counts["files"].items())
        )
        or "no files"
    )
    lines.append(
        f"{counts['articles']} article(s) read, {counts['skipped']} skipped; {done}"
        + (" (dry run: nothing written)" if report.dry_run else "")
    )
    return "\n".join(lines) + "\n"


def _candidate_text(c: Candidate) -> str:
    """`PKB — party, 0.93, 2 articles; also: Partai Kebangkitan Bangsa`"""
    articles = f"{len(c.articles)} article{'s' if len(c.articles) != 1 else ''}"
    also = f"; also: {', '.join(c.aliases)}" if c.aliases else ""
    return f"{c.name} — {c.kind or 'kind?'}, {c.confidence:.2f}, {articles}{also}"


def _candidate(c: Candidate) -> dict[str, Any]:
    return {
        "name": c.name,
        "slug": c.slug,
        "aliases": list(c.aliases),
        "kind": c.kind,
        "kinds": list(c.kinds),
        "confidence": c.confidence,
        "articles": list(c.articles),
        "roles": list(c.roles),
        "cues": list(c.cues),
        "named": c.count,
        "near": list(c.near),
        "evidence": list(c.sentences),
    }


def _article(article: ArticleReport, merged: Mapping[str, Candidate]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": article.path,
        "problems": [p.format() for p in article.problems],
        "files": [_action(a) for a in article.files],
    }
    analysis = article.analysis
    if analysis is None:
        return out
    meta = analysis.metadata
    out.update(
        {
            "source": analysis.source_slug,
            "title": meta.title,
            "title_derived": meta.title_derived,
            "publisher": meta.publisher,
            "author": meta.author,
            "place": meta.place,
            "date": meta.date,
            "actors": list(analysis.actors),
            "findings": [_finding(f) for f in analysis.findings],
            "set_aside": [_finding(f) for f in analysis.set_aside],
            "quotes": [
                {
                    "speaker": q.speaker,
                    "speaker_name": q.speaker_name,
                    "text": q.text,
                    "about": list(q.about),
                }
                for q in analysis.quotes
            ],
            "candidates": [_named(c, merged) for c in analysis.candidates],
            "review": list(analysis.review),
            "reminders": list(analysis.review if article.reminders is None else article.reminders),
            "reminders_repeated": article.repeated,
            "removed": [{"kind": r.kind, "text": r.text} for r in analysis.clean.removed],
        }
    )
    return out


def _named(c: Candidate, merged: Mapping[str, Candidate]) -> dict[str, Any]:
    """An article's candidate under the run's name for it (one actor, one name)."""
    run = merged.get(c.name.casefold(), c)
    return {"name": run.name, "as_written": c.name, "kind": run.kind, "near": list(c.near)}


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "relationship": f.relationship,
        "stance": f.stance,
        "type": f.type,
        "claim_by": list(f.claim_by),
        "denied_by": list(f.denied_by),
        "confidence": f.confidence,
        "reason": f.reason,
        "sentence": f.sentence,
    }


def _article_text(article: ArticleReport, dry_run: bool) -> list[str]:
    lines = [f"{article.path}:"]
    lines += [f"  {p.format()}" for p in article.problems]
    analysis = article.analysis
    if analysis is not None:
        meta = analysis.metadata
        derived = " (derived: check it)" if meta.title_derived else ""
        lines += [
            f"  title: {meta.title}{derived}",
            f"  publisher: {meta.publisher or '—'}  date: {meta.date or '—'}  "
            f"author: {meta.author or '—'}",
            f"  actors: {', '.join(analysis.actors) or '—'}",
        ]
        if analysis.findings:
            lines.append("  relations:")
            for f in analysis.findings:
                lines.append(
                    f"    {f.relationship} {f.stance} ({f.type}, {f.confidence:.1f}):"
                    f" {_short(f.sentence)}"
                )
        if analysis.quotes:
            lines.append("  quotes:")
            for q in analysis.quotes:
                who = q.speaker or (f"{q.speaker_name}?" if q.speaker_name else "unnamed")
                lines.append(f"    {who}: “{_short(q.text)}”")
        if analysis.candidates:
            names = ", ".join(c.name for c in analysis.candidates)
            lines.append(f"  candidate actors: {names}")
    if article.files:
        lines.append("  files:")
        lines += [f"    {_action_text(a, dry_run)}" for a in article.files]
    if analysis is not None:
        fresh = analysis.review if article.reminders is None else article.reminders
        if fresh:
            lines.append("  for the writer:")
            lines += [f"    - {note}" for note in fresh]
        if article.repeated:
            lines.append(f"  ({article.repeated} reminder(s) given before, not repeated)")
    return lines


def _summary(report: IngestReport) -> dict[str, Any]:
    actions = [a for art in report.articles for a in art.files] + list(report.files)
    return {
        "articles": sum(1 for a in report.articles if a.analysis is not None),
        "skipped": sum(1 for a in report.articles if a.analysis is None),
        "files": dict(sorted(Counter(a.action for a in actions).items())),
    }


def _action(action: FileAction) -> dict[str, str]:
    return {"path": action.path, "action": action.action, "reason": action.reason}


def _action_text(action: FileAction, dry_run: bool) -> str:
    reason = f" — {action.reason}" if action.reason else ""
    return f"{_done(action.action, dry_run, 'would ')}: {action.path}{reason}"


# A dry run writes nothing: what it reports is what a run would do.
NOT_DONE = {"created": "create", "updated": "update"}


def _done(action: str, dry_run: bool, prefix: str) -> str:
    return prefix + NOT_DONE[action] if dry_run and action in NOT_DONE else action


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
