"""The Business Model Canvas (Osterwalder & Pigneur, *Business Model Generation*, 2010) and its editor.

* :class:`Canvas` — the nine blocks as plain data: validated, to/from dict, JSON and Markdown.
* :class:`CanvasEditor` — nine text boxes laid out like the printed canvas. The learner's text is
  saved to a JSON file beside the notebook on every change (written to a temporary file in the
  same folder, then moved into place with ``os.replace``, so a crash never leaves half a file)
  and loaded again when the editor is created on the same path, e.g. after a kernel restart.
  A keystroke only hands the save to a background writer (microseconds); the disk write happens
  on that thread, and whatever is pending is written before Python exits. Before each write the
  editor merges, block by block, whatever another editor of the same file saved meanwhile.

Files next to ``my_canvas.canvas.json``: ``my_canvas.canvas.history.json`` (every canvas replaced
by a preset or a restore, newest first), ``my_canvas.corrupt-<time>.canvas.json`` (a copy of a
file that could not be read), ``my_canvas.canvas.md`` (the Markdown export) and the hidden
``.my_canvas.canvas.json.lock`` (lets two kernels take turns writing).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import html
import json
import logging
import os
import re
import shutil
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Hashable, Iterator, Mapping, NamedTuple

import ipywidgets as W

from . import theme
from .canvas_examples import PRESETS

FORMAT = "business-model-canvas"
VERSION = 1
MARKDOWN_TITLE = "# Business Model Canvas"
log = logging.getLogger(__name__)


class Block(NamedTuple):
    """One of the nine building blocks: its key, its name on the canvas and its guiding question."""

    key: str
    title: str
    question: str
    area: str  # its cell in the editor's grid


# Canvas order: the order in which Business Model Generation introduces the blocks.
BLOCKS: tuple[Block, ...] = (
    Block("customer_segments", "Customer Segments",
          "For whom do we create value? Who are our most important customers?", "cs"),
    Block("value_propositions", "Value Propositions",
          "What value do we deliver, and which customer problem do we help to solve?", "vp"),
    Block("channels", "Channels",
          "Through which channels do we reach our customers and deliver the offer?", "ch"),
    Block("customer_relationships", "Customer Relationships",
          "What kind of relationship does each customer segment expect from us?", "cr"),
    Block("revenue_streams", "Revenue Streams",
          "For what value are customers willing to pay, how much and how?", "rs"),
    Block("key_resources", "Key Resources",
          "Which assets does the value proposition require?", "kr"),
    Block("key_activities", "Key Activities",
          "What must we do well to deliver the value proposition?", "ka"),
    Block("key_partnerships", "Key Partnerships",
          "Who are our key partners and suppliers, and what do they do for us?", "kp"),
    Block("cost_structure", "Cost Structure",
          "What are the most important costs of running this business model?", "co"),
)
BLOCK_KEYS: tuple[str, ...] = tuple(b.key for b in BLOCKS)
BY_KEY: dict[str, Block] = {b.key: b for b in BLOCKS}
# Other spellings accepted when reading: the printed names ("Key Partners" on the canvas sheet).
_ALIASES = {re.sub(r"[^a-z]+", "_", b.title.lower()): b.key for b in BLOCKS} | {"key_partners": "key_partnerships"}

# The printed canvas: partners | activities / resources | value propositions |
# relationships / channels | segments, with costs and revenues along the bottom.
GRID_AREAS = (
    '"kp kp ka ka vp vp cr cr cs cs" '
    '"kp kp kr kr vp vp ch ch cs cs" '
    '"co co co co co rs rs rs rs rs"'
)


class CanvasFileError(ValueError):
    """A saved canvas file cannot be read: not JSON, or not a canvas."""


def block_key(name: str) -> str:
    """'Customer Segments', 'customer-segments' or 'customer_segments' -> 'customer_segments'."""
    if not isinstance(name, str):
        raise ValueError(f"a canvas block name must be text; got {name!r}")
    key = re.sub(r"[^a-z]+", "_", name.strip().lower()).strip("_")
    key = _ALIASES.get(key, key)
    if key not in BY_KEY:
        raise ValueError(f"unknown canvas block {name!r}; allowed blocks: {', '.join(BLOCK_KEYS)}")
    return key


@dataclass
class Canvas:
    """A business model on one page: a title and the text of the nine blocks."""

    title: str = ""
    blocks: dict[str, str] = field(default_factory=dict)
    preset: str = ""  # the preset this canvas started from, if any (for the learner's information)

    def __post_init__(self) -> None:
        self.title = _single_line("title", self.title)
        self.preset = _single_line("preset", self.preset)
        if not isinstance(self.blocks, Mapping):
            raise ValueError(f"blocks must be a mapping of block name to text; got {type(self.blocks).__name__}")
        given: dict[str, str] = {}
        for name, text in self.blocks.items():
            key = block_key(name)
            if key in given:
                raise ValueError(f"canvas block {key!r} is given twice (as {name!r})")
            given[key] = _text(key, text)
        self.blocks = {key: given.get(key, "") for key in BLOCK_KEYS}

    def set(self, block: str, text: str) -> None:
        """Replace the text of one block (validated like the constructor)."""
        key = block_key(block)
        self.blocks[key] = _text(key, text)

    def is_blank(self) -> bool:
        """True if no block holds any text (the title does not count)."""
        return not any(t.strip() for t in self.blocks.values())

    # --- dict and JSON ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form saved beside the notebook."""
        return {"format": FORMAT, "version": VERSION, "title": self.title, "preset": self.preset,
                "blocks": dict(self.blocks)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Canvas":
        """Rebuild a canvas from :meth:`to_dict` output; unknown blocks raise ValueError."""
        if not isinstance(data, Mapping):
            raise ValueError(f"a canvas must be a JSON object; got {type(data).__name__}")
        if data.get("format", FORMAT) != FORMAT:
            raise ValueError(f"format must be {FORMAT!r}; got {data.get('format')!r}")
        version = data.get("version", VERSION)
        if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= VERSION:
            raise ValueError(f"version must be an integer from 1 to {VERSION}; got {version!r}")
        extra = set(data) - {"format", "version", "title", "preset", "blocks"}
        if extra:
            raise ValueError(f"unexpected fields {sorted(extra)}; a canvas has format, version, "
                             "title, preset and blocks")
        return cls(title=data.get("title", ""), blocks=data.get("blocks", {}), preset=data.get("preset", ""))

    def to_json(self) -> str:
        """Pretty JSON (UTF-8 text, stable key order), ending with a newline."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Canvas":
        """Parse :meth:`to_json` output; bad JSON or a bad canvas raise CanvasFileError."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise CanvasFileError(f"not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from None
        try:
            return cls.from_dict(data)
        except ValueError as err:
            raise CanvasFileError(f"not a canvas ({err})") from None

    # --- Markdown --------------------------------------------------------------------------
    def to_markdown(self) -> str:
        """The canvas as a Markdown document: one '##' heading per block, in canvas order."""
        lines = [f"{MARKDOWN_TITLE}: {_no_html(self.title)}" if self.title else MARKDOWN_TITLE, ""]
        for block in BLOCKS:
            lines += [f"## {block.title}", f"_{block.question}_", ""]
            text = self.blocks[block.key]
            if text:
                lines += [_escape(line) for line in text.split("\n")] + [""]
        return "\n".join(lines)

    @classmethod
    def from_markdown(cls, text: str) -> "Canvas":
        """Read back :meth:`to_markdown` output (the exact text of every block)."""
        lines = text.split("\n")
        if not lines or not lines[0].startswith(MARKDOWN_TITLE):
            raise ValueError(f"a canvas in Markdown starts with {MARKDOWN_TITLE!r}; got {lines[0][:60]!r}")
        title = _html_back(lines[0][len(MARKDOWN_TITLE):].removeprefix(": "))
        headings = {f"## {b.title}": b.key for b in BLOCKS}
        starts = [(i, headings[line]) for i, line in enumerate(lines) if line in headings]
        found = [key for _, key in starts]
        if found != list(BLOCK_KEYS):
            raise ValueError(f"expected the nine block headings in canvas order; found {found}")
        blocks = {}
        for n, (i, key) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
            body = lines[i + 2:end]  # skip the heading's question line; body = ["", *text, ""]
            blocks[key] = "\n".join(_unescape(line) for line in body[1:-1]) if len(body) > 2 else ""
        return cls(title=title, blocks=blocks)


def from_preset(name: str) -> Canvas:
    """A fresh canvas filled with the preset ``name`` (Netflix, Spotify or Blank)."""
    if name not in PRESETS:
        raise ValueError(f"preset must be one of {', '.join(PRESETS)}; got {name!r}")
    preset = PRESETS[name]
    return Canvas(title=preset["title"], blocks=preset["blocks"], preset=name)


def read_canvas(path: str | os.PathLike) -> Canvas:
    """Load a saved canvas; an unreadable file raises CanvasFileError naming the file."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
    except UnicodeDecodeError:
        raise CanvasFileError(f"{path.name} is not UTF-8 text") from None
    try:
        return Canvas.from_json(text)
    except CanvasFileError as err:
        raise CanvasFileError(f"{path.name} is {err}") from None


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` via a temporary file in the same folder and ``os.replace``.

    A lone surrogate (half of an emoji, as a browser may send) cannot be stored as UTF-8; it is
    written as the replacement character U+FFFD instead of failing.
    """
    path = Path(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = clean_text(text).encode("utf-8")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text that can be stored as UTF-8: surrogate pairs joined, lone surrogates replaced by U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


_PATH_LOCKS: dict[Path, threading.Lock] = {}
_PATH_LOCKS_GUARD = threading.Lock()


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold the canvas file ``path`` for one read-merge-write: across threads, and across kernels where the OS allows."""
    with _PATH_LOCKS_GUARD:
        lock = _PATH_LOCKS.setdefault(path.resolve(), threading.Lock())
    with lock:
        try:
            import fcntl  # not on Windows: there only this kernel's editors are kept in step
            handle = open(companion(path, "lock"), "a")
        except (ImportError, OSError):
            yield
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


class BackgroundWriter:
    """Runs the disk writes of every editor on one background thread, so typing never waits for the disk.

    ``submit`` only records the newest job for a key (microseconds); the thread runs it. Jobs
    typed faster than the disk can take them are skipped, never reordered. Any exception a job
    raises is kept as that key's error and handed to its ``done`` callback at once: the thread
    never dies. ``flush`` waits until everything submitted has run; it also runs when Python
    exits (a kernel restart), so the last keystroke is kept.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._pending: dict[Hashable, tuple[Callable[[], Any], Callable[[Exception | None], Any] | None]] = {}
        self._busy = False
        self._errors: dict[Hashable, Exception] = {}
        self._thread: threading.Thread | None = None
        atexit.register(self.flush)

    def submit(self, path: Path, text: str) -> None:
        """Ask for ``text`` to be written to ``path`` (replacing any not yet written)."""
        self.submit_job(path, functools.partial(write_atomic, path, text))

    def submit_job(self, key: Hashable, job: Callable[[], Any],
                   done: Callable[[Exception | None], Any] | None = None) -> None:
        """Run ``job`` on the writer thread (replacing a job of the same key not yet run); then ``done(error)``."""
        with self._cond:
            self._pending[key] = (job, done)
            self._start()
            self._cond.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted job has run; False if that took longer than ``timeout``."""
        with self._cond:
            if self._pending:
                self._start()
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def error(self, key: Hashable) -> Exception | None:
        """The error of the last failed job of ``key`` (e.g. a path), or None if the last one worked."""
        return self._errors.get(key)

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._busy = False
            self._thread = threading.Thread(target=self._run, name="canvas-writer", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending)
                key = next(iter(self._pending))
                job, done = self._pending.pop(key)
                self._busy = True
            failure: Exception | None = None
            try:
                job()
            except Exception as err:  # noqa: BLE001 - any failure is reported, the thread lives on
                failure = err
            try:
                if done is not None:
                    done(failure)
            except Exception:  # noqa: BLE001
                log.exception("canvas writer: reporting a save failed")
            with self._cond:
                self._busy = False
                if failure is None:
                    self._errors.pop(key, None)
                else:
                    self._errors[key] = failure
                self._cond.notify_all()


WRITER = BackgroundWriter()


def companion(path: str | os.PathLike, kind: str) -> Path:
    """The file beside ``path`` for ``kind`` 'history', 'md', 'corrupt', 'lock' or (older courses) 'bak'."""
    path = Path(path)
    base = path.name
    for suffix in (".canvas.json", ".json"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    if kind == "history":
        return path.with_name(f"{base}.canvas.history.json")
    if kind == "bak":
        return path.with_name(f"{base}.canvas.bak.json")
    if kind == "md":
        return path.with_name(f"{base}.canvas.md")
    if kind == "lock":
        return path.with_name(f".{path.name}.lock")
    if kind == "corrupt":
        stamp = time.strftime("%Y%m%d-%H%M%S")
        candidate, n = path.with_name(f"{base}.corrupt-{stamp}.canvas.json"), 1
        while candidate.exists():
            n += 1
            candidate = path.with_name(f"{base}.corrupt-{stamp}-{n}.canvas.json")
        return candidate
    raise ValueError(f"kind must be 'history', 'md', 'corrupt', 'lock' or 'bak'; got {kind!r}")


# --- history: every canvas the editor replaced, newest first ----------------------------------------
HISTORY_FORMAT = "business-model-canvas-history"
HISTORY_LIMIT = 200


class Version(NamedTuple):
    """A canvas kept in the history: when, why, and the canvas itself."""

    saved: str     # local time, "2026-11-28 10:31:05"
    reason: str    # "before loading the Spotify preset"
    canvas: Canvas

    def label(self) -> str:
        """How the version is listed in the editor."""
        return f"{self.saved} · {self.canvas.title or 'untitled'} · {self.reason}"


def read_history(path: str | os.PathLike) -> list[Version]:
    """The versions kept in a history file, newest first ([] if there is none); a bad file raises CanvasFileError."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise CanvasFileError(f"{path.name} is not a readable history ({err})") from None
    try:
        if data.get("format") != HISTORY_FORMAT or not isinstance(data.get("versions"), list):
            raise ValueError(f"format must be {HISTORY_FORMAT!r} with a list of versions")
        return [Version(str(v["saved"]), str(v["reason"]), Canvas.from_dict(v["canvas"])) for v in data["versions"]]
    except (AttributeError, KeyError, TypeError, ValueError) as err:
        raise CanvasFileError(f"{path.name} is not a canvas history ({err})") from None


def keep_in_history(path: str | os.PathLike, canvas: Canvas, reason: str) -> None:
    """Add ``canvas`` as the newest version of the history file (unless it is the newest already); OSError if it cannot be written."""
    path = Path(path)
    with file_lock(path):
        try:
            versions = read_history(path)
        except CanvasFileError:  # never overwrite what we cannot read: keep it aside, start afresh
            shutil.copy2(path, companion(path, "corrupt"))
            versions = []
        if versions and versions[0].canvas == canvas:
            return
        versions.insert(0, Version(time.strftime("%Y-%m-%d %H:%M:%S"), reason, canvas))
        data = {"format": HISTORY_FORMAT, "version": 1,
                "versions": [{"saved": v.saved, "reason": v.reason, "canvas": v.canvas.to_dict()}
                             for v in versions[:HISTORY_LIMIT]]}
        write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


# --- two editors on one file: a three-way merge, block by block -------------------------------------
CONFLICT_MARK = "\n\n——— also typed in another editor of this file (keep what you need, delete the rest) ———\n"


class Merge(NamedTuple):
    """The canvas to save, the blocks both sides changed (both texts kept), and the blocks taken from disk."""

    canvas: Canvas
    conflicts: list[str]
    taken: list[str]


def merge(base: Canvas, mine: Canvas, theirs: Canvas) -> Merge:
    """Combine my changes since ``base`` with those another editor saved (``theirs``), block by block.

    A block only one side changed takes that side; a block both changed differently keeps both
    texts, mine first, separated by :data:`CONFLICT_MARK`. Nothing typed on either side is lost.
    """
    conflicts: list[str] = []
    taken: list[str] = []

    def pick(key: str, b: str, m: str, t: str, joiner: str) -> str:
        if m == t or t == b:
            return m
        if m == b:
            taken.append(key)
            return t
        conflicts.append(key)
        return m + joiner + t

    title = pick("title", base.title, mine.title, theirs.title, " / ")
    blocks = {key: pick(key, base.blocks[key], mine.blocks[key], theirs.blocks[key], CONFLICT_MARK)
              for key in BLOCK_KEYS}
    return Merge(Canvas(title=title, blocks=blocks, preset=mine.preset), conflicts, taken)


def _single_line(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text; got {value!r} of type {type(value).__name__}")
    if "\n" in value or "\r" in value:
        raise ValueError(f"{name} must be one line of text; got {value!r}")
    return clean_text(value)


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"the text of block {key!r} must be a string; got {value!r} of type {type(value).__name__}")
    return clean_text(value)


_HEADING_LIKE = re.compile(r"^\\*#")
_HTML_CHARS = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_HTML_ENTITIES = re.compile(r"&(amp|lt|gt);")


def _no_html(text: str) -> str:
    """'<script>' -> '&lt;script&gt;': a Markdown viewer shows the learner's HTML as text, never runs it."""
    return re.sub(r"[&<>]", lambda m: _HTML_CHARS[m.group()], text)


def _html_back(text: str) -> str:
    return _HTML_ENTITIES.sub(lambda m: {"amp": "&", "lt": "<", "gt": ">"}[m.group(1)], text)


def _escape(line: str) -> str:
    """A block line for Markdown: HTML as text, and a line that starts with '#' (after any backslashes) gets one more backslash."""
    line = _no_html(line)
    return "\\" + line if _HEADING_LIKE.match(line) else line


def _unescape(line: str) -> str:
    return _html_back(line[1:] if line.startswith("\\") and _HEADING_LIKE.match(line[1:]) else line)


# --- the editor -----------------------------------------------------------------------------------
_PICK = ""  # the preset dropdown's resting value: "Start again from a preset…"


class CanvasEditor:
    """Nine text boxes laid out like the printed canvas, saved to ``path`` on every change.

    Every canvas the editor replaces (by a preset, or by restoring an earlier version) is kept in
    ``<name>.canvas.history.json``; *Earlier versions* brings any of them back. Two editors on
    one file (two cells, a re-run cell, two kernels) merge their changes block by block before
    every save; where both changed the same block, both texts are kept and the editor says so.
    """

    def __init__(self, company: str = "Netflix", path: str | os.PathLike = "my_canvas.canvas.json"):
        if company not in PRESETS:
            raise ValueError(f"company must be one of {', '.join(PRESETS)}; got {company!r}")
        self.path = Path(path)
        self.history_path = companion(self.path, "history")
        self.markdown_path = companion(self.path, "md")
        self.message = ""  # the last notice, as plain text (also shown above the canvas)
        self.saved = True
        self._lock = threading.RLock()  # the canvas, between keystrokes and the writer thread
        self._disk_text: str | None = None  # the file as this editor last read or wrote it
        self._disk_canvas = Canvas()

        self.canvas, notice, alert = self._open(company)
        self.title_box = W.Text(value=self.canvas.title, description="Company",
                                placeholder="Whose business model is this?",
                                style={"description_width": "70px"}, layout=W.Layout(width="340px"))
        self.preset_picker = W.Dropdown(
            options=[("Start again from a preset…", _PICK)] + [(f"{n} preset" if n != "Blank" else "Blank canvas", n)
                                                              for n in PRESETS],
            value=_PICK, layout=W.Layout(width="240px"),
            tooltip="Replace the canvas with a preset; your current text is kept in the history")
        self.history_picker = W.Dropdown(options=[("Earlier versions…", -1)], value=-1,
                                         layout=W.Layout(width="280px"),
                                         tooltip=f"Canvases kept in {self.history_path.name}, newest first")
        self.restore_button = W.Button(description="Restore this version", icon="undo", disabled=True,
                                       layout=W.Layout(width="auto"),
                                       tooltip="Put the chosen earlier version back; the canvas it replaces is kept too")
        self.export_button = W.Button(description="Export as Markdown", icon="download",
                                      layout=W.Layout(width="auto"),
                                      tooltip=f"Write {self.markdown_path.name} beside the notebook")
        self.status = W.HTML(f"<small style='color:#555'>Every change is saved to "
                             f"<code>{html.escape(str(self.path.resolve()))}</code>; replaced canvases are kept in "
                             f"<code>{html.escape(self.history_path.name)}</code>.</small>")
        self.message_box = W.HTML()
        self.export_box = W.HTML()
        self.textareas: dict[str, W.Textarea] = {
            b.key: W.Textarea(value=self.canvas.blocks[b.key], placeholder=b.question, tooltip=b.question,
                              continuous_update=True,
                              rows={"kp": 20, "vp": 20, "cs": 20, "co": 5, "rs": 5}.get(b.area, 8),
                              layout=W.Layout(width="auto", flex="1 1 auto"))
            for b in BLOCKS
        }

        for key, area in self.textareas.items():
            area.observe(lambda change, key=key: self._on_text(key, change["new"]), names="value")
        self.title_box.observe(self._on_title, names="value")
        self.preset_picker.observe(self._on_pick, names="value")
        self.history_picker.observe(lambda c: setattr(self.restore_button, "disabled", c["new"] < 0), names="value")
        self.restore_button.on_click(lambda _: self.restore_version(self.history_picker.value))
        self.export_button.on_click(lambda _: self.export_markdown())
        self._import_old_backup()
        self._refresh_history()
        saved = self.save()
        if notice:
            self._notify(notice if saved else f"{notice} {self.message}", alert=alert or not saved)
        self.view = self._layout()

    # --- what the learner (or a test) does -------------------------------------------------
    def set_block(self, block: str, text: str) -> None:
        """Type ``text`` into one block, as the learner would (this saves)."""
        self.textareas[block_key(block)].value = text

    def choose_preset(self, name: str) -> None:
        """Replace the canvas by a preset; a canvas with your own text is kept in the history first."""
        if name not in PRESETS:
            raise ValueError(f"preset must be one of {', '.join(PRESETS)}; got {name!r}")
        previous = self.current()
        kept = not previous.is_blank() and not _is_unchanged_preset(previous)
        if kept and not self._keep(previous, f"before loading the {name} preset"):
            self._notify(f"The {name} preset was not loaded, so that your canvas is not lost. {self.message}",
                         alert=True)
            return
        if not self._show(from_preset(name)):
            return
        self._notify(
            f"Loaded the {name} preset."
            + (f" Your previous canvas is kept in {self.history_path.name}: choose it under 'Earlier versions' "
               "and press 'Restore this version' to bring it back." if kept else "")
        )

    def history(self) -> list[Version]:
        """The canvases kept for this file, newest first."""
        return read_history(self.history_path)

    def restore_version(self, index: int = 0) -> None:
        """Put version ``index`` of :meth:`history` (0 = newest) back; the canvas it replaces is kept too."""
        try:
            versions = self.history()
        except CanvasFileError as err:
            self._notify(f"The history could not be read: {err}.", alert=True)
            return
        if not 0 <= index < len(versions):
            self._notify(f"There is no earlier version to restore yet ({self.history_path.name} holds "
                         f"{len(versions)}).", alert=True)
            return
        chosen = versions[index]
        current = self.current()
        kept = not current.is_blank()
        if kept and not self._keep(current, f"before restoring the version of {chosen.saved}"):
            return
        if self._show(chosen.canvas):
            self._notify(f"Restored the version of {chosen.saved} ({chosen.reason})"
                         + ("; the canvas it replaced is in 'Earlier versions'." if kept else "."))

    def export_markdown(self) -> Path:
        """Write the canvas as Markdown beside the JSON file and show a download link."""
        text = self.to_markdown()
        try:
            write_atomic(self.markdown_path, text)
        except OSError as err:
            self._notify(f"Could not export to {self.markdown_path}: {err.strerror or err}. Your text is still in "
                         "the editor; copy it somewhere safe before closing the notebook.", alert=True)
            return self.markdown_path
        link = "data:text/markdown;charset=utf-8," + urllib.parse.quote(text)
        self.export_box.value = (
            f"Exported to <code>{html.escape(str(self.markdown_path.resolve()))}</code> — "
            f'<a download="{html.escape(self.markdown_path.name)}" href="{link}" '
            f'style="text-decoration:underline">download {html.escape(self.markdown_path.name)}</a>')
        return self.markdown_path

    def to_markdown(self) -> str:
        """The current canvas as Markdown."""
        return self.current().to_markdown()

    def current(self) -> Canvas:
        """A copy of the canvas as it is now."""
        with self._lock:
            return Canvas(title=self.canvas.title, blocks=dict(self.canvas.blocks), preset=self.canvas.preset)

    def save(self) -> bool:
        """Save the canvas now and wait for the disk; False (and a message) if that failed."""
        self._autosave()
        return self.flush()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until the last change is on disk (typing saves in the background); False if it is not."""
        if not WRITER.flush(timeout):
            self.saved = False
            self._notify(f"Saving to {self.path.name} is taking longer than {timeout:g} s; your text is still in the "
                         "editor. Copy it somewhere safe if this message stays.", alert=True)
        return self.saved

    # --- plumbing ---------------------------------------------------------------------------
    def _open(self, company: str) -> tuple[Canvas, str, bool]:
        """The canvas to start with, a notice for the learner, and whether that notice is a warning."""
        WRITER.flush()  # another editor on this file may still be writing
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return from_preset(company), "", False
        except (OSError, UnicodeDecodeError) as err:
            text, problem = None, err
        else:
            try:
                canvas = Canvas.from_json(text)
            except CanvasFileError as err:
                problem = err
            else:
                self._disk_text, self._disk_canvas = text, canvas
                return canvas, f"Welcome back: your canvas was loaded from {self.path.name}.", False
        reason = (f"{self.path.name} is not UTF-8 text" if isinstance(problem, UnicodeDecodeError)
                  else f"{self.path.name} is {problem}" if isinstance(problem, CanvasFileError)
                  else f"{getattr(problem, 'strerror', None) or problem}")
        try:
            copy = companion(self.path, "corrupt")
            shutil.copy2(self.path, copy)
            kept = f"A copy of the file was kept as {copy.name}."
        except OSError as copy_err:
            kept = f"A copy could not be kept ({copy_err.strerror}); the file is left as it is."
            self.path = companion(self.path, "corrupt")  # never overwrite the only copy
        self._disk_text = None
        return from_preset(company), (
            f"Your saved canvas could not be read: {reason}. {kept} "
            f"The editor starts from the {company} preset and saves to {self.path.name}."), True

    def _on_text(self, key: str, text: str) -> None:
        with self._lock:
            text = clean_text(text)
            if self.canvas.blocks[key] == text:  # the editor's own update coming back, or nothing new
                return
            self.canvas.blocks[key] = text
        self._autosave()

    def _on_title(self, change: dict) -> None:
        with self._lock:
            title = clean_text(change["new"].replace("\n", " ").replace("\r", " "))
            if self.canvas.title == title:
                return
            self.canvas.title = title
        self._autosave()

    def _autosave(self) -> None:
        """A keystroke: hand a save to the background writer (cheap); it reports its outcome itself."""
        WRITER.submit_job(("canvas-editor", id(self)), self._write_job, self._after_write)

    def _write_job(self) -> Merge | None:
        """On the writer thread: merge with what another editor may have saved, then write."""
        with file_lock(self.path):
            try:
                disk = self.path.read_text(encoding="utf-8")
            except FileNotFoundError:
                disk = None
            except UnicodeDecodeError:
                disk = ""  # not ours: handled as an unreadable canvas below
            merged = None
            with self._lock:
                if disk is not None and self._disk_text is not None and disk != self._disk_text:
                    try:
                        theirs = Canvas.from_json(disk)
                    except CanvasFileError:
                        shutil.copy2(self.path, companion(self.path, "corrupt"))
                    else:
                        merged = merge(self._disk_canvas, self.canvas, theirs)
                        self.canvas = merged.canvas
                canvas = Canvas(title=self.canvas.title, blocks=dict(self.canvas.blocks), preset=self.canvas.preset)
            text = canvas.to_json()
            if text != disk:
                write_atomic(self.path, text)
            with self._lock:
                self._disk_text, self._disk_canvas = text, canvas
        self._pending_merge = merged
        return merged

    def _after_write(self, error: Exception | None) -> None:
        """On the writer thread, right after a save: show its outcome at once."""
        merged, self._pending_merge = getattr(self, "_pending_merge", None), None
        was_saved, self.saved = self.saved, error is None
        if error is not None:
            reason = getattr(error, "strerror", None) or f"{type(error).__name__}: {error}"
            self._notify(f"Could not save to {self.path}: {reason}. Your text is still in the editor; export it "
                         "or copy it somewhere safe before closing the notebook.", alert=True)
            return
        if merged is not None and (merged.conflicts or merged.taken):
            self._show_boxes(self.current(), keys=merged.conflicts + merged.taken)  # not the block being typed in
            names = [("Company" if k == "title" else BY_KEY[k].title) for k in merged.conflicts]
            if merged.conflicts:
                self._notify("Another editor of this file (another cell, notebook or kernel) changed "
                             f"{', '.join(names)} too. Both texts are kept, yours first, below a line "
                             "'also typed in another editor': keep what you need and delete the rest.", alert=True)
            else:
                self._notify("Another editor of this file (another cell, notebook or kernel) saved changes; "
                             "they are merged into this canvas and nothing was lost.")
        elif not was_saved and self.message.startswith("Could not save"):
            self._notify("Saving works again.")

    def _keep(self, canvas: Canvas, reason: str) -> bool:
        """Add ``canvas`` to the history; False (and a message) if it cannot be written."""
        try:
            keep_in_history(self.history_path, canvas, reason)
        except OSError as err:
            self._notify(f"Could not keep a copy in {self.history_path}: {err.strerror or err}. Your text is still "
                         "in the editor; copy it somewhere safe before closing the notebook.", alert=True)
            return False
        self._refresh_history()
        return True

    def _refresh_history(self) -> None:
        try:
            versions = self.history()
        except CanvasFileError:
            versions = []
        self.history_picker.options = [("Earlier versions…", -1)] + [(v.label(), i) for i, v in enumerate(versions)]
        self.history_picker.value = -1

    def _import_old_backup(self) -> None:
        """A backup left by an earlier course version joins the history, so nothing of it is lost."""
        old = companion(self.path, "bak")
        try:
            canvas = read_canvas(old)
            keep_in_history(self.history_path, canvas, f"kept in {old.name}")
            old.unlink()
        except (OSError, CanvasFileError):
            pass

    def _on_pick(self, change: dict) -> None:
        if change["new"] == _PICK:
            return
        self.choose_preset(change["new"])
        self.preset_picker.value = _PICK  # ready for the next choice, even the same preset

    def _show(self, canvas: Canvas) -> bool:
        """Make ``canvas`` the editor's canvas, show it and save once."""
        with self._lock:
            self.canvas = Canvas(title=canvas.title, blocks=dict(canvas.blocks), preset=canvas.preset)
        self._show_boxes(canvas)
        return self.save()

    def _show_boxes(self, canvas: Canvas, keys: list[str] | None = None) -> None:
        """Put ``canvas`` (only ``keys``, if given) into the boxes; the observers see the editor's own text and do not save."""
        if keys is None or "title" in keys:
            self.title_box.value = canvas.title
        for key, area in self.textareas.items():
            if keys is None or key in keys:
                area.value = canvas.blocks[key]

    def _notify(self, text: str, alert: bool = False) -> None:
        self.message = text
        if not text:
            self.message_box.value = ""
            return
        color = theme.PALETTE["vermillion" if alert else "blue"]
        role = "alert" if alert else "status"
        self.message_box.value = (f'<div role="{role}" style="padding:6px 12px;margin:4px 0;'
                                  f'border-left:5px solid {color};background:#f4f8fb">{html.escape(text)}</div>')

    def _layout(self) -> W.Widget:
        cells = []
        for b in BLOCKS:
            label = W.HTML(f"<div style='line-height:1.3;margin-bottom:4px'><b>{html.escape(b.title)}</b><br>"
                           f"<small style='color:#555'>{html.escape(b.question)}</small></div>")
            cells.append(W.VBox([label, self.textareas[b.key]],
                                layout=W.Layout(grid_area=b.area, border="1px solid #888", padding="4px")))
        grid = W.GridBox(cells, layout=W.Layout(
            grid_template_columns="repeat(10, minmax(0, 1fr))", grid_template_areas=GRID_AREAS,
            grid_gap="6px", min_width="900px", width="100%"))
        toolbar = W.HBox([self.title_box, self.preset_picker, self.history_picker, self.restore_button,
                          self.export_button], layout=W.Layout(flex_flow="row wrap", align_items="center"))
        return W.VBox([toolbar, self.message_box, W.Box([grid], layout=W.Layout(overflow="auto")),
                       self.status, self.export_box], layout=W.Layout(width="100%"))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view)


def _is_unchanged_preset(canvas: Canvas) -> bool:
    """True if ``canvas`` is exactly one of the presets (nothing of the learner's to lose)."""
    return any(canvas.blocks == from_preset(name).blocks and canvas.title == PRESETS[name]["title"]
               for name in PRESETS)


# --- a read-only view (the pattern on the canvas at the end of a lesson) ---------------------

def canvas_view(canvas: Canvas, changed: Mapping[str, str] | None = None, caption: str = "") -> Any:
    """The canvas laid out like the printed sheet, read-only, as HTML a notebook shows as it is.

    ``changed`` maps block names to one line on what the pattern changes there: those blocks are
    outlined in orange with the line under their text, the others are greyed. Nothing is saved."""
    from IPython.display import HTML

    notes = {block_key(name): _single_line("changed", note) for name, note in (changed or {}).items()}
    cells = []
    for b in BLOCKS:
        note = notes.get(b.key)
        border = f"3px solid {theme.PALETTE['orange']}" if note is not None else "1px solid #bbb"
        colour = "#222" if note is not None or not notes else "#666"
        body = html.escape(canvas.blocks[b.key]).replace("\n", "<br>")
        extra = (f"<div style='margin-top:6px;padding-top:4px;border-top:1px dashed #999'><b>The pattern:</b> "
                 f"{html.escape(note)}</div>" if note else "")
        cells.append(f"<div style='grid-area:{b.area};border:{border};padding:6px;color:{colour};"
                     f"font-size:13px;line-height:1.35'><b>{html.escape(b.title)}</b><br>{body}{extra}</div>")
    title = f"<div style='font-weight:bold;margin:4px 0'>{html.escape(canvas.title)}</div>" if canvas.title else ""
    note = f"<div style='color:#555;font-size:13px;margin-top:4px'>{html.escape(caption)}</div>" if caption else ""
    grid = (f"<div role='figure' aria-label='Business Model Canvas: {html.escape(canvas.title)}' "
            f"style='display:grid;grid-template-columns:repeat(10,minmax(0,1fr));grid-template-areas:{GRID_AREAS};"
            f"gap:6px;min-width:900px'>{''.join(cells)}</div>")
    return HTML(f"<div style='overflow:auto'>{title}{grid}{note}</div>")
