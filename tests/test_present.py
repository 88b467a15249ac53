"""Presenting a lesson in class (``python3 course.py present NN``, widgets/present.py).

The command line and the presenting switch of the explorers are unit tests; the rest runs the
command's own Voilà (template, environment) on lessons 22 and 11 in headless Chromium at 1280×720, the
projector's size: no code on screen, large type, no request leaves the machine, the presets are
buttons a keyboard can press, Page Down steps one screen, axe finds nothing, and a reload runs
the lesson again with live charts. Screenshots: build/screenshots/present_*.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import course
from widgets import present
from widgets.explorers import base
from widgets.explorers.preset_buttons import PresetButtons

ROOT = Path(__file__).resolve().parents[1]
# Lesson 22 (one explorer, three companies) and lesson 11 (two explorers, long display formulas).
PRESENTED = ["22", "11"]
SCREENSHOTS = ROOT / "build" / "screenshots"
WIDTH, HEIGHT = 1280, 720


# --- the command ------------------------------------------------------------------------------

def test_lessons_are_found_by_number_or_name():
    assert present.find_lesson("22").name == "22_freemium_and_subscription.ipynb"
    assert present.find_lesson("22_freemium_and_subscription").name == "22_freemium_and_subscription.ipynb"
    assert present.find_lesson("lessons/22_freemium_and_subscription.ipynb").name == "22_freemium_and_subscription.ipynb"
    assert present.find_lesson("0").name.startswith("00_")
    with pytest.raises(ValueError, match="the lessons are: 00_start_here"):
        present.find_lesson("99")


def test_the_voila_command_line():
    notebook = present.find_lesson("22")
    command = present.voila_command(notebook, port=9001, python="py")
    assert command[:4] == ["py", "-m", "voila", str(notebook)]
    for option in ("--template=bmpl-present", "--theme=light", "--port=9001", "--Voila.ip=127.0.0.1", "--no-browser",
                   "--show_tracebacks=False"):
        assert option in command
    assert "--no-browser" not in present.voila_command(notebook, browser=True)
    assert present.voila_command(notebook, extra=["--debug"])[-1] == "--debug"


def test_the_environment_finds_the_template_and_turns_on_presenting():
    env = present.voila_environment({"JUPYTER_PATH": "/elsewhere", "PATH": "/bin"})
    assert env["BMPL_PRESENT"] == "1"
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(present.TEMPLATES), "/elsewhere"]
    assert env["PYTHONPATH"].split(os.pathsep)[0] == str(ROOT)
    template = present.TEMPLATES / "voila" / "templates" / present.TEMPLATE
    assert (template / "index.html.j2").is_file() and (template / "present.css").is_file()
    assert '"base_template": "lab"' in (template / "conf.json").read_text()


def test_course_py_dispatches_present(monkeypatch):
    calls = []
    monkeypatch.setattr(course, "venv_python", lambda env=course.VENV: Path(sys.executable))
    monkeypatch.setattr(course.subprocess, "call", lambda cmd, **kw: calls.append((cmd, kw)) or 0)
    assert course.main(["present", "22", "--port", "9002"]) == 0
    (cmd, kw), = calls
    assert cmd[1:] == ["-m", "widgets.present", "22", "--port", "9002"]
    assert "present" in course.__doc__


# --- the explorer's presets as buttons ----------------------------------------------------------

def test_presets_are_a_dropdown_unless_presenting(monkeypatch):
    from widgets.explorers.freemium import FreemiumExplorer

    monkeypatch.setattr(base, "PRESENTING", False)
    assert type(FreemiumExplorer().company).__name__ == "Dropdown"
    monkeypatch.setattr(base, "PRESENTING", True)
    explorer = FreemiumExplorer()
    assert isinstance(explorer.company, PresetButtons)
    names = [p.name for p in explorer.presets]
    assert list(explorer.company.options) == names and explorer.company.value == names[0]
    assert explorer.company.description == "Company"
    before = explorer.takeaway_text
    explorer.company.value = names[1]            # what a click on the second button does
    assert explorer.preset.name == names[1] and explorer.takeaway_text != before
    explorer.choose(names[0])
    assert explorer.company.value == names[0] and explorer.takeaway_text == before
    with pytest.raises(Exception, match="not one of the presets"):
        explorer.company.value = "No such company"


def test_presenting_is_read_once_from_the_environment():
    code = "from widgets.explorers import base; print(base.PRESENTING)"
    for value, expected in (("1", "True"), ("0", "False"), (None, "False")):
        env = {k: v for k, v in os.environ.items() if k != "BMPL_PRESENT"}
        if value is not None:
            env["BMPL_PRESENT"] = value
        out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == expected, (value, out.stdout, out.stderr)


# --- in a real browser at 1280×720 ----------------------------------------------------------------

@pytest.fixture(scope="module", params=PRESENTED)
def server(request, tmp_path_factory):
    """``course.py present NN``'s own command and environment, on a scratch copy of the course."""
    from browser_lab import course_copy, free_port
    from test_browser import _require_browser  # skip on a laptop without Chromium, fail in CI

    _require_browser()

    served = course_copy(ROOT, tmp_path_factory.mktemp("course"))
    notebook = present.find_lesson(request.param, served / "lessons")
    port = free_port()
    home = Path(tempfile.mkdtemp(prefix="bmpl-present-"))
    env = present.voila_environment()
    env.update(JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTER_PLATFORM_DIRS="1", PYDEVD_DISABLE_FILE_VALIDATION="1")
    log = open(home / "voila.log", "wb")
    proc = subprocess.Popen(present.voila_command(notebook, port), env=env, cwd=notebook.parent,
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = present.url(port)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + "voila/static/voila.js", timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    raise RuntimeError("Voilà did not start:\n" + (home / "voila.log").read_text()[-3000:])
                time.sleep(0.25)
        yield url, notebook.stem[:2]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def page(server, chromium_browser):
    """The presented lesson in Chromium at 1280×720; every request that would leave the machine is
    refused and recorded (``page.external``)."""
    from browser_lab import chart_data

    context = chromium_browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})  # one Chromium a run
    view = context.new_page()
    external: list[str] = []

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            return r.continue_()
        external.append(r.request.url)
        return r.abort()

    view.route("**/*", route)
    view.external = external
    url, view.lesson = server
    _open(view, url)
    view.initial = chart_data(view, 0)       # the first company's charts, as the lesson opens
    yield view
    context.close()


def _open(view, url: str, reload: bool = False) -> None:
    from browser_lab import wait_for_charts, wait_for_explorers

    if reload:
        view.reload(wait_until="load", timeout=180_000)
    else:
        view.goto(url, wait_until="load", timeout=180_000)
    assert wait_for_explorers(view, 1, timeout_s=180) >= 1, "the presented lesson shows no explorer"
    wait_for_charts(view, drawn=False, timeout_s=120)
    view.wait_for_function("() => document.querySelectorAll('[data-bmpl-explorer=\"0\"] .bmpl-presets button').length > 1",
                           timeout=60_000)


def _screenshot(view, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    view.screenshot(path=str(SCREENSHOTS / f"present_{view.lesson}_{name}.png"))


def _scroll_to(view, selector: str) -> None:
    view.evaluate("""(s) => { const p = document.getElementById('rendered_cells'), n = document.querySelector(s);
        p.scrollTop += n.getBoundingClientRect().top - p.getBoundingClientRect().top; }""", selector)


SCREENS_JS = """() => { const p = document.getElementById('rendered_cells'), origin = p.getBoundingClientRect().top - p.scrollTop;
  return Array.from(p.querySelectorAll('section.bmpl-screen')).filter(s => s.offsetHeight > 0)
    .map(s => [Math.round(s.getBoundingClientRect().top - origin), Math.round(s.offsetHeight)]); }"""


@pytest.mark.slow
@pytest.mark.browser
def test_large_type_no_code_and_nothing_from_the_internet(page):
    from browser_lab import page_errors

    _screenshot(page, "title")
    assert not page.external, f"the presented page asked the internet for: {page.external}"
    assert not page_errors(page), page_errors(page)
    code = page.evaluate("""() => Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .cm-editor'))
        .filter(n => n.getClientRects().length).length""")
    assert code == 0, f"{code} code cell input(s) on the projector"
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll('.jp-RenderedMarkdown p, .jp-RenderedMarkdown li'))
        .filter(n => n.getClientRects().length && n.textContent.trim()).map(n => parseFloat(getComputedStyle(n).fontSize))""")
    assert sizes and min(sizes) >= 22, f"body text from {min(sizes)} px (at least 22 px on a projector)"
    h2 = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.jp-RenderedMarkdown h2')).fontSize)")
    assert h2 > min(sizes) * 1.2
    screens = page.evaluate(SCREENS_JS)
    assert len(screens) >= 6, f"the lesson is cut into {len(screens)} screen(s)"
    assert all(height >= HEIGHT - 2 for _, height in screens), f"a screen shorter than the window: {screens}"
    explorer_screen = page.evaluate("""() => { const e = document.querySelector('[data-bmpl-explorer="0"]');
        return e.closest('section.bmpl-screen').classList.contains('bmpl-screen-widget'); }""")
    assert explorer_screen, "the explorer does not start a screen of its own"


@pytest.mark.slow
@pytest.mark.browser
def test_page_down_steps_one_screen_and_back(page):
    panel = "document.getElementById('rendered_cells')"
    page.evaluate(f"() => {{ {panel}.scrollTop = 0; document.activeElement && document.activeElement.blur(); }}")
    starts = [top for top, _ in page.evaluate(SCREENS_JS)]
    seen = [0]
    for _ in range(6):
        page.keyboard.press("PageDown")
        page.wait_for_timeout(150)
        seen.append(page.evaluate(f"() => {panel}.scrollTop"))
    steps = [b - a for a, b in zip(seen, seen[1:])]
    assert all(0 < s <= HEIGHT for s in steps), f"Page Down moved {steps} px (one window is {HEIGHT})"
    # Each step ends at the next screen's start, or a window further inside a tall screen.
    assert all(b in starts or b - a >= HEIGHT - 80 for a, b in zip(seen, seen[1:])), (seen, starts)
    assert any(b in starts for b in seen[1:]), f"Page Down never landed on a screen's start: {seen} {starts}"
    page.keyboard.press("PageUp")
    page.wait_for_timeout(150)
    back = page.evaluate(f"() => {panel}.scrollTop")
    assert seen[-2] - HEIGHT <= back < seen[-1], f"Page Up went from {seen[-1]} to {back}"
    page.evaluate(f"() => {{ {panel}.scrollTop = {starts[1]}; }}")
    _screenshot(page, "screen_2")


@pytest.mark.slow
@pytest.mark.browser
def test_preset_buttons_with_the_keyboard_alone(page):
    from browser_lab import chart_data, wait_for_new_data

    scope = '[data-bmpl-explorer="0"]'
    _scroll_to(page, scope)
    buttons = page.locator(f"{scope} .bmpl-presets button")
    names = buttons.all_text_contents()
    assert len(names) >= 2, names
    group = page.evaluate(f"""() => {{ const g = document.querySelector('{scope} .bmpl-presets [role="group"]');
        const label = document.getElementById(g.getAttribute('aria-labelledby')); return label && label.textContent; }}""")
    assert group == "Company", "the preset buttons are not a group labelled 'Company'"
    pressed = page.evaluate(f"() => Array.from(document.querySelectorAll('{scope} .bmpl-presets button')).map(b => b.getAttribute('aria-pressed'))")
    assert pressed.count("true") == 1 and pressed.count("false") == len(names) - 1, pressed
    start = pressed.index("true")                  # the company the lesson opens the explorer on
    other, key = (start + 1, "Tab") if start + 1 < len(names) else (start - 1, "Shift+Tab")
    back = "Shift+Tab" if key == "Tab" else "Tab"
    _screenshot(page, "explorer")

    before = chart_data(page, 0)
    buttons.nth(start).focus()
    page.keyboard.press(key)                       # Tab from the pressed company to its neighbour
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == names[other], f"{key} from {names[start]!r} went to {focused!r}"
    page.keyboard.press("Enter")
    after = wait_for_new_data(page, 0, before)
    assert after != before, f"Enter on {names[other]!r} did not change the charts"
    page.wait_for_function(f"() => document.querySelector('{scope} .bmpl-presets button[aria-pressed=\"true\"]').textContent === {names[other]!r}",
                           timeout=10_000)
    _screenshot(page, "explorer_other_company")
    page.keyboard.press(back)
    page.keyboard.press("Space")                   # and back, with Space
    again = wait_for_new_data(page, 0, after)
    assert again == before, f"choosing {names[start]!r} again did not bring its charts back"


@pytest.mark.slow
@pytest.mark.browser
def test_no_wcag_violations_when_presenting(page):
    from browser_lab import axe_violations

    violations = axe_violations(page, include=["#rendered_cells"])
    assert not violations, "axe-core (rule: target — what to fix):\n" + "\n".join(violations)


@pytest.mark.slow
@pytest.mark.browser
def test_reload_runs_the_lesson_again_and_the_charts_respond(page, server):
    from browser_lab import chart_data, page_errors, wait_for_new_data

    _open(page, server[0], reload=True)
    again = chart_data(page, 0)
    assert again == page.initial, "after a reload the charts differ from the lesson's first run"
    scope = '[data-bmpl-explorer="0"]'
    buttons = page.locator(f"{scope} .bmpl-presets button")
    buttons.locator("xpath=self::*[@aria-pressed='false']").first.click()
    after = wait_for_new_data(page, 0, again)
    assert after != again, "after a reload a preset button does not change the charts"
    assert not page_errors(page), page_errors(page)
