"""Render every exercise and self-test picture to one PNG contact sheet, offline.

Each row shows one exercise or self-test: its key poses in every view (the print strip) and
its still picture at 120 px wide (the size of a list thumbnail). The SVGs are laid out in an
HTML page and screenshotted with Debian's headless chromium through Playwright; nothing is
downloaded.

    .venv/bin/python scripts/contact_sheet.py                      # test-artifacts/contact-sheet.png
    .venv/bin/python scripts/contact_sheet.py --only frog-pump thomas_test --out /tmp/two.png
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
from pathlib import Path

from glutewake.catalogue import default_catalogue
from glutewake.illustration.render import Subject, still_svg, strip_svg, views
from glutewake.screening.data import load_screening_data

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_WIDTH = 1800
STRIP_HEIGHT = 150
THUMB = 120
OUT = Path(__file__).resolve().parents[1] / "test-artifacts" / "contact-sheet.png"
CSS = """
body{margin:0;padding:12px;background:#fff;font:13px system-ui,sans-serif;color:#223}
.grid{display:flex;flex-wrap:wrap;gap:10px 18px}
.cell{border:1px solid #dde4e8;border-radius:6px;padding:6px 8px;display:flex;gap:10px;align-items:flex-end}
.name{font-weight:600;margin-bottom:2px}
.view{font-size:11px;color:#678}
.thumb{border:1px dashed #ccd;}
"""


def subjects(only: set[str]) -> list[tuple[str, Subject]]:
    found: list[tuple[str, Subject]] = []
    for exercise in default_catalogue().exercises:
        if not only or exercise.id in only:
            found.append((exercise.id, Subject.of(exercise)))
    for test in load_screening_data().self_tests:
        if (not only or test.id in only) and test.illustration is not None:
            found.append((f"self-test {test.id}", Subject.of_self_test(test)))
    return found


def cell(label: str, item: Subject, height: int) -> str:
    strips = "".join(
        f'<div><div class="view">{view.value}</div>{strip_svg(item, height, view)}</div>'
        for view in views(item)
    )
    thumb = f'<div class="thumb">{still_svg(item, THUMB)}</div>'
    return (
        f'<div class="cell"><div><div class="name">{html.escape(label)}</div>'
        f'<div style="display:flex;gap:12px;align-items:flex-end">{strips}</div></div>{thumb}</div>'
    )


def page(items: list[tuple[str, Subject]], height: int) -> str:
    cells = "".join(cell(label, item, height) for label, item in items)
    return f"<!doctype html><html><head><style>{CSS}</style></head><body><div class='grid'>{cells}</div></body></html>"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", default=[], help="exercise or self-test ids")
    parser.add_argument("--out", type=Path, default=OUT, help=f"PNG to write (default {OUT})")
    parser.add_argument("--width", type=int, default=PAGE_WIDTH, help="page width in px")
    parser.add_argument("--height", type=int, default=STRIP_HEIGHT, help="strip height in px")
    args = parser.parse_args()
    items = subjects(set(args.only))
    if not items:
        print("nothing matched --only", file=sys.stderr)
        return 1
    if not CHROMIUM.exists():
        print(f"needs chromium at {CHROMIUM} (scripts/install-system-deps)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "sheet.html"
        source.write_text(page(items, args.height), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            view = browser.new_page(viewport={"width": args.width, "height": 600})
            view.emulate_media(reduced_motion="reduce")
            view.goto(source.as_uri())
            view.screenshot(path=str(args.out), full_page=True)
            browser.close()
    print(f"wrote {args.out} ({len(items)} pictures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
