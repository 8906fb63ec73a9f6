"""The pages as users meet them: opened in real headless Chromium with the network cut off.

The page of `kg viz ... -o x.html` must run its script, draw every node it lists, show the
source sentence on hover, fetch nothing, and keep hostile names and titles as text; the query
page of `kg serve` must answer a SELECT from the store and refuse an update.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import matplotlib.image
import networkx as nx
import pytest
from conftest import HOSTILE, run, unavailable

from kg.viz import display_label

BAI = "Huỳnh Bài"
ALLIANCE = "Liên minh HTX tỉnh Đắk Lắk"


@pytest.fixture(scope="module")
def browser():
    from tools.browser import BrowserMissing, chromium

    try:
        session = chromium()
        found = session.__enter__()
    except BrowserMissing as e:
        unavailable(str(e))
    yield found
    session.__exit__(None, None, None)


def _page_tab(browser, page):
    """A tab that may load the page's own file and nothing else."""
    from tools.browser import offline_tab

    url = page.resolve().as_uri()
    return url, offline_tab(browser, allow=lambda u: u == url)


def _texts(locator) -> list[str]:
    """Each element's lines (SVG tspans) joined by spaces, as a reader sees them."""
    return locator.evaluate_all(
        "els => els.map(e => Array.from(e.querySelectorAll('tspan')).map(t => t.textContent).join(' '))"
    )


def _not_blank(path, size) -> None:
    pixels = matplotlib.image.imread(path)
    assert pixels.shape[:2] == (size[1], size[0])
    colours = {tuple(p) for p in pixels[::5, ::5].reshape(-1, pixels.shape[2]).tolist()}
    assert len(colours) > 20


def test_the_viz_page_runs_draws_every_node_and_shows_the_source_sentence(browser, seed_store, tmp_path):
    out = tmp_path / "hb.html"
    printed = run("viz", BAI, "--store", seed_store, "-o", out).output
    run("viz", BAI, "--store", seed_store, "-o", tmp_path / "hb.graphml")
    graph = nx.read_graphml(tmp_path / "hb.graphml")
    assert f": {len(graph)} nodes" in printed
    post = next(
        e for u, _, e in graph.edges(data=True) if e["kind"] == "post" and graph.nodes[u]["label"] == BAI
    )
    url, opened = _page_tab(browser, out)
    with opened as tab:
        page = tab.page
        page.goto(url)
        page.wait_for_load_state("load")

        # One element per node of the subgraph, each drawn with a size inside the picture.
        nodes = page.locator("#nodes .node")
        assert nodes.count() == len(graph)
        drawn = sorted(_texts(nodes))
        assert drawn == sorted(display_label(a, 26).replace("\n", " ") for _, a in graph.nodes(data=True))
        frame = page.locator("#graph").bounding_box()
        for box in nodes.evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())"):
            assert box["width"] > 5 and box["height"] > 5
            assert frame["x"] <= box["x"] + box["width"] / 2 <= frame["x"] + frame["width"]
            assert frame["y"] <= box["y"] + box["height"] / 2 <= frame["y"] + frame["height"]
        assert page.locator("#edges .edge").count() > 0

        # Hover the focus: its details and the sentence of his post.
        tip = page.locator("#tip")
        assert not tip.is_visible()
        page.locator(".node.focus .shape").hover()
        assert tip.is_visible()
        assert tip.locator("h2").inner_text().startswith(f"{BAI} (person)")
        assert f"“{post['sentence']}”" in tip.locator("blockquote").all_inner_texts()

        # Hover the edge of his post: the link, its article, the sentence.
        page.mouse.move(0, 0)
        assert not tip.is_visible()
        edge = page.locator(".edge.post", has=page.locator("text", has_text=re.compile("^Chủ tịch$")))
        edge.locator("text").hover()
        assert tip.is_visible()
        assert tip.locator("h2").inner_text() == f"{BAI} → {ALLIANCE}"
        assert f"“{post['sentence']}”" in tip.locator("blockquote").all_inner_texts()
        assert post["article"] in tip.inner_text()

        # The buttons work: zoom in changes the view, Fit brings it back.
        full = page.locator("#graph").get_attribute("viewBox")
        page.click("#zoom-in")
        assert page.locator("#graph").get_attribute("viewBox") != full
        page.click("#fit")
        assert page.locator("#graph").get_attribute("viewBox") == full

        shot = tmp_path / "hb-page.png"
        page.mouse.move(0, 0)
        page.screenshot(path=shot)
        _not_blank(shot, (1280, 800))

        assert tab.console_errors == [] and tab.page_errors == []
        assert tab.allowed == [url] and tab.blocked == []


def test_hostile_names_and_titles_stay_text_and_run_nothing(browser, hostile_store, tmp_path):
    out = tmp_path / "evil.html"
    run("viz", BAI, "--store", hostile_store, "-o", out)
    url, opened = _page_tab(browser, out)
    with opened as tab:
        page = tab.page
        page.goto(url)
        page.wait_for_load_state("load")
        name = f"{BAI} {HOSTILE}"
        assert page.locator("h1").inner_text().startswith(name)
        assert page.title().startswith(name)
        focus = page.locator(".node.focus")
        assert " ".join(_texts(focus)).replace(" ", "") == display_label(
            {"kind": "person", "label": name}, 26
        ).replace("\n", "").replace(" ", "")
        focus.locator(".shape").hover()
        assert page.locator("#tip h2").inner_text().startswith(name)

        article = page.locator(".node", has=page.locator("text", has_text="000_18207d1d6100cecb"))
        article.locator(".shape").hover()
        assert HOSTILE in page.locator("#tip").inner_text()

        page.wait_for_timeout(200)  # an onerror would fire by now
        assert page.evaluate("typeof window.kgPwned") == "undefined"
        assert page.locator("img").count() == 0
        assert page.evaluate("document.scripts.length") == 2  # the page's data and its own script
        assert tab.dialogs == [] and tab.console_errors == [] and tab.page_errors == []
        assert tab.allowed == [url] and tab.blocked == []  # an <img src=x> parsed would ask for ./x
        page.screenshot(path=tmp_path / "evil-page.png")


def _typed(page, text: str) -> None:
    """Replace the query in the page's editor by typing it, as a user would."""
    page.locator(".CodeMirror").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)
    page.locator(".yasqe_queryButton").click()


def _count(base: str) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    request = urllib.request.Request(
        base + "/query?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": "application/sparql-results+json"},
    )
    return int(json.load(urllib.request.urlopen(request, timeout=10))["results"]["bindings"][0]["n"]["value"])


def test_the_served_query_page_answers_a_select_and_refuses_an_update(browser, server, tmp_path):
    from tools.browser import offline_tab

    before = _count(server)
    with offline_tab(browser, allow=lambda u: u.startswith(server + "/")) as tab:
        page = tab.page
        answers = []
        page.on(
            "response",
            lambda r: answers.append((r.request.method, r.status)) if r.request.method == "POST" else None,
        )
        page.goto(server + "/")
        page.wait_for_selector(".CodeMirror")

        _typed(
            page,
            "SELECT ?name WHERE { GRAPH ?g { ?p a <https://schema.org/Person> ; "
            "<https://schema.org/name> ?name } } ORDER BY ?name",
        )
        results = page.locator(".yasr table.dataTable")
        results.locator("td", has_text=BAI).first.wait_for(timeout=10_000)
        assert results.locator("tbody tr").count() >= 5
        page.screenshot(path=tmp_path / "query-page.png")

        _typed(page, 'INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> "written" } }')
        page.locator(".yasr", has_text="read-only").wait_for(timeout=10_000)
        assert answers[-1] == ("POST", 403)
        assert page.locator(".yasr table.dataTable").count() == 0

        assert tab.page_errors == []
        # Nothing left the machine: the page's one outside request (the editor's prefix list
        # from prefix.cc) was blocked, and the page worked without it.
        assert all(u.startswith(server + "/") for u in tab.allowed)
        assert all(urllib.parse.urlsplit(u).hostname != "127.0.0.1" for u in tab.blocked)
    assert _count(server) == before
