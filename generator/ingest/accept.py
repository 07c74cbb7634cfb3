"""Accepting candidate actors: the writer's choice becomes actor dossiers in the same run.

Owns turning what the writer accepted (names given with `--accept`, every
proposed candidate when none is given, or the entries of a reviewed
candidates file, `review_file`) into `NewActor`s; the stub dossier of each
(`content/actors/<slug>.<lang>.md`, draft, titled as the articles write it,
with its kind and aliases in the original language's file); and the
gazetteer extended with them, so that the same run tags the sources, pairs
the relationships and names the quotes' speakers with the new actors. A name
that matches no candidate is still accepted (the writer knows best), as
written. An actor that already has a dossier is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.frontmatter import dump_front_matter
from generator.ingest.actors import Gazetteer, with_actors
from generator.ingest.candidates import by_name
from generator.ingest.language import SiteLanguages
from generator.ingest.plan import Planned, dossier_exists
from generator.ingest.records import Actor, Candidate
from generator.ingest.text import slugify


@dataclass(frozen=True)
class NewActor:
    """An actor dossier that accepting a candidate creates."""

    slug: str
    title: str  # as the articles write it (`PKB`, not `Pkb`)
    kind: str | None
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None

    def as_actor(self) -> Actor:
        names = tuple(dict.fromkeys([self.title, *self.aliases]))
        return Actor(self.slug, self.title, self.kind, names, self.affiliation)


def by_names(names: Sequence[str], candidates: Iterable[Candidate]) -> list[NewActor]:
    """The candidates named (by name or alias), or every candidate when none is named."""
    pool = list(candidates)
    if not names:
        return [_from(c) for c in pool]
    known = by_name(pool)
    out = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        candidate = known.get(name.casefold())
        out.append(_from(candidate) if candidate else NewActor(slugify(name), name, None))
    return _unique(out)


def _from(candidate: Candidate) -> NewActor:
    return NewActor(candidate.slug, candidate.name, candidate.kind, candidate.aliases)


def _unique(actors: Iterable[NewActor]) -> list[NewActor]:
    seen: dict[str, NewActor] = {}
    for actor in actors:
        seen.setdefault(actor.slug, actor)
    return list(seen.values())


def new_only(root: Path, actors: Iterable[NewActor], gazetteer: Gazetteer) -> list[NewActor]:
    """Those without a dossier yet, by slug or by name (`Cak Imin`, accepted again, is
    Muhaimin Iskandar's alias): an existing actor is the writer's, never rewritten."""
    names = {n.casefold() for actor in gazetteer.actors.values() for n in actor.aliases}
    return [
        a
        for a in _unique(actors)
        if a.slug
        and a.slug not in gazetteer.actors
        and a.title.casefold() not in names
        and not dossier_exists(root, "actors", a.slug)
    ]


def accepted_gazetteer(gazetteer: Gazetteer, actors: Iterable[NewActor]) -> Gazetteer:
    return with_actors(gazetteer, [a.as_actor() for a in actors])


def actor_stubs(actors: Iterable[NewActor], languages: SiteLanguages) -> list[Planned]:
    """Each accepted actor's dossier in every site language: kind, affiliation and
    aliases in the articles' language, the others marked untranslated."""
    original = languages.original.code
    out = []
    for actor in actors:
        for lang in dict.fromkeys([original, *languages.codes]):
            data: dict[str, Any] = {"title": actor.title}
            if lang == original:
                if actor.kind:
                    data["kind"] = actor.kind
                if actor.affiliation:
                    data["affiliation"] = actor.affiliation
                data["aliases"] = list(dict.fromkeys([actor.title, *actor.aliases]))
            else:
                data["untranslated"] = True
            data["draft"] = True
            path = f"content/actors/{actor.slug}.{lang}.md"
            out.append(Planned(path, dump_front_matter(data, ""), ""))
    return out
