"""Lesson 01's things to try: no model, so what they claim of the canvas editor is checked on the editor itself."""

from __future__ import annotations

import tempfile
from pathlib import Path

from widgets.canvas_examples import PRESETS

from . import LessonClaims, Tries, attempt

NOTE = "\nmy own note"


def _editor_session() -> dict[str, bool]:
    """Run tries 2 and 5 on a real editor in a scratch folder: what the history keeps, what a restart loads."""
    from widgets.canvas import CanvasEditor

    with tempfile.TemporaryDirectory() as folder:
        plain = CanvasEditor(company="Netflix", path=Path(folder) / "plain.canvas.json")
        plain.choose_preset("Spotify")
        edited = CanvasEditor(company="Netflix", path=Path(folder) / "my_canvas.canvas.json")
        edited.textareas["customer_segments"].value += NOTE
        edited.choose_preset("Spotify")
        kept = [label for label, index in edited.history_picker.options if index >= 0]
        edited.title_box.value = "My company"
        edited.textareas["value_propositions"].value = "What we offer"
        again = CanvasEditor(company="Netflix", path=Path(folder) / "my_canvas.canvas.json")
        return {
            "an unchanged preset is not kept in the history": len(plain.history_picker.options) == 1,
            "an edited Netflix canvas is kept under Earlier versions…": len(kept) == 1 and "Netflix" in kept[0],
            "the restore button says Restore this version": edited.restore_button.description == "Restore this version",
            "the preset menu offers Spotify preset and Blank canvas": {"Spotify preset", "Blank canvas"} <= {
                label for label, _ in edited.preset_picker.options},
            "the export button says Export as Markdown": edited.export_button.description == "Export as Markdown",
            "a new editor on the same file brings the canvas back": again.canvas.title == "My company"
            and again.canvas.blocks["value_propositions"] == "What we offer",
        }


CLAIMS = LessonClaims("01_what_is_a_business_model", tries=Tries("l01-16", (
    attempt(
        "Read the Netflix canvas.",
        "Which blocks would change if Netflix stopped producing its own series and only licensed them? Which "
        "would change if it added a plan with advertising?",
    ),
    attempt(
        "Compare.",
        "Choose *Spotify preset*. Which blocks differ most from Netflix? Find the block that shows Spotify has "
        "two kinds of paying customer. (If you changed the Netflix text, it is in the history: choose it under "
        "*Earlier versions…* and press *Restore this version* to go back. An unchanged preset is not kept there; "
        "choose *Netflix preset* again instead.)",
        holds=lambda: {**{k: v for k, v in _editor_session().items() if "preset" in k or "Restore" in k},
                       "Spotify's revenue streams name subscribers and advertisers": all(
                           word in PRESETS["Spotify"]["blocks"]["revenue_streams"] for word in ("Premium", "advertising"))},
    ),
    attempt(
        "Two corners.",
        "Start from Netflix and rewrite the canvas as a free, ad-financed service. Which corners of the triangle "
        "did you change — and is it a business model innovation by Gassmann's definition?",
    ),
    attempt(
        "Your own company.",
        "Choose *Blank canvas*, type the company's name, and fill the nine blocks for a firm you know (your "
        "employer, a start-up, a local shop). Start with Customer Segments and Value Propositions; keep each "
        "block to three or four short lines. Export it as Markdown.",
        holds=lambda: {k: v for k, v in _editor_session().items() if "Markdown" in k or "Blank" in k},
    ),
    attempt(
        "It survives a restart.",
        "*Kernel ▸ Restart Kernel and Run All Cells*: your canvas comes back. Open `my_canvas.canvas.json` in the "
        "file browser to see what is stored.",
        holds=lambda: {k: v for k, v in _editor_session().items() if "same file" in k},
    ),
)))
