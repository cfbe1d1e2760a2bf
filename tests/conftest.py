"""Shared fixtures: one build of the bundled sample (data/) for the whole session, and
its graph.html opened in Debian's Chromium (the view's tests)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ALI = DATA / "ali_v_annucci_sdny_2020.txt"
RUSSO = DATA / "russo_v_city_of_hartford_dconn_2001.txt"
# the files every build writes (the output contract)
CONTRACT = [
    "opinions.jsonl",
    "authorities.jsonl",
    "citations.jsonl",
    "texts.jsonl",
    "graph.html",
    "graph.graphml",
]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run `citegraph build data/ --out OUT` once and return OUT."""
    from citegraph.cli import main

    out = tmp_path_factory.mktemp("sample") / "out"
    result = CliRunner().invoke(main, ["build", str(DATA), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def tables(sample_out: Path) -> dict[str, list[dict]]:
    return {
        name: read_jsonl(sample_out / f"{name}.jsonl")
        for name in ("opinions", "authorities", "citations")
    }


# Debian's Chromium, driven by Playwright (the view's tests; bench/html_view.py)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Chromium: apt-get install -y chromium (see .ci/run)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class View:
    """One page of graph.html, with every request, console error and dialog it caused."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on(
            "console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text)
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def filter(self, *actions: Any) -> None:
        """Run the UI actions, then wait until the view has applied its filters."""
        runs = self.js("window.citegraph.filterRuns()")
        for act in actions:
            act()
        for _ in range(200):
            if not self.js("window.citegraph.filtersPending()") and (
                self.js("window.citegraph.filterRuns()") > runs
            ):
                return
            self.page.wait_for_timeout(50)
        raise AssertionError("the filters were not applied within 10 s")

    def visible_nodes(self) -> set[str]:
        return set(self.js("window.citegraph.visibleNodeIds()"))

    def click_node(self, node_id: str) -> None:
        """Zoom onto the node, check nothing covers it, and click it with the mouse."""
        self.js("id => window.citegraph.network.focus(id, {scale: 1.5, animation: false})", node_id)
        x, y = self.js(
            """id => { const n = window.citegraph.network;
                       const p = n.canvasToDOM(n.getPosition(id)); return [p.x, p.y]; }""",
            node_id,
        )
        assert self.js(f"window.citegraph.network.getNodeAt({{x: {x}, y: {y}}})") == node_id
        box = self.page.locator("#graph").bounding_box()
        self.page.mouse.click(box["x"] + x, box["y"] + y)

    def passages(self) -> list[str]:
        return self.page.locator("#passages .passage .prop").all_text_contents()

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def sample_page(browser: Any, sample_out: Path) -> Iterator[View]:
    view = View(browser, sample_out / "graph.html")
    yield view
    view.close()


@pytest.fixture
def sample_view(sample_page: View) -> Iterator[View]:
    """The sample's page as the Reset control leaves it; no test may cause a console error."""
    sample_page.page.locator("#reset").click()
    yield sample_page
    assert sample_page.errors == []


@pytest.fixture(scope="module")
def sample_graph(sample_out: Path) -> nx.DiGraph:
    return nx.read_graphml(sample_out / "graph.graphml")
