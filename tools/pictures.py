"""Remake README's pictures (docs/img/) from seeds/, the same bytes every time.

    python tools/pictures.py            # writes docs/img/hb.png, dl-html.png, timeline.png
    python tools/pictures.py --out DIR  # somewhere else, e.g. to compare

seeds/ is built into a temporary store, then each picture is made by the command README shows
under it: ``kg viz "Huỳnh Bài" -o hb.png``; ``kg viz "Đắk Lắk" --depth 1 -o dl.html`` as
headless Chromium shows the page (1200 x 900, network cut off); ``kg plot cooperatives
--province "Đắk Lắk" -o timeline.png``. With the same code, seeds and tools (matplotlib,
Chromium, fonts) the files are identical, so a change in kg viz or kg plot shows in review as
a changed picture. Needs the test extra (Playwright) and Chromium, as .ci/run installs them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this checkout's kg and tools, wherever the script is run from

from click.testing import CliRunner  # noqa: E402

from kg.cli import cli  # noqa: E402
from tools.browser import chromium, offline_tab  # noqa: E402

PAGE_SIZE = (1200, 900)


def kg(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], prog_name="kg")
    if result.exit_code != 0:
        raise SystemExit(f"kg {' '.join(map(str, args))} failed:\n{result.output}")
    return result.output


def screenshot(page: Path, out: Path) -> None:
    """The page as a reader first sees it: loaded, nothing hovered, nothing fetched."""
    url = page.resolve().as_uri()
    with chromium() as browser, offline_tab(browser, allow=lambda u: u == url, viewport=PAGE_SIZE) as tab:
        tab.page.goto(url)
        tab.page.wait_for_load_state("load")
        tab.page.screenshot(path=str(out))
        problems = tab.console_errors + tab.page_errors + tab.blocked
        if problems:
            raise SystemExit(f"{page.name} did not load cleanly: {problems}")


def remake(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        kg("build", ROOT / "seeds", "--store", store, "--quiet")
        kg("viz", "Huỳnh Bài", "--store", store, "-o", out / "hb.png")
        page = Path(tmp) / "dl.html"
        kg("viz", "Đắk Lắk", "--depth", "1", "--store", store, "-o", page)
        screenshot(page, out / "dl-html.png")
        kg("plot", "cooperatives", "--province", "Đắk Lắk", "--store", store, "-o", out / "timeline.png")
    return [out / "hb.png", out / "dl-html.png", out / "timeline.png"]


def main() -> None:
    parser = argparse.ArgumentParser(description="Remake README's pictures from seeds/.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="folder (default: docs/img)")
    for path in remake(parser.parse_args().out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
