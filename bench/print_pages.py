"""Does one run's summary print on at most 2 pages, on A4 and on Letter? Checked in headless Chromium.

    .venv/bin/python bench/print_pages.py                 # seeded runs of every life, main and short path
    .venv/bin/python bench/print_pages.py --runs 5 --keep DIR
    .venv/bin/python bench/print_pages.py --lang zh       # the same runs played in Chinese
    .venv/bin/python bench/print_pages.py --html a.html b.html   # check pages you already have

For each summary it prints the page to PDF twice (a copy of the page with ``@page{size:A4}``, and one
with ``size:letter``), counts the pages (pdfinfo, else the PDF's ``/Type /Page`` objects), looks for
words printed beyond the paper's right edge (``pdftotext -bbox``), checks that every source address
appears once, and loads the page at 1280 px wide to see whether it scrolls sideways (a copy with its
Content-Security-Policy removed and a script that writes ``scrollWidth`` into the title).

Needs ``chromium`` and ``poppler-utils`` (``apt-get install -y chromium poppler-utils``). Exits 1 when
any summary needs more than 2 pages, runs off the page or scrolls sideways; 2 when Chromium is missing.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAX_PAGES = 2
PAPERS = {"A4": "A4", "Letter": "letter"}
WIDTH_PX = 1280


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _flags(profile: str) -> list[str]:
    flags = ["--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return flags


def run_chromium(browser: str, args: list[str], timeout: float = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="print-pages-profile-") as profile:
        return subprocess.run([browser, *_flags(profile), *args], capture_output=True, text=True, timeout=timeout)


def pdf_pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        m = re.search(r"^Pages:\s+(\d+)", out, re.M)
        if m:
            return int(m.group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def words_off_page(pdf: Path) -> int:
    """How many words pdftotext places beyond the right edge of their page (0 without pdftotext)."""
    if not shutil.which("pdftotext"):
        return 0
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    off = 0
    width = 0.0
    for line in out.splitlines():
        m = re.search(r'<page width="([\d.]+)"', line)
        if m:
            width = float(m.group(1))
            continue
        m = re.search(r'<word xMin="([\d.-]+)" yMin="[\d.-]+" xMax="([\d.-]+)"', line)
        if m and width and (float(m.group(2)) > width + 0.5 or float(m.group(1)) < -0.5):
            off += 1
    return off


def with_paper(page: str, size: str) -> str:
    return page.replace("</style>", f"@page{{size:{size}}}</style>", 1)


def probe_width(browser: str, page: str, work: Path) -> int | None:
    """The page's scrollWidth at 1280 px (a copy with a tiny script; the summary itself has none)."""
    probe = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page, count=1)
    probe = probe.replace("</body>", "<script>document.title='W='+document.documentElement.scrollWidth"
                                     "</script></body>", 1)
    f = work / "probe.html"
    f.write_text(probe, encoding="utf-8")
    res = run_chromium(browser, [f"--window-size={WIDTH_PX},900", "--dump-dom", f.as_uri()])
    m = re.search(r"<title>W=(\d+)</title>", res.stdout)
    return int(m.group(1)) if m else None


def urls_once(page: str) -> list[str]:
    """The source addresses shown more than once as text (CSS cannot add them: no attr(href))."""
    hrefs = set(re.findall(r'href="([^"]+)"', page))
    text = re.sub(r"<[^>]+>", " ", page.split("<body>", 1)[-1])
    text = html.unescape(text)
    twice = [h for h in sorted(hrefs) if text.count(unquote(html.unescape(h))) != 1]
    if "attr(href)" in page:
        twice.append("(the CSS adds each address after its link)")
    return twice


def check(browser: str, page_path: Path, work: Path) -> dict:
    page = page_path.read_text(encoding="utf-8")
    result: dict = {"file": page_path.name, "pages": {}, "off": {}}
    for label, size in PAPERS.items():
        src = work / f"paper-{size}.html"
        src.write_text(with_paper(page, size), encoding="utf-8")
        pdf = work / f"paper-{size}.pdf"
        if pdf.exists():
            pdf.unlink()
        res = run_chromium(browser, ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", src.as_uri()])
        if not pdf.exists():
            raise RuntimeError(f"Chromium wrote no PDF: {res.stderr.strip()[-400:]}")
        result["pages"][label] = pdf_pages(pdf)
        result["off"][label] = words_off_page(pdf)
    result["width"] = probe_width(browser, page, work)
    result["urls_twice"] = urls_once(page)
    return result


def make_summaries(folder: Path, runs: int, lang: str | None = None) -> list[Path]:
    """Seeded random runs of every life (main and short path), every claim answered and one changed."""
    os.environ.setdefault("ON_THE_LIST_HOME", str(folder / "home"))
    from game.engine.runtime import Session
    from game.engine.validate import load_and_validate
    from game.modes.record import RunRecorder

    story = load_and_validate(ROOT / "story").story
    assert story is not None, "the story does not load"
    out = []
    for life in story.lives.values():
        for start in ("main", "short") if life.short else ("main",):
            for seed in range(runs):
                rng = random.Random(seed)
                session = Session(story, life.id, seed=seed, start=start)
                rec = RunRecorder(story, folder, f"Table {seed + 1}", lang=lang)
                for _ in range(500):
                    if session.ended:
                        break
                    session.choose(rng.choice(session.enabled_choices()))
                for d in life.debriefs.values():
                    for m in d.myths:
                        rec.answers.give(m.id, rng.choice(("myth", "fact", "mixed")))
                    if d.myths:
                        rec.answers.give(d.myths[0].id, d.myths[0].answer)  # a change after the verdict
                    break
                out.append(rec.write(session, "finished" if session.ended else "left").with_suffix(".html"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--html", nargs="*", type=Path, help="summaries to check (default: make seeded runs)")
    ap.add_argument("--runs", type=int, default=3, help="seeded runs per life and path (default 3)")
    ap.add_argument("--lang", help="play the runs in this language (a translation of the story, e.g. zh)")
    ap.add_argument("--keep", type=Path, help="keep the generated summaries in this folder")
    a = ap.parse_args(argv)
    browser = chromium()
    if browser is None:
        print("Chromium is not installed (apt-get install -y chromium poppler-utils).", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="print-pages-") as tmp:
        work = Path(tmp)
        if a.html:
            pages = list(a.html)
        else:
            folder = a.keep or work / "records"
            folder.mkdir(parents=True, exist_ok=True)
            pages = make_summaries(folder, a.runs, a.lang)
        bad = 0
        worst = 0
        print(f"{'summary':58} {'A4':>3} {'Letter':>6} {'off':>4} {'width':>6}  addresses")
        for p in pages:
            r = check(browser, p, work)
            fail = (max(r["pages"].values()) > MAX_PAGES or any(r["off"].values()) or r["urls_twice"]
                    or r["width"] is None or r["width"] > WIDTH_PX)
            bad += bool(fail)
            worst = max(worst, *r["pages"].values())
            print(f"{r['file'][:58]:58} {r['pages']['A4']:>3} {r['pages']['Letter']:>6} "
                  f"{sum(r['off'].values()):>4} {r['width'] if r['width'] is not None else '?':>6}  "
                  f"{'each once' if not r['urls_twice'] else 'REPEATED: ' + ', '.join(r['urls_twice'])}"
                  f"{'  <- FAILS' if fail else ''}")
        print(f"{len(pages)} summaries; most pages: {worst} (limit {MAX_PAGES}); failing: {bad}")
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
