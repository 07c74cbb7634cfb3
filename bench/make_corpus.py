"""Deterministic synthetic bilingual corpus of "dossiers": ours and Hugo's, side by side.

Owns the benchmark's input: N dossiers, each in Indonesian (id) and English (en),
a Markdown body of ~600 words (headings, a bullet list, an ordered list, a table,
emphasis, 5 links to other dossiers), written once per peer:

  explainer/  a complete project in our schema: site.yaml and templates/ copied from
              --project, content/{actors,relationships,sources}/<slug>.<lang>.md
              (60 % actors, 25 % relationships with timelines, 15 % sources; links as
              [[slug|label]], two [@source] citations per body); see explainer_site
  hugo/       content/<slug>.<lang>.md and minimal equivalent templates (base layout;
              page with title, date, body, tag and related links; list pages)
  pelican/    content/<slug>-<lang>.md (Pelican metadata incl. Lang, Slug), a minimal theme
  mkdocs/     docs/<slug>.<lang>.md (mkdocs-static-i18n's suffix layout), a minimal theme,
              the home and tag pages as Markdown lists (see peer_sites.py)

Same N, same output, byte for byte, on every run (seeded per dossier, no clock).
Adapted from ../shared/bench/make_corpus.py (the harness that measured issue 10's
starting point); its other peers (eleventy, plain) are left out.

    python bench/make_corpus.py --out DIR --n 1000 [--peers explainer,hugo] [--project .]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

from peer_sites import Doc, hugo_site, mkdocs_site, pelican_site, write

LANGS = ("id", "en")

TAGS = [
    "agraria", "anggaran", "bencana", "budaya", "energi", "hukum", "infrastruktur",
    "kesehatan", "lingkungan", "maritim", "pajak", "pangan", "pendidikan", "perbatasan",
    "perdagangan", "pertahanan", "sains", "sejarah", "transportasi", "urbanisme",
]  # fmt: skip

VOCABULARY = {
    "id": """
    adalah akan anggaran antara atas bagian bahwa bahan bantuan banyak baru bawah
    beberapa belum berbagai berdasarkan berita besar biaya bisa catatan cukup daerah
    dalam dana dari data dengan desa dewan dinas dokumen dua hanya harga hasil hingga
    hukum industri jalan jika juga jumlah kabupaten kajian kami kantor karena kebijakan
    kegiatan kelompok kementerian kepala kerja kota kurang laporan lebih lembaga lain
    lalu lama laut lokal lima masa masyarakat masih mereka milik modal musim nasional
    nilai oleh orang pada pajak pasar pejabat pekerja pelabuhan pemerintah penduduk
    perusahaan pertama program proyek provinsi publik rakyat rencana ribu rumah saat
    sama sangat satu sebagai sejak sekitar selama semua sendiri setelah sidang sistem
    sumber tahun tanah tanpa tentang tengah tetap tiga tinggi umum untuk usaha utama
    wilayah warga waktu yang zona air arsip awal bukti desain fakta ikhtisar lapangan
    pulau sungai hutan kapal pabrik sekolah rumah-sakit pasar-ikan jembatan bendungan
    """,
    "en": """
    about account after again against agency along also among amount annual another
    area around audit authority based because before being below between board budget
    case century city coast committee community company council county court current
    data decade district document during early either energy evidence every field
    finance first following former found from funding further general government
    harbour history however include industry inquiry island issue land large later
    local major market minister ministry more most national nearly network number
    office official only other over permit policy port possible power present private
    program project province public record region report research river road rural
    school second service several since source state still survey system their there
    these three through total trade under union until village water where which while
    whole within without worker year bridge dam forest factory ferry hospital archive
    """,
}
WORDS = {lang: text.split() for lang, text in VOCABULARY.items()}

LABELS: dict[str, dict[str, Any]] = {
    "id": {"title": "Berkas", "table": ("Indikator", "Nilai", "Catatan")},
    "en": {"title": "Dossier", "table": ("Indicator", "Value", "Note")},
}

BASE_DATE = dt.date(2015, 1, 1)

# Our closed vocabularies (generator/vocabulary.py).
ACTOR_KINDS = ("state", "government", "armed-group", "organisation", "coalition", "person")
LINK_TYPES = (
    "allies", "affiliate", "splinter", "rival", "talks", "agreement", "intelligence-sharing",
    "support", "recognition", "designation", "delisting", "warning", "armed-clash",
    "strike", "rejection", "denial",
)  # fmt: skip
STANCES = ("cooperative", "competitive", "hostile", "mixed")
PUBLISHERS = ("Kompas", "Tempo", "Tirto", "Antara", "Reuters", "The Jakarta Post")


def slug_of(i: int) -> str:
    return f"dossier-{i:05d}"


def make_meta(i: int, n: int) -> dict[str, Any]:
    """Front-matter shared by both languages of dossier i (tags, related, date, links)."""
    rng = random.Random(f"meta-{i}")
    others = [j for j in rng.sample(range(1, n + 1), 9) if j != i][:8]
    return {
        "slug": slug_of(i),
        "date": BASE_DATE + dt.timedelta(days=(i * 7919) % 3650),
        "tags": sorted(rng.sample(TAGS, 3)),
        "related": [slug_of(j) for j in others[:3]],
        "links": [slug_of(j) for j in others[3:8]],
    }


class Writer:
    """Pseudo-prose in one language from one seeded random generator."""

    def __init__(self, lang: str, rng: random.Random) -> None:
        self.words = WORDS[lang]
        self.rng = rng

    def phrase(self, k: int) -> str:
        return " ".join(self.rng.choice(self.words) for _ in range(k))

    def sentence(self, k: int) -> str:
        s = self.phrase(k)
        return s[0].upper() + s[1:] + "."

    def paragraph(self, n_words: int, link: str | None = None, emphasis: str | None = None) -> str:
        """~n_words of prose; optionally one Markdown link and one emphasis."""
        sentences, count = [], 0
        while count < n_words:
            k = min(self.rng.randint(7, 15), max(4, n_words - count))
            sentences.append(self.sentence(k))
            count += k
        words = " ".join(sentences).split(" ")
        if emphasis:
            p = self.rng.randrange(1, len(words) - 2)
            mark = "**" if emphasis == "strong" else "*"
            end = "." if words[p].endswith(".") else ""
            words[p] = f"{mark}{words[p].rstrip('.')}{mark}" + end
        if link:
            p = self.rng.randrange(1, len(words) - 3)
            label = f"{words[p]} {words[p + 1]}".rstrip(".")
            tail = "." if words[p + 1].endswith(".") else ""
            words[p : p + 2] = [f"[{label}](@@{link}){tail}"]
        return " ".join(words)

    def heading(self, level: int) -> str:
        h = self.phrase(self.rng.randint(2, 4))
        return "#" * level + " " + h[0].upper() + h[1:]


def make_doc(i: int, lang: str, meta: dict[str, Any]) -> tuple[str, str]:
    """Return (title, markdown body) with links written as ](@@slug) tokens."""
    rng = random.Random(f"doc-{i}-{lang}")
    w = Writer(lang, rng)
    lab = LABELS[lang]
    title_words = w.phrase(rng.randint(3, 5))
    title = f"{lab['title']} {i}: {title_words[0].upper()}{title_words[1:]}"
    links = meta["links"]
    b = []
    b.append(w.paragraph(70, link=links[0], emphasis="em"))
    b.append(w.heading(2))
    b.append(w.paragraph(90, link=links[1], emphasis="strong"))
    b.append("\n".join(f"- {w.phrase(rng.randint(6, 9))}" for _ in range(5)))
    b.append(w.heading(3))
    b.append(w.paragraph(80, link=links[2]))
    b.append(w.heading(2))
    rows = [f"| {' | '.join(lab['table'])} |", "| --- | ---: | --- |"]
    for _ in range(4):
        rows.append(f"| {w.phrase(2)} | {rng.randint(10, 99999)} | {w.phrase(rng.randint(2, 4))} |")
    b.append("\n".join(rows))
    b.append(w.paragraph(90, link=links[3], emphasis="em"))
    b.append(w.heading(2))
    b.append("\n".join(f"{k}. {w.phrase(rng.randint(7, 10))}" for k in range(1, 5)))
    b.append(w.paragraph(90, link=links[4], emphasis="strong"))
    b.append(w.paragraph(70))
    return title, "\n\n".join(b) + "\n"


def explainer_roles(n: int) -> tuple[dict[int, str], dict[str, str], list[str], list[str]]:
    """Each dossier's section and slug in our schema.

    By i % 20: 12 in 20 are actors (60 %), 5 relationships (25 %), 3 sources (15 %).
    Actors and sources keep slug_of(i); a relationship's slug is its two actors, `a--b`
    sorted (a pair drawn once)."""
    if n < 20:
        raise SystemExit("the explainer corpus needs --n 20 or more")
    section = {
        i: "actors" if i % 20 < 12 else "relationships" if i % 20 < 17 else "sources"
        for i in range(1, n + 1)
    }
    actors = [slug_of(i) for i, s in section.items() if s == "actors"]
    orgs = [
        slug_of(i) for i, s in section.items() if s == "actors" and ACTOR_KINDS[i % 6] != "person"
    ]
    sources = [slug_of(i) for i, s in section.items() if s == "sources"]
    slugs: dict[str, str] = {}
    pairs: set[tuple[str, ...] | None] = set()
    for i, s in section.items():
        pair: tuple[str, ...] | None = None
        rng = random.Random(f"pair-{i}")
        while s == "relationships" and (pair is None or pair in pairs):
            pair = tuple(sorted(rng.sample(actors, 2)))
        pairs.add(pair)
        slugs[slug_of(i)] = "--".join(pair) if pair else slug_of(i)
    return section, slugs, orgs, sources


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def explainer_neutral(
    i: int,
    section: str,
    slug: str,
    meta: dict[str, Any],
    orgs: list[str],
    sources: list[str],
    cites: list[str],
) -> list[str]:
    """The language-neutral front-matter lines of dossier i (written in the id file only)."""
    rng = random.Random(f"explainer-{i}")
    if section == "actors":
        kind = ACTOR_KINDS[i % 6]
        affiliation = rng.choice(orgs) if kind == "person" else "null"
        return [
            f"kind: {kind}",
            f'aliases: ["Berkas {i}", "Dossier {i}"]',
            f"affiliation: {affiliation}",
            f"sources: [{', '.join(cites)}]",
        ]
    if section == "sources":
        return [
            f"publisher: {rng.choice(PUBLISHERS)}",
            f"date: {meta['date'].isoformat()}",
            f"language: {LANGS[i % 2]}",
            f"url: https://news.example.org/{slug}/",
            "author: null",
        ]
    a, b = slug.split("--")
    lines = [f"actors: [{a}, {b}]", f"sources: [{', '.join(cites)}]", "timeline:"]
    year = rng.randint(2001, 2016)
    for _ in range(rng.randint(2, 4)):
        year += rng.randint(0, 2)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
        lines += [
            f"  - date: {date}",
            f"    type: {rng.choice(LINK_TYPES)}",
            f"    stance: {rng.choice(STANCES)}",
            f"    claim_by: [{a}]",
            f"    denied_by: [{b if rng.random() < 0.2 else ''}]",
            f"    sources: [{', '.join(rng.sample(sources, 2))}]",
            "    text:",
        ]
        lines += [
            f"      {lang}: {q(Writer(lang, rng).sentence(rng.randint(10, 18)))}" for lang in LANGS
        ]
    return lines


def explainer_site(root: Path, docs: list[Doc], n: int, project: Path) -> None:
    """The dossiers as our project (site.yaml and templates/ from `project`).

    Bodies are Hugo's bodies with their 5 links as `[[slug|label]]` and two
    `[@source]` citations (end of the first and last paragraphs); front-matter: title and a
    one-sentence cited summary per language, neutral keys in the default-language (id) file.
    """
    root.mkdir(parents=True)
    shutil.copy(project / "site.yaml", root / "site.yaml")
    shutil.copytree(project / "templates", root / "templates")
    section, slugs, orgs, sources = explainer_roles(n)
    for d in docs:
        i, lang = int(d["slug"].rsplit("-", 1)[1]), d["lang"]
        sec, slug = section[i], slugs[d["slug"]]
        cites = [s for s in random.Random(f"cites-{i}").sample(sources, 3) if s != slug][:2]
        body = re.sub(
            r"\[([^\]]+)\]\(@@([a-z0-9-]+)\)",
            lambda m: f"[[{slugs[m.group(2)]}|{m.group(1)}]]",
            d["body"],
        )
        blocks = body.rstrip("\n").split("\n\n")
        blocks[0] += f" [@{cites[0]}]"
        blocks[-1] += f" [@{cites[1]}]"
        summary = Writer(lang, random.Random(f"summary-{i}-{lang}")).sentence(14)
        summary += f" [@{cites[0]}]"
        lines = ["---", f"title: {q(d['title'])}", f"summary: {q(summary)}"]
        if lang == LANGS[0]:
            lines += explainer_neutral(i, sec, slug, d["meta"], orgs, sources, cites)
        lines.append("---")
        text = "\n".join(lines) + "\n" + "\n\n".join(blocks) + "\n"
        write(root / "content" / sec / f"{slug}.{lang}.md", text)


def build_docs(n: int) -> list[Doc]:
    docs = []
    for i in range(1, n + 1):
        meta = make_meta(i, n)
        for lang in LANGS:
            title, body = make_doc(i, lang, meta)
            docs.append(
                {"slug": meta["slug"], "lang": lang, "title": title, "body": body, "meta": meta}
            )
    return docs


PEERS = ("explainer", "hugo", "pelican", "mkdocs")


PEER_SITES = {"hugo": hugo_site, "pelican": pelican_site, "mkdocs": mkdocs_site}


def make_corpus(out: Path, n: int, project: Path, peers: tuple[str, ...] = PEERS) -> int:
    """Write out/<peer>/ for each peer (replacing it); return the mean words per body."""
    docs = build_docs(n)
    for peer in peers:
        root = out / peer
        if root.exists():
            shutil.rmtree(root)
        if peer == "explainer":
            explainer_site(root, docs, n, project)
        elif peer in PEER_SITES:
            PEER_SITES[peer](root, docs)
        else:
            raise SystemExit(f"unknown peer {peer!r}: choose from {', '.join(PEERS)}")
    return round(sum(len(d["body"].split()) for d in docs) / len(docs))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=Path, help="output folder (one per peer)")
    ap.add_argument("--n", type=int, default=1000, help="number of dossiers (x 2 languages)")
    ap.add_argument(
        "--peers", default=",".join(PEERS), help="comma-separated, of " + ",".join(PEERS)
    )
    ap.add_argument(
        "--project",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="project whose site.yaml and templates/ the explainer corpus copies",
    )
    args = ap.parse_args()
    words = make_corpus(args.out, args.n, args.project, tuple(args.peers.split(",")))
    print(f"{args.n} dossiers x {len(LANGS)} languages, ~{words} words/body -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
