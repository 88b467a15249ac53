"""The Business Model Canvas (Osterwalder & Pigneur, *Business Model Generation*, 2010) and its editor.

* :class:`Canvas` — the nine blocks as plain data: validated, to/from dict, JSON and Markdown.
* :class:`CanvasEditor` — nine text boxes laid out like the printed canvas. The learner's text is
  saved to a JSON file beside the notebook on every change (written to a temporary file in the
  same folder, then moved into place with ``os.replace``, so a crash never leaves half a file)
  and loaded again when the editor is created on the same path, e.g. after a kernel restart.
  A keystroke only hands the text to a background writer (microseconds); the disk write happens
  on that thread, and whatever is pending is written before Python exits.

Files next to ``my_canvas.canvas.json``: ``my_canvas.canvas.bak.json`` (the canvas replaced by
the last preset switch), ``my_canvas.corrupt-<time>.canvas.json`` (a copy of a file that could
not be read) and ``my_canvas.canvas.md`` (the Markdown export).
"""

from __future__ import annotations

import atexit
import contextlib
import html
import json
import os
import re
import shutil
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping, NamedTuple

import ipywidgets as W

from . import theme
from .canvas_examples import PRESETS

FORMAT = "business-model-canvas"
VERSION = 1
MARKDOWN_TITLE = "# Business Model Canvas"


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
        lines = [f"{MARKDOWN_TITLE}: {self.title}" if self.title else MARKDOWN_TITLE, ""]
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
        title = lines[0][len(MARKDOWN_TITLE):].removeprefix(": ")
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
    """Write ``text`` to ``path`` via a temporary file in the same folder and ``os.replace``."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class BackgroundWriter:
    """Writes the latest text of each file on one background thread, so typing never waits for the disk.

    ``submit`` only records the newest text (microseconds); the thread writes it with
    :func:`write_atomic`. Intermediate versions typed faster than the disk can take them are
    skipped, never reordered. ``flush`` waits until everything submitted is on disk; it also
    runs when Python exits (a kernel restart), so the last keystroke is kept.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._pending: dict[Path, str] = {}
        self._busy = False
        self._errors: dict[Path, OSError] = {}
        self._thread: threading.Thread | None = None
        atexit.register(self.flush)

    def submit(self, path: Path, text: str) -> None:
        """Ask for ``text`` to be written to ``path`` (replacing any not yet written)."""
        with self._cond:
            self._pending[path] = text
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="canvas-writer", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted text is written; False if that took longer than ``timeout``."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def error(self, path: Path) -> OSError | None:
        """The error of the last failed write to ``path``, or None if the last write worked."""
        return self._errors.get(path)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending)
                path, text = self._pending.popitem()
                self._busy = True
            try:
                write_atomic(path, text)
                failure = None
            except OSError as err:
                failure = err
            with self._cond:
                self._busy = False
                if failure is None:
                    self._errors.pop(path, None)
                else:
                    self._errors[path] = failure
                self._cond.notify_all()


WRITER = BackgroundWriter()


def companion(path: str | os.PathLike, kind: str) -> Path:
    """The file beside ``path`` for ``kind`` 'bak', 'md' or 'corrupt' (a new name each time)."""
    path = Path(path)
    base = path.name
    for suffix in (".canvas.json", ".json"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    if kind == "bak":
        return path.with_name(f"{base}.canvas.bak.json")
    if kind == "md":
        return path.with_name(f"{base}.canvas.md")
    if kind == "corrupt":
        stamp = time.strftime("%Y%m%d-%H%M%S")
        candidate, n = path.with_name(f"{base}.corrupt-{stamp}.canvas.json"), 1
        while candidate.exists():
            n += 1
            candidate = path.with_name(f"{base}.corrupt-{stamp}-{n}.canvas.json")
        return candidate
    raise ValueError(f"kind must be 'bak', 'md' or 'corrupt'; got {kind!r}")


def _single_line(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text; got {value!r} of type {type(value).__name__}")
    if "\n" in value or "\r" in value:
        raise ValueError(f"{name} must be one line of text; got {value!r}")
    return value


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"the text of block {key!r} must be a string; got {value!r} of type {type(value).__name__}")
    return value


_HEADING_LIKE = re.compile(r"^\\*#")


def _escape(line: str) -> str:
    """A block line that starts with '#' (after any backslashes) gets one more backslash."""
    return "\\" + line if _HEADING_LIKE.match(line) else line


def _unescape(line: str) -> str:
    return line[1:] if line.startswith("\\") and _HEADING_LIKE.match(line[1:]) else line


# --- the editor -----------------------------------------------------------------------------------
_PICK = ""  # the dropdown's resting value: "Start from a preset…"


class CanvasEditor:
    """Nine text boxes laid out like the printed canvas, saved to ``path`` on every change."""

    def __init__(self, company: str = "Netflix", path: str | os.PathLike = "my_canvas.canvas.json"):
        if company not in PRESETS:
            raise ValueError(f"company must be one of {', '.join(PRESETS)}; got {company!r}")
        self.path = Path(path)
        self.backup_path = companion(self.path, "bak")
        self.markdown_path = companion(self.path, "md")
        self.message = ""  # the last notice, as plain text (also shown above the canvas)
        self.saved = True
        self._quiet = False

        self.canvas, notice, alert = self._open(company)
        self.title_box = W.Text(value=self.canvas.title, description="Company",
                                placeholder="Whose business model is this?",
                                style={"description_width": "70px"}, layout=W.Layout(width="340px"))
        self.preset_picker = W.Dropdown(
            options=[("Start again from a preset…", _PICK)] + [(f"{n} preset" if n != "Blank" else "Blank canvas", n)
                                                              for n in PRESETS],
            value=_PICK, layout=W.Layout(width="260px"),
            tooltip="Replace the canvas with a preset; your current text is kept in a backup file")
        self.restore_button = W.Button(description="Restore previous canvas", icon="undo",
                                       disabled=not self.backup_path.exists(), layout=W.Layout(width="auto"),
                                       tooltip=f"Swap the canvas with the one kept in {self.backup_path.name}")
        self.export_button = W.Button(description="Export as Markdown", icon="download",
                                      layout=W.Layout(width="auto"),
                                      tooltip=f"Write {self.markdown_path.name} beside the notebook")
        self.status = W.HTML(f"<small style='color:#555'>Every change is saved to "
                             f"<code>{html.escape(str(self.path.resolve()))}</code>.</small>")
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
        self.restore_button.on_click(lambda _: self.restore_backup())
        self.export_button.on_click(lambda _: self.export_markdown())
        saved = self.save()
        if notice:
            self._notify(notice if saved else f"{notice} {self.message}", alert=alert or not saved)
        self.view = self._layout()

    # --- what the learner (or a test) does -------------------------------------------------
    def set_block(self, block: str, text: str) -> None:
        """Type ``text`` into one block, as the learner would (this saves)."""
        self.textareas[block_key(block)].value = text

    def choose_preset(self, name: str) -> None:
        """Replace the canvas by a preset; a canvas with your own text is backed up first."""
        if name not in PRESETS:
            raise ValueError(f"preset must be one of {', '.join(PRESETS)}; got {name!r}")
        previous = self.canvas
        kept = not previous.is_blank() and not _is_unchanged_preset(previous)
        if kept and not self._write(self.backup_path, previous.to_json(), "keep a backup in"):
            self._notify(f"The {name} preset was not loaded, so that your canvas is not lost.", alert=True)
            return
        self._show(from_preset(name))
        self.restore_button.disabled = not self.backup_path.exists()
        self._notify(
            f"Loaded the {name} preset."
            + (f" Your previous canvas is kept in {self.backup_path.name}: press "
               "'Restore previous canvas' to bring it back." if kept else "")
        )

    def restore_backup(self) -> None:
        """Swap the canvas on screen with the backup (so pressing twice undoes the restore)."""
        try:
            backup = read_canvas(self.backup_path)
        except FileNotFoundError:
            self._notify(f"There is no backup ({self.backup_path.name}) to restore yet.", alert=True)
            return
        except CanvasFileError as err:
            self._notify(f"The backup could not be read: {err}.", alert=True)
            return
        if not self._write(self.backup_path, self.canvas.to_json(), "keep a backup in"):
            return
        self._show(backup)
        self._notify(f"Restored the canvas from {self.backup_path.name}; the one you replaced is now the backup.")

    def export_markdown(self) -> Path:
        """Write the canvas as Markdown beside the JSON file and show a download link."""
        text = self.to_markdown()
        if self._write(self.markdown_path, text, "export to"):
            link = "data:text/markdown;charset=utf-8," + urllib.parse.quote(text)
            self.export_box.value = (
                f"Exported to <code>{html.escape(str(self.markdown_path.resolve()))}</code> — "
                f'<a download="{html.escape(self.markdown_path.name)}" href="{link}" '
                f'style="text-decoration:underline">download {html.escape(self.markdown_path.name)}</a>')
        return self.markdown_path

    def to_markdown(self) -> str:
        """The current canvas as Markdown."""
        return self.canvas.to_markdown()

    def save(self) -> bool:
        """Write the canvas to its JSON file now and wait for the disk; False (and a message) if that failed."""
        WRITER.submit(self.path, self.canvas.to_json())
        WRITER.flush()
        return self._check_saved()

    def flush(self) -> bool:
        """Wait until the last change is on disk (typing saves in the background)."""
        WRITER.flush()
        return self._check_saved()

    # --- plumbing ---------------------------------------------------------------------------
    def _open(self, company: str) -> tuple[Canvas, str, bool]:
        """The canvas to start with, a notice for the learner, and whether that notice is a warning."""
        WRITER.flush()  # another editor on this file may still be writing
        if not self.path.exists():
            return from_preset(company), "", False
        try:
            return read_canvas(self.path), f"Welcome back: your canvas was loaded from {self.path.name}.", False
        except (CanvasFileError, OSError) as err:
            try:
                copy = companion(self.path, "corrupt")
                shutil.copy2(self.path, copy)
                kept = f"A copy of the file was kept as {copy.name}."
            except OSError as copy_err:
                kept = f"A copy could not be kept ({copy_err.strerror}); the file is left as it is."
                self.path = companion(self.path, "corrupt")  # never overwrite the only copy
            return from_preset(company), (
                f"Your saved canvas could not be read: {err}. {kept} "
                f"The editor starts from the {company} preset and saves to {self.path.name}."), True

    def _on_text(self, key: str, text: str) -> None:
        self.canvas.blocks[key] = text
        if not self._quiet:
            self._autosave()

    def _on_title(self, change: dict) -> None:
        self.canvas.title = change["new"].replace("\n", " ").replace("\r", " ")
        if not self._quiet:
            self._autosave()

    def _autosave(self) -> None:
        """A keystroke: hand the new text to the background writer (cheap), report a failed write."""
        WRITER.submit(self.path, self.canvas.to_json())
        if self.saved == (WRITER.error(self.path) is not None):  # only when the state changes
            self._check_saved()

    def _check_saved(self) -> bool:
        err = WRITER.error(self.path)
        was_saved, self.saved = self.saved, err is None
        if err is not None:
            self._notify(f"Could not save to {self.path}: {err.strerror or err}. Your text is still in the "
                         "editor; export it or copy it somewhere safe before closing the notebook.", alert=True)
        elif not was_saved and self.message.startswith("Could not save"):
            self._notify("Saving works again.")
        return self.saved

    def _on_pick(self, change: dict) -> None:
        if self._quiet or change["new"] == _PICK:
            return
        self.choose_preset(change["new"])
        with self._hold():
            self.preset_picker.value = _PICK  # ready for the next choice, even the same preset

    def _show(self, canvas: Canvas) -> None:
        """Put ``canvas`` into the boxes and save once."""
        with self._hold():
            self.title_box.value = canvas.title
            for key, area in self.textareas.items():
                area.value = canvas.blocks[key]
        self.canvas = Canvas(title=canvas.title, blocks=dict(canvas.blocks), preset=canvas.preset)
        self.save()

    def _write(self, path: Path, text: str, action: str) -> bool:
        try:
            write_atomic(path, text)
            return True
        except OSError as err:
            self._notify(f"Could not {action} {path}: {err.strerror or err}. Your text is still in the "
                         "editor; copy it somewhere safe before closing the notebook.", alert=True)
            return False

    def _notify(self, text: str, alert: bool = False) -> None:
        self.message = text
        if not text:
            self.message_box.value = ""
            return
        color = theme.PALETTE["vermillion" if alert else "blue"]
        role = "alert" if alert else "status"
        self.message_box.value = (f'<div role="{role}" style="padding:6px 12px;margin:4px 0;'
                                  f'border-left:5px solid {color};background:#f4f8fb">{html.escape(text)}</div>')

    @contextlib.contextmanager
    def _hold(self) -> Iterator[None]:
        """Change the boxes without saving on every assignment."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

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
        toolbar = W.HBox([self.title_box, self.preset_picker, self.restore_button, self.export_button],
                         layout=W.Layout(flex_flow="row wrap", align_items="center"))
        return W.VBox([toolbar, self.message_box, W.Box([grid], layout=W.Layout(overflow="auto")),
                       self.status, self.export_box], layout=W.Layout(width="100%"))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view)


def _is_unchanged_preset(canvas: Canvas) -> bool:
    """True if ``canvas`` is exactly one of the presets (nothing of the learner's to lose)."""
    return any(canvas.blocks == from_preset(name).blocks and canvas.title == PRESETS[name]["title"]
               for name in PRESETS)
