"""Every lesson in real JupyterLab + headless Chromium: Run All without an error, and every
explorer redraws its chart when a learner moves a slider with the keyboard.

nbval runs the cells but never fires a widget callback; this is the only test that the
slider → kernel → chart round trip works in the browser a learner uses. Screenshots of each
lesson go to build/screenshots/ for a human to look at.

Needs /usr/bin/chromium and Playwright for Python (never ``playwright install``). Without them
the tests skip on a laptop, but fail when the ``CI`` environment variable is set.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_lab import (
    JupyterLab, chart_data, displayed_explorers, error_outputs, first_slider_handle,
    full_page_screenshot, launch_chromium, mark_explorers, missing_browser, open_notebook, run_all,
    slider_key, wait_for_charts, wait_for_new_data,
)

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
SCREENSHOTS = ROOT / "build" / "screenshots"

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    reason = missing_browser()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests need Chromium and Playwright: {reason}")


@pytest.fixture(scope="session")
def lab():
    """One JupyterLab server serving the course folder, for the whole session."""
    _require_browser()
    with JupyterLab(ROOT) as server:
        yield server


@pytest.fixture(scope="session")
def browser(lab):
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def context(browser):
    """One browser context: lesson pages share JupyterLab's cached JavaScript."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def lesson_page(lab, context):
    """A fresh page per lesson; its kernel is shut down afterwards."""
    page = context.new_page()
    yield page
    page.close()
    lab.shutdown_kernels()


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_runs_and_explorers_redraw(lab, lesson_page, lesson: Path):
    page = lesson_page
    open_notebook(page, lab, lesson.relative_to(ROOT).as_posix())
    state = run_all(page)
    try:
        assert state["cells"] > 0, "JupyterLab shows no code cells"
        problems = error_outputs(page)
        assert not problems, "\n".join(problems)
        assert state["pending"] == 0, f"{state['pending']} of {state['cells']} code cells did not run"

        wait_for_charts(page)
        explorers = mark_explorers(page)
        expected = displayed_explorers(page)
        assert explorers >= expected, (
            f"the kernel displayed {expected} explorer(s) but only {explorers} show sliders and charts")
        for k in range(explorers):
            before = chart_data(page, k)
            assert before, f"explorer {k} has no Plotly chart"
            handle = first_slider_handle(page, k)
            handle.focus()
            page.keyboard.press(slider_key(page, handle))
            after = wait_for_new_data(page, k, before)
            assert any(a != b for a, b in zip(after, before)), (
                f"explorer {k}: moving its first slider did not change the data of any of its "
                f"{len(before)} chart(s)")
        problems = error_outputs(page)
        assert not problems, "\n".join(problems)
    finally:
        full_page_screenshot(page, SCREENSHOTS / f"{lesson.stem}.png")
