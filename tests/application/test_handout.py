"""The PDF handout, checked as a reader gets it: poppler renders its pages and reads its text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from flows import GO, cli, take

from glutewake.application import App, programs
from glutewake.config import Settings

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils is not installed (scripts/install-system-deps installs it)",
)


def page_texts(pdf: Path, pages: int) -> list[str]:
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pages + 1)
    ]


def test_the_handout_has_every_week_exercise_log_sheet_and_chart(
    settings: Settings, client: TestClient, tmp_path: Path
) -> None:
    take(settings, GO)
    assert cli("plan", "--minutes", "15", "--weeks", "4")[0] == 0
    target = tmp_path / "handout.pdf"
    code, output = cli("handout", "--pdf", str(target))
    assert code == 0, output
    said = re.search(r"\((\d+) pages\)", " ".join(output.split()))
    assert said is not None, output
    pages = int(said[1])
    assert target.read_bytes().startswith(b"%PDF-")
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(target), str(tmp_path / "page")], check=True
    )
    assert len(list(tmp_path.glob("page-*.png"))) == pages
    texts = page_texts(target, pages)
    application = App.open(settings)
    try:
        with application.work() as work:
            program = programs.require_program(work).program
    finally:
        application.close()
    # A cover, each week's exercises and its log sheet, and the progress page at least.
    assert pages >= 1 + 2 * len(program.weeks) + 1
    assert "Your glutewake program" in texts[0]
    assert "What your screening found" in texts[0]
    flat = [" ".join(text.split()) for text in texts]
    for week in program.weeks:
        heading = next(i for i, text in enumerate(flat) if f"Week {week.number} ·" in text)
        sheet = next(i for i, text in enumerate(flat) if f"Week {week.number}: log sheet" in text)
        assert heading < sheet
        names = {item.name for session in week.sessions for item in session.items}
        for name in names:  # each exercise of the week is on one of its pages, with its cue
            assert any(name in text for text in flat[heading:sheet]), (week.number, name)
            assert any(name in text for text in flat[sheet:]), (week.number, name)
    assert "Your progress so far" in flat[-1] or "Your progress so far" in flat[-2]
    assert "Sets felt in the working glute" in " ".join(flat[-2:])
    # The program page links the same file, and the route serves it as a PDF.
    assert 'href="/program/handout.pdf"' in client.get("/program").text
    response = client.get("/program/handout.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
