"""A newsroom's site from `init` publishes its data, JSON-LD and a Data page; its CI runs.

The scenario of issue 26's "done": a fresh `init` site, one ingested
article and one hand-written relationship, built with `--strict`. Each
output is read by the tool its users would open it with: the CSV files by
Python's csv reader, the JSON document by `jsonschema` against the schema
published beside it, the GEXF file by networkx, the JSON-LD by pyld (the
schema.org context served locally, as there is no network here) with every
type and property checked against rdflib's schema.org vocabulary. Then the
CI workflows `init` wrote are run, command by command, on the same site.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
import rdflib.namespace as rdf_namespaces
import yaml
from pyld import jsonld
from support import ELECTION_ACTORS, declare_election_subject, publish, run_cli

from generator.cli import parse_arguments

SCHEMA_ORG = "https://schema.org/"
TERMS = set(
    rdf_namespaces.SDO.__annotations__
)  # every schema.org type and property (rdflib's SDO namespace)

TABLES = ("actors", "relationships", "events", "quotes", "sources")


def _newsroom_site(root: Path) -> Path:
    """init → vocabulary and actors → one article ingested → relationships written by hand."""
    result = run_cli(
        root,
        "init",
        "site",
        "--title",
        "id=Koalisi Pilpres 2024",
        "--title",
        "en=The 2024 Coalitions",
    )
    assert result.returncode == 0, result.stderr
    site = root / "site"
    declare_election_subject(site)
    (site / "seeds/nasdem-anies.txt").unlink()  # one article
    result = run_cli(site, "ingest", "seeds")
    assert result.returncode == 0, result.stdout + result.stderr
    (source,) = {p.name.split(".")[0] for p in (site / "content/sources").glob("*.id.md")}
    publish(
        site / f"content/sources/{source}.id.md", publisher="Kompas", summary="Berita pencalonan."
    )
    (site / f"content/sources/{source}.en.md").write_text(
        "---\ntitle: PDI-P nominates Ganjar\nsummary: A report on the nomination.\n---\n", "utf-8"
    )
    for slug in ELECTION_ACTORS:
        publish(site / f"content/actors/{slug}.id.md", sources=f"[{source}]")
    # The ingested relationship, checked and translated by the writer …
    rel = site / "content/relationships/ganjar-pranowo--pdi-perjuangan"
    text = rel.with_suffix(".id.md").read_text("utf-8")
    # (ingest wrote an English text of its own, marked generated: the writer's replaces it)
    text = re.sub(
        r"(\n  text:\n    id: .*(?:\n      .*)*)(\n    en: .*(?:\n      .*)*)?",
        r"\1\n    en: PDI-P nominates Ganjar.",
        text,
    )
    rel.with_suffix(".id.md").write_text(text.replace("draft: true\n", ""), "utf-8")
    Path(f"{rel}.en.md").write_text(
        f"---\ntitle: Ganjar and PDI-P\nsummary: A nomination.\n---\nThe party nominated him. [@{source}]\n"
    )
    # … and one written by hand.
    hand = site / "content/relationships/anies-baswedan--partai-nasdem"
    Path(f"{hand}.id.md").write_text(
        "---\ntitle: Anies dan NasDem\nactors: [anies-baswedan, partai-nasdem]\n"
        "summary: Partai dan calonnya.\ntimeline:\n  - date: 2022-10-03\n    type: coalition\n"
        "    sources: [" + source + "]\n"
        "    text: {id: NasDem berkoalisi dengan Anies., en: NasDem joins Anies in a coalition.}\n"
        "---\nPartai itu mendukung Anies.\n",
        "utf-8",
    )
    Path(f"{hand}.en.md").write_text(
        "---\ntitle: Anies and NasDem\nsummary: The party and its candidate.\n---\nThe party backs Anies.\n",
        "utf-8",
    )
    config = site / "site.yaml"
    config.write_text(
        config.read_text("utf-8")
        + "data_license: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}\n",
        "utf-8",
    )
    return site


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = _newsroom_site(tmp_path_factory.mktemp("newsroom"))
    result = run_cli(site, "build", "--strict", "--no-search")
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _csv(site: Path, table: str) -> list[dict[str, str]]:
    text = (site / f"public/data/{table}.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_csv_tables_read_back_one_row_per_item(newsroom: Path) -> None:
    actors = {row["slug"]: row for row in _csv(newsroom, "actors")}
    assert set(actors) == set(ELECTION_ACTORS)
    pdip = actors["pdi-perjuangan"]
    assert pdip["kind"] == "party" and pdip["title_en"] == "PDI-P"
    assert pdip["aliases_id"] == "PDI Perjuangan; PDI-P"
    assert pdip["url_en"].endswith("/en/actors/pdi-perjuangan/")
    relationships = {row["slug"]: row for row in _csv(newsroom, "relationships")}
    assert set(relationships) == {
        "ganjar-pranowo--pdi-perjuangan",
        "anies-baswedan--partai-nasdem",
    }
    rival = relationships["anies-baswedan--partai-nasdem"]
    assert (rival["stance"], rival["first_event"], rival["events"]) == (
        "cooperative",
        "2022-10-03",
        "1",
    )
    events = _csv(newsroom, "events")
    hand = next(e for e in events if e["relationship"] == "anies-baswedan--partai-nasdem")
    assert hand["id"] == "anies-baswedan--partai-nasdem-1"
    assert hand["text_en"] == "NasDem joins Anies in a coalition."
    page = newsroom / "public/en/relationships/anies-baswedan--partai-nasdem/index.html"
    assert f'id="event-{hand["id"]}"' in page.read_text("utf-8")  # the URL's anchor exists
    (source,) = _csv(newsroom, "sources")
    assert source["publisher"] == "Kompas" and source["title_en"] == "PDI-P nominates Ganjar"
    assert _csv(newsroom, "quotes") == []  # the header alone: no quotes in this article


def test_the_json_document_follows_its_schema(newsroom: Path) -> None:
    data = newsroom / "public/data"
    schema = json.loads((data / "explainer.schema.json").read_text("utf-8"))
    document = json.loads((data / "explainer.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    for table in TABLES:  # the same rows as the CSV
        assert [row.get("slug") or row["id"] for row in document[table]] == [
            row.get("slug") or row["id"] for row in _csv(newsroom, table)
        ]
    assert document["site"]["license"]["name"] == "CC BY 4.0"
    broken = {**document, "actors": [{**document["actors"][0], "kind": 3}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)


def test_the_network_file_opens_in_networkx_with_the_time_of_each_tie(newsroom: Path) -> None:
    graph = nx.read_gexf(newsroom / "public/data/network.gexf")
    assert set(graph.nodes) == set(ELECTION_ACTORS)
    edge = graph.edges["anies-baswedan", "partai-nasdem"]
    assert (edge["start"], edge["end"]) == ("2022-10-03", "2022-10-03")
    assert edge["stance"] == [("cooperative", "2022-10-03", "2022-10-03")]
    assert edge["last_stance"] == "cooperative"
    assert graph.nodes["pdi-perjuangan"]["kind"] == "party"


class _JsonLd(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data: str) -> None:
        if self._in:
            self.blocks.append(data)
            self._in = False


def _load_document(url: str, options: Any = None) -> dict[str, Any]:
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise jsonld.JsonLdError("offline", "jsonld.LoadDocumentError", {"url": url})
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": SCHEMA_ORG}},
    }


def _schema_org_terms(node: Any, found: set[str]) -> None:
    """Every type and property IRI of an expanded JSON-LD tree."""
    if isinstance(node, list):
        for item in node:
            _schema_org_terms(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@type":
                found.update(value)
            elif not key.startswith("@"):
                found.add(key)
                _schema_org_terms(value, found)


def _jsonld(page: Path) -> list[dict[str, Any]]:
    parser = _JsonLd()
    parser.feed(page.read_text("utf-8"))
    return [json.loads(block) for block in parser.blocks]


def test_pages_carry_json_ld_valid_under_schema_org(newsroom: Path) -> None:
    public = newsroom / "public"
    pages = {
        "actor": public / "en/actors/pdi-perjuangan/index.html",
        "relationship": public / "id/relationships/anies-baswedan--partai-nasdem/index.html",
        "source": next((public / "en/sources").glob("*/index.html")),
        "data": public / "en/data/index.html",
    }
    docs = {}
    for name, page in pages.items():
        (doc,) = _jsonld(page)
        expanded = jsonld.expand(doc, {"documentLoader": _load_document})
        terms: set[str] = set()
        _schema_org_terms(expanded, terms)
        assert terms and all(t.startswith(SCHEMA_ORG) for t in terms), terms
        unknown = {t for t in terms if t.removeprefix(SCHEMA_ORG) not in TERMS}
        assert not unknown, f"{name}: not schema.org terms: {unknown}"
        docs[name] = doc
    actor = docs["actor"]
    assert actor["@type"] == "Article" and actor["inLanguage"] == "en"
    assert actor["headline"] == "PDI-P" and actor["publisher"]["name"] == "The 2024 Coalitions"
    assert actor["about"]["name"] == "PDI-P"
    assert {"PDI Perjuangan"} <= set(actor["about"]["alternateName"])  # the Indonesian title
    candidate, party = docs["relationship"]["about"]
    # a site's own kinds (candidate, party) say no more than schema.org's Thing
    assert (candidate["@type"], candidate["name"]) == ("Thing", "Anies Baswedan")
    assert party["name"] == "Partai NasDem" and "NasDem" in party["alternateName"]
    based = docs["source"]["isBasedOn"]
    assert based["@type"] == "NewsArticle" and based["inLanguage"] == "id"
    assert based["publisher"]["name"] == "Kompas" and based["datePublished"] == "2023-04-21"
    dataset = docs["data"]
    assert dataset["@type"] == "Dataset" and dataset["license"].startswith(
        "https://creativecommons"
    )
    for download in dataset["distribution"]:
        path = download["contentUrl"].removeprefix("https://example.org/")
        assert (public / path).is_file(), path


def test_the_data_page_in_both_languages_links_every_file(newsroom: Path) -> None:
    for lang, words in (
        ("en", ("Licence", "How to cite it")),
        ("id", ("Lisensi", "Cara mengutip")),
    ):
        html = (newsroom / f"public/{lang}/data/index.html").read_text("utf-8")
        assert all(word in html for word in words)
        assert 'rel="license"' in html and "CC BY 4.0" in html
        for name in ("actors.csv", "events.csv", "explainer.json", "network.gexf"):
            assert f'href="../../data/{name}"' in html, name
        assert '<time datetime="2023-04-21">' in html  # the data's date: the content's newest
    home = (newsroom / "public/en/index.html").read_text("utf-8")
    assert 'href="data/"' in home  # every page's footer links it


def _steps_github(site: Path) -> list[str]:
    workflow = yaml.safe_load((site / ".github/workflows/publish.yml").read_text("utf-8"))
    return [step["run"] for step in workflow["jobs"]["build"]["steps"] if "run" in step]


def _steps_gitlab(site: Path) -> list[str]:
    ci = yaml.safe_load((site / ".gitlab-ci.yml").read_text("utf-8"))
    assert ci["pages"]["artifacts"]["paths"] == ["public"]
    return list(ci["pages"]["script"])


@pytest.mark.parametrize("steps", [_steps_github, _steps_gitlab])
def test_the_ci_workflow_init_wrote_runs_on_the_new_site(newsroom: Path, steps: Any) -> None:
    commands = steps(newsroom)
    assert commands[0] == "pip install -r requirements.txt"
    requirement = [
        line
        for line in (newsroom / "requirements.txt").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(requirement) == 1 and requirement[0].startswith("explainer")
    ran = []
    for command in commands[1:]:
        args = command.split()
        assert args[0] == "explainer", command
        parse_arguments(args[1:])  # a command (and options) the CLI has
        result = run_cli(newsroom, *args[1:])
        assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
        ran.append(args[1])
    assert ran == ["check", "build"]
    assert (newsroom / "public/data/explainer.json").is_file()
