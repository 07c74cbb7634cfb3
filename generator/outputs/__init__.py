"""Everything the build writes besides the HTML pages, as one registry.

`OUTPUTS` lists each output format: the files it writes (`paths`, known
before anything is rendered, so `check` can accept links to them) and how it
renders them from the graph. The build, the incremental rebuild and `check`
all read this table; a new output format is one module and one entry.
The search index (`outputs.search`) runs afterwards, over the written pages.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from generator.content.config import SiteConfig
from generator.graph.build_graph import Graph
from generator.site.dataset import data_file_paths
from generator.site.urls import Urls, output_file


@dataclass(frozen=True)
class OutputFormat:
    """A site-wide output file kind (feeds, sitemap, open data): its paths and renderer."""

    name: str
    paths: Callable[[SiteConfig], tuple[str, ...]]  # output files, relative to public/
    render: Callable[[Graph], Mapping[str, bytes]]  # output file → bytes; reads every dossier
    # Whether it shows any dossier's title or text: one that shows none (the sitemap) is
    # as it was after an edit of titles and texts alone (`dependencies.words_only`).
    shows_words: bool = True


# Each format's module is imported when it is first used: a rebuild that leaves the
# whole-site files as they were (an edit of bodies alone) never needs one.
def _feed_paths(config: SiteConfig) -> tuple[str, ...]:
    urls = Urls(config)
    return tuple(output_file(urls.feed(lang)) for lang in config.language_codes)


def _atom_feeds(graph: Graph) -> Mapping[str, bytes]:
    from generator.outputs.feeds import atom_feeds

    return atom_feeds(graph)


def _discovery_paths(config: SiteConfig) -> tuple[str, ...]:
    from generator.outputs.sitemap import ROBOTS, SITEMAP

    return (SITEMAP, ROBOTS)


def _discovery_files(graph: Graph) -> Mapping[str, bytes]:
    from generator.outputs.sitemap import discovery_files

    return discovery_files(graph)


def _open_data_files(graph: Graph) -> Mapping[str, bytes]:
    from generator.outputs.opendata import open_data_files

    return open_data_files(graph)


OUTPUTS: tuple[OutputFormat, ...] = (
    OutputFormat("atom", _feed_paths, _atom_feeds),
    OutputFormat("discovery", _discovery_paths, _discovery_files, shows_words=False),
    OutputFormat("open-data", lambda config: data_file_paths(), _open_data_files),
)


def render_outputs(graph: Graph, formats: Collection[str] | None = None) -> dict[str, bytes]:
    """The files of every format, or of the `formats` named."""
    files: dict[str, bytes] = {}
    for output in OUTPUTS:
        if formats is None or output.name in formats:
            files.update(output.render(graph))
    return files


def output_paths(config: SiteConfig) -> tuple[str, ...]:
    return tuple(path for output in OUTPUTS for path in output.paths(config))
