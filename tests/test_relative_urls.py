"""Links between site paths, written relative to the page that holds them.

A link climbs to the deepest folder of the page that holds it (`relative_url`'s
fast way); odd paths are compared segment by segment. Both must write the same
link for any two paths.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.site import urls
from generator.site.urls import relative_url

SEGMENT = st.sampled_from(["", "en", "id", "actors", "aktor", "a", "b", "taliban", "x.html"])
PATH = st.builds(
    lambda lead, segments, end: lead + "/".join(segments) + end,
    st.sampled_from(["/", "", "//"]),
    st.lists(SEGMENT, max_size=5),
    st.sampled_from(["/", "", "#top", "/#top", "index.html"]),
)


def _by_segments(from_path: str, to_path: str) -> str:
    anchor = ""
    if "#" in to_path:
        to_path, anchor = to_path.split("#", 1)
        if not to_path:
            return "#" + anchor
        anchor = "#" + anchor
    return urls._by_segments(from_path, to_path) + anchor


@given(PATH, PATH)
def test_a_link_is_what_a_segment_by_segment_comparison_writes(page: str, target: str) -> None:
    assert relative_url(page, target) == _by_segments(page, target)


def test_links_from_a_page_climb_to_the_folder_they_share() -> None:
    page = "/en/actors/taliban/"
    assert relative_url(page, "/en/actors/russia/") == "../russia/"
    assert relative_url(page, "/en/actors/taliban/") == "./"
    assert relative_url(page, "/en/actors/taliban/#timeline") == "./#timeline"
    assert relative_url(page, "#timeline") == "#timeline"
    assert relative_url(page, "/id/aktor/taliban/") == "../../../id/aktor/taliban/"
    assert relative_url(page, "/") == "../../../"
    assert relative_url(page, "/static/style.css") == "../../../static/style.css"
    assert relative_url("/404.html", "/en/") == "en/"
    assert relative_url("/en/actors/", "/en/actors") == "./"  # as segments have always said
