"""Pictures as reviewers and users meet them: hostile text is drawn as text, and the same graph
is drawn the same way in every run (so a remade README picture changes only when kg does)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import matplotlib.image
from conftest import ROOT, run, unavailable


def _colours(path) -> int:
    pixels = matplotlib.image.imread(path)
    return len({tuple(p) for p in pixels[::7, ::7].reshape(-1, pixels.shape[2]).tolist()})


def test_a_name_and_an_article_id_with_dollar_signs_are_drawn_as_text(hostile_store, tmp_path):
    # "$\frac{1$" read as mathtext stops matplotlib with a parse error; drawn, it must read as written.
    for ext in ("png", "svg"):
        out = tmp_path / f"hb.{ext}"
        result = run("viz", "Huỳnh Bài", "--store", hostile_store, "-o", out)
        assert result.output.startswith(f"wrote {out}")
    text = "".join(ET.parse(tmp_path / "hb.svg").getroot().itertext())
    assert "$\\frac{1$" in text and "002_$\\frac{1$" in text
    assert _colours(tmp_path / "hb.png") > 20

    out = tmp_path / "t.svg"
    result = run("plot", "cooperatives", "--province", "Đắk Lắk", "--store", hostile_store, "-o", out)
    assert result.output.strip() == f"wrote {out}: 3 figures"
    assert "002_$\\frac{1$" in "".join(ET.parse(out).getroot().itertext())
    run("plot", "cooperatives", "--province", "Đắk Lắk", "--store", hostile_store, "-o", tmp_path / "t.png")


def test_the_same_picture_in_every_process(seed_store, tmp_path):
    """Python seeds its string hashes anew in each process; the picture must not depend on them."""
    digests = set()
    for seed in ("1", "2"):
        out = tmp_path / f"hb-{seed}.png"
        subprocess.run(
            [sys.executable, "-m", "kg", "viz", "Huỳnh Bài", "--store", str(seed_store), "-o", str(out)],
            check=True,
            capture_output=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
        )
        digests.add(hashlib.sha256(out.read_bytes()).hexdigest())
    assert len(digests) == 1


def test_the_readme_pictures_are_remade_the_same_by_one_command(tmp_path):
    from tools.browser import BrowserMissing, chromium_path

    try:
        chromium_path()
        import playwright  # noqa: F401
    except (BrowserMissing, ImportError) as e:
        unavailable(str(e))
    digests = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run(
            [sys.executable, str(ROOT / "tools" / "pictures.py"), "--out", str(out)],
            check=True,
            capture_output=True,
            cwd=tmp_path,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()})
    assert digests[0] == digests[1]
    assert set(digests[0]) == {p.name for p in (ROOT / "docs" / "img").glob("*.png")}
    sizes = {"hb.png": (1200, 1600), "dl-html.png": (900, 1200), "timeline.png": (700, 1200)}
    for name, size in sizes.items():
        assert matplotlib.image.imread(tmp_path / "1" / name).shape[:2] == size
        assert _colours(tmp_path / "1" / name) > 20
