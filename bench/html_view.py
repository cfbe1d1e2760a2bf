"""How long Chromium takes to show graph.html, and the screenshots in docs/.

    python bench/html_view.py time [--corpus PATH] [--graph-cache /tmp/ca1.pickle]
                                   [--max-nodes N]
    python bench/html_view.py screenshots [docs/] [--graph-cache /tmp/ca1.pickle]

`time` builds the graph of the corpus (or loads it from --graph-cache, written on the
first run), writes graph.html, and opens it in Debian's Chromium (headless, through
Playwright) next to the bundled sample (data/) as the baseline of the same run. "Shown"
is the moment the page has laid out the graph and drawn it once (the page sets
body[data-ready]); it reports wall seconds from navigation, the ratio to the sample,
and how long a search-and-select and a filter take on the big page. The corpus is the
1,070 First Circuit opinions of tests/fixtures/courtlistener_ca1.tar.xz unless --corpus
names another. `screenshots` writes the README's pictures of the view's features.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# the 1,070 First Circuit opinions, as the tests read them (tests/test_html_view_corpus.py)
CORPUS = ROOT / "tests" / "fixtures" / "courtlistener_ca1.tar.xz"


def launch_chromium(playwright: Any) -> Any:
    """Chromium, launched as the view's tests launch it (tests/conftest.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS

    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def build_graph(inputs: list[Path], cache: Path | None) -> Any:
    if cache and cache.exists():
        with open(cache, "rb") as f:
            return pickle.load(f)
    import citegraph

    t0 = time.perf_counter()
    corpus = citegraph.build(inputs, on_error=lambda e: print(f"error: {e}", file=sys.stderr))
    print(f"built {corpus.summary()} in {time.perf_counter() - t0:.1f} s", flush=True)
    if cache:
        with open(cache, "wb") as f:
            pickle.dump(corpus.graph, f)
    return corpus.graph


def show(browser: Any, path: Path) -> dict[str, float]:
    """Open `path`, wait until the graph is drawn; time a search and a filter."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    external: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    t0 = time.perf_counter()
    page.goto(path.resolve().as_uri(), timeout=600_000)
    page.wait_for_selector("body[data-ready]", state="attached", timeout=600_000)
    shown = time.perf_counter() - t0
    nodes = page.evaluate("window.citegraph.nodesView.length")
    target = page.evaluate("window.citegraph.data.nodes.reduce((a, n) => n.rank < a.rank ? n : a)")
    t1 = time.perf_counter()
    page.locator("#search").fill(target["full_label"])
    page.locator("#search").press("Enter")
    page.wait_for_selector("#panel h2", timeout=60_000)
    select = time.perf_counter() - t1
    runs = page.evaluate("window.citegraph.filterRuns()")
    t2 = time.perf_counter()
    page.locator("#corpus-only").check()
    while page.evaluate(
        f"window.citegraph.filtersPending() || window.citegraph.filterRuns() <= {runs}"
    ):
        page.wait_for_timeout(10)
    filtered = time.perf_counter() - t2
    page.close()
    assert not external, external
    return {"shown": shown, "nodes": nodes, "select": select, "filter": filtered}


def time_views(args: argparse.Namespace) -> None:
    from citegraph.viz.html import write_html
    from playwright.sync_api import sync_playwright

    big = build_graph([args.corpus], args.graph_cache)
    sample = build_graph([ROOT / "data"], None)
    with tempfile.TemporaryDirectory() as tmp:
        pages = {}
        for name, g in (("sample", sample), ("corpus", big)):
            path = Path(tmp) / f"{name}.html"
            t0 = time.perf_counter()
            write_html(g, path, max_nodes=args.max_nodes if name == "corpus" else None)
            print(
                f"{name}: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges; "
                f"graph.html {path.stat().st_size / 1e6:.1f} MB "
                f"written in {time.perf_counter() - t0:.1f} s",
                flush=True,
            )
            pages[name] = path
        with sync_playwright() as p:
            browser = launch_chromium(p)
            show(browser, pages["sample"])  # warm the browser's caches once
            runs = {name: show(browser, path) for name, path in pages.items()}
            browser.close()
    for name, r in runs.items():
        print(
            f"{name}: {r['nodes']:,} nodes shown in {r['shown']:.2f} s; "
            f"search+select {r['select']:.2f} s; corpus-only filter {r['filter']:.2f} s"
        )
    ratio = runs["corpus"]["shown"] / runs["sample"]["shown"]
    print(f"ratio corpus / sample (time to show): {ratio:.1f}x")


def _open(browser: Any, path: Path) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 860})
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
    return page


def _shot(page: Any, png: Path) -> None:
    page.mouse.move(5, 5)
    page.wait_for_timeout(400)
    page.screenshot(path=str(png))
    print(f"wrote {png}")


def _sample_shots(browser: Any, path: Path, out: Path) -> None:
    """The time line, search, focus and paths, on the sample (data/)."""
    page = _open(browser, path)
    _shot(page, out / "view-time.png")
    page.locator("#search").fill("monnel")
    page.wait_for_timeout(200)
    _shot(page, out / "view-search.png")
    page.locator("#search").press("Enter")
    page.wait_for_selector("#stands-for")
    _shot(page, out / "graph.png")
    page.locator("#reset").click()
    page.evaluate("window.citegraph.select('21 F.3d 420')")
    page.locator("#focus-hide").check()
    page.wait_for_timeout(300)
    _shot(page, out / "view-focus.png")
    page.locator("#reset").click()
    page.evaluate("window.citegraph.select('21 F.3d 420')")
    page.locator("#path-start").click()
    page.locator("#search").fill("892 F.2d 8")
    page.locator("#search").press("Enter")
    page.wait_for_selector("#paths > li")
    page.evaluate(
        """() => { const c = window.citegraph;
                   c.network.fit({nodes: ['21 F.3d 420', '11 F.3d 18', '892 F.2d 8'],
                                  animation: false}); }"""
    )
    _shot(page, out / "view-paths.png")
    page.close()


def _corpus_shots(browser: Any, path: Path, out: Path) -> None:
    """The overview of a large build and what Rule 56 stands for."""
    page = _open(browser, path)
    _shot(page, out / "view-overview.png")
    page.evaluate("window.citegraph.select('Fed. R. Civ. P. 56')")
    page.wait_for_selector("#stands-for .group")
    _shot(page, out / "view-stands-for.png")
    page.close()


def screenshots(args: argparse.Namespace) -> None:
    """The screenshots of docs/ (README): the sample and the 1,070 First Circuit opinions."""
    from citegraph.viz.html import write_html
    from playwright.sync_api import sync_playwright

    sample = build_graph([ROOT / "data"], None)
    big = build_graph([args.corpus], args.graph_cache)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        small, large = Path(tmp) / "sample.html", Path(tmp) / "corpus.html"
        write_html(sample, small, title="citegraph: the bundled sample (data/)")
        write_html(big, large, title="citegraph: 1,070 First Circuit opinions")
        browser = launch_chromium(p)
        _sample_shots(browser, small, args.out)
        _corpus_shots(browser, large, args.out)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("time", help="time graph.html of a corpus against the sample")
    t.add_argument("--corpus", type=Path, default=CORPUS)
    t.add_argument("--graph-cache", type=Path, help="pickle of the built graph (reused)")
    t.add_argument("--max-nodes", type=int, default=None)
    s = sub.add_parser("screenshots", help="the screenshots of docs/ (README)")
    s.add_argument("out", type=Path, nargs="?", default=ROOT / "docs")
    s.add_argument("--corpus", type=Path, default=CORPUS)
    s.add_argument("--graph-cache", type=Path, help="pickle of the built graph (reused)")
    args = parser.parse_args()
    if args.command == "time":
        time_views(args)
    else:
        screenshots(args)


if __name__ == "__main__":
    main()
