"""The Business Model Canvas: data class, files beside the notebook, the editor and its presets."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import time

import ipywidgets as W
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import canvas_examples, data
from widgets.canvas import (
    BLOCK_KEYS, BLOCKS, CONFLICT_MARK, GRID_AREAS, WRITER, Canvas, CanvasEditor, CanvasFileError, block_key,
    companion, from_preset, merge, read_canvas, write_atomic,
)

# The nine blocks in the order Osterwalder & Pigneur (2010) introduce them.
NINE = ["Customer Segments", "Value Propositions", "Channels", "Customer Relationships", "Revenue Streams",
        "Key Resources", "Key Activities", "Key Partnerships", "Cost Structure"]

titles = st.text(st.characters(blacklist_characters="\r\n"), max_size=40)
texts = st.text(max_size=200)
canvases = st.builds(Canvas, title=titles,
                     blocks=st.fixed_dictionaries({k: texts for k in BLOCK_KEYS}),
                     preset=st.sampled_from(["", "Netflix", "Spotify", "Blank"]))


def saved(path) -> dict:
    """What is on disk now (after the background writer finished)."""
    WRITER.flush()
    return json.loads(path.read_text(encoding="utf-8"))


# --- the data class -------------------------------------------------------------------------------
def test_nine_blocks_in_canvas_order():
    assert [b.title for b in BLOCKS] == NINE
    assert all(b.question.endswith("?") for b in BLOCKS)


def test_missing_blocks_are_empty_and_keys_are_ordered():
    c = Canvas(title="Acme", blocks={"Channels": "shops"})
    assert list(c.blocks) == list(BLOCK_KEYS)
    assert c.blocks["channels"] == "shops"
    assert c.blocks["cost_structure"] == ""
    assert not c.is_blank() and Canvas().is_blank()


@given(canvases)
def test_round_trip_dict_and_json(c):
    assert Canvas.from_dict(c.to_dict()) == c
    assert Canvas.from_dict(json.loads(json.dumps(c.to_dict()))) == c
    assert Canvas.from_json(c.to_json()) == c


@given(canvases)
def test_round_trip_markdown_keeps_every_character(c):
    back = Canvas.from_markdown(c.to_markdown())
    assert back.title == c.title
    assert back.blocks == c.blocks


def test_markdown_has_nine_headings_in_canvas_order_and_escapes_heading_lines():
    c = Canvas(title="Acme", blocks={"channels": "## Channels\n# not a heading\n\\# kept", "cost_structure": "x"})
    md = c.to_markdown()
    assert md.startswith("# Business Model Canvas: Acme\n")
    assert re.findall(r"^## (.+)$", md, flags=re.M) == NINE
    assert Canvas.from_markdown(md).blocks == c.blocks


def test_markdown_shows_learner_html_as_text():
    c = Canvas(title="<b>Acme</b> & co", blocks={"channels": "<script>alert(1)</script>",
                                                 "cost_structure": '<img src=x onerror="alert(1)">\n&lt; stays &lt;'})
    md = c.to_markdown()
    assert "<script" not in md and "<img" not in md and "<b>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md and "&amp;lt; stays &amp;lt;" in md
    back = Canvas.from_markdown(md)
    assert back.blocks == c.blocks and back.title == c.title


def test_unknown_block_names_the_block_and_the_allowed_names():
    with pytest.raises(ValueError) as err:
        Canvas(blocks={"Customer Segments": "x", "Key Partnerz": "y"})
    message = str(err.value)
    assert "Key Partnerz" in message
    assert all(key in message for key in BLOCK_KEYS)
    with pytest.raises(ValueError, match="'magic'"):
        Canvas.from_dict({"title": "t", "blocks": {"magic": "x"}})
    with pytest.raises(ValueError, match="unknown canvas block"):
        Canvas().set("revenue", "x")


def test_other_bad_input_is_a_value_error():
    with pytest.raises(ValueError, match="customer_segments"):
        Canvas(blocks={"customer_segments": 42})
    with pytest.raises(ValueError, match="title"):
        Canvas(title="two\nlines")
    with pytest.raises(ValueError, match="given twice"):
        Canvas(blocks={"Channels": "a", "channels": "b"})
    with pytest.raises(ValueError, match="format"):
        Canvas.from_dict({"format": "something-else", "blocks": {}})
    with pytest.raises(ValueError, match="version"):
        Canvas.from_dict({"version": 99, "blocks": {}})
    with pytest.raises(ValueError, match="canvas order"):
        Canvas.from_markdown("# Business Model Canvas: x\n\n## Channels\n_q_\n")


def test_printed_names_and_spellings_are_accepted():
    assert block_key("Key Partners") == "key_partnerships"
    assert block_key("customer-segments") == "customer_segments"
    assert block_key(" Revenue Streams ") == "revenue_streams"


# --- files ----------------------------------------------------------------------------------------
def test_write_atomic_and_read_back(tmp_path):
    path = tmp_path / "a.canvas.json"
    c = Canvas(title="Ünïcode ✓", blocks={"channels": "line 1\r\nline 2"})
    write_atomic(path, c.to_json())
    assert read_canvas(path) == c
    assert [p.name for p in tmp_path.iterdir()] == ["a.canvas.json"]  # no temporary file left


def test_read_canvas_errors_name_the_file(tmp_path):
    path = tmp_path / "x.canvas.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CanvasFileError, match=r"x\.canvas\.json is not valid JSON \(line 1"):
        read_canvas(path)
    path.write_text('{"blocks": {"nonsense": ""}}', encoding="utf-8")
    with pytest.raises(CanvasFileError, match="nonsense"):
        read_canvas(path)


def test_companion_file_names(tmp_path):
    path = tmp_path / "my_canvas.canvas.json"
    assert companion(path, "md").name == "my_canvas.canvas.md"
    assert companion(path, "history").name == "my_canvas.canvas.history.json"
    assert companion(path, "bak").name == "my_canvas.canvas.bak.json"
    assert companion(path, "corrupt").name.endswith(".canvas.json")
    assert companion(tmp_path / "plain.json", "md").name == "plain.canvas.md"


def test_background_writer_keeps_the_last_text(tmp_path):
    path = tmp_path / "w.json"
    for i in range(300):
        WRITER.submit(path, f"version {i}")
    assert WRITER.flush()
    assert path.read_text(encoding="utf-8") == "version 299"


# --- the editor -----------------------------------------------------------------------------------
def test_editor_starts_from_the_preset_and_saves_it(tmp_path):
    path = tmp_path / "my_canvas.canvas.json"
    editor = CanvasEditor(company="Spotify", path=path)
    assert editor.textareas["revenue_streams"].value == canvas_examples.SPOTIFY["blocks"]["revenue_streams"]
    assert saved(path)["title"] == "Spotify"
    assert editor.message == ""


def test_editing_a_textarea_writes_the_file(tmp_path):
    path = tmp_path / "my_canvas.canvas.json"
    editor = CanvasEditor(company="Blank", path=path)
    editor.textareas["value_propositions"].value = "Cheap flights"
    assert saved(path)["blocks"]["value_propositions"] == "Cheap flights"
    editor.title_box.value = "Ryanair"
    assert saved(path)["title"] == "Ryanair"
    editor.set_block("Key Partners", "Airports")
    assert saved(path)["blocks"]["key_partnerships"] == "Airports"


def test_a_new_editor_on_the_same_path_restores_the_work(tmp_path):
    path = tmp_path / "my_canvas.canvas.json"
    first = CanvasEditor(company="Netflix", path=path)
    first.textareas["channels"].value = "My own channels"
    first.title_box.value = "My Netflix"
    second = CanvasEditor(company="Spotify", path=path)  # the preset must not win over saved work
    assert second.textareas["channels"].value == "My own channels"
    assert second.title_box.value == "My Netflix"
    assert "loaded" in second.message and path.name in second.message


def test_work_survives_a_real_kernel_exit(tmp_path):
    """A new Python process sees the last keystroke of one that exited right after typing."""
    path = tmp_path / "my_canvas.canvas.json"
    script = textwrap.dedent(f"""
        from widgets.canvas import CanvasEditor
        e = CanvasEditor(company="Netflix", path={str(path)!r})
        for i in range(50):
            e.textareas["cost_structure"].value = "typed " + "x" * i
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    restored = CanvasEditor(company="Blank", path=path)
    assert restored.textareas["cost_structure"].value == "typed " + "x" * 49


def test_corrupted_file_gives_a_message_keeps_a_copy_and_the_editor_works(tmp_path):
    path = tmp_path / "my_canvas.canvas.json"
    broken = '{"title": "half a fi'
    path.write_text(broken, encoding="utf-8")
    editor = CanvasEditor(company="Netflix", path=path)
    assert "could not be read" in editor.message and "not valid JSON" in editor.message
    copies = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(copies) == 1 and copies[0].read_text(encoding="utf-8") == broken
    assert copies[0].name in editor.message
    assert 'role="alert"' in editor.message_box.value
    editor.set_block("channels", "still works")
    assert saved(path)["blocks"]["channels"] == "still works"
    # a second corrupt file on the same day never overwrites the first copy
    path.write_text("[]", encoding="utf-8")
    CanvasEditor(company="Netflix", path=path)
    assert len([p for p in tmp_path.iterdir() if ".corrupt-" in p.name]) == 2


def test_valid_json_that_is_not_a_canvas_is_handled_like_corruption(tmp_path):
    path = tmp_path / "my_canvas.canvas.json"
    path.write_text('{"blocks": {"Key Partnerz": "typo"}}', encoding="utf-8")
    editor = CanvasEditor(company="Blank", path=path)
    assert "Key Partnerz" in editor.message
    assert editor.canvas.is_blank()


def test_history_keeps_every_replaced_canvas_and_restores_any(tmp_path):
    path = tmp_path / "my_canvas.canvas.json"
    editor = CanvasEditor(company="Blank", path=path)
    editor.set_block("customer_segments", "My first idea")
    editor.preset_picker.value = "Spotify"
    history = tmp_path / "my_canvas.canvas.history.json"
    assert history.name in editor.message and "Earlier versions" in editor.message
    assert editor.history()[0].canvas.blocks["customer_segments"] == "My first idea"  # the promise is true
    assert editor.textareas["customer_segments"].value == canvas_examples.SPOTIFY["blocks"]["customer_segments"]
    assert editor.preset_picker.value == ""  # ready to pick again, even the same preset
    editor.set_block("channels", "Spotify, tweaked")
    editor.preset_picker.value = "Blank"
    assert editor.canvas.is_blank() and saved(path)["blocks"]["channels"] == ""
    kept = [v.canvas.blocks for v in editor.history()]
    assert kept[0]["channels"] == "Spotify, tweaked" and kept[1]["customer_segments"] == "My first idea"

    # leaving an untouched preset adds nothing: there is nothing of the learner's to lose
    editor.preset_picker.value = "Netflix"
    editor.preset_picker.value = "Blank"
    assert len(editor.history()) == 2

    assert [label for label, _ in editor.history_picker.options][1:] == [v.label() for v in editor.history()]
    assert editor.restore_button.disabled
    editor.history_picker.value = 1  # the oldest: the very first text
    assert not editor.restore_button.disabled
    editor.restore_button.click()
    assert editor.textareas["customer_segments"].value == "My first idea"
    assert saved(path)["blocks"]["customer_segments"] == "My first idea"
    assert "Restored" in editor.message
    # a new editor (a kernel restart) sees the same history
    assert len(CanvasEditor(company="Blank", path=path).history()) == 2


def test_restoring_keeps_the_replaced_canvas_too(tmp_path):
    editor = CanvasEditor(company="Blank", path=tmp_path / "c.canvas.json")
    editor.set_block("channels", "first")
    editor.choose_preset("Blank")
    editor.set_block("channels", "second")
    editor.restore_version(0)
    assert editor.canvas.blocks["channels"] == "first"
    assert editor.history()[0].canvas.blocks["channels"] == "second"
    editor.restore_version(0)
    assert editor.canvas.blocks["channels"] == "second"
    assert "Earlier versions" in editor.message
    editor.choose_preset("Blank")  # a blank canvas: nothing to keep, and no promise that it was kept
    count = len(editor.history())
    editor.restore_version(0)
    assert "Earlier versions" not in editor.message and len(editor.history()) == count
    assert editor.canvas.blocks["channels"] == "second"


def test_restore_without_history_is_a_message(tmp_path):
    editor = CanvasEditor(company="Blank", path=tmp_path / "c.canvas.json")
    assert editor.restore_button.disabled and editor.history() == []
    editor.restore_version(0)
    assert "no earlier version" in editor.message


def test_a_backup_from_an_earlier_course_version_joins_the_history(tmp_path):
    path = tmp_path / "my_canvas.canvas.json"
    write_atomic(companion(path, "bak"), Canvas(blocks={"channels": "old backup"}).to_json())
    editor = CanvasEditor(company="Blank", path=path)
    assert editor.history()[0].canvas.blocks["channels"] == "old backup"
    assert not companion(path, "bak").exists()


def test_a_history_file_that_cannot_be_read_is_kept_aside(tmp_path):
    path = tmp_path / "c.canvas.json"
    companion(path, "history").write_text("{broken", encoding="utf-8")
    editor = CanvasEditor(company="Blank", path=path)
    editor.set_block("channels", "mine")
    editor.choose_preset("Netflix")
    assert editor.history()[0].canvas.blocks["channels"] == "mine"
    assert any(p.read_text(encoding="utf-8") == "{broken" for p in tmp_path.glob("*.corrupt-*"))


# --- two editors on one file ---------------------------------------------------------------------
def test_two_editors_on_one_file_merge_their_blocks(tmp_path):
    path = tmp_path / "x.canvas.json"
    a = CanvasEditor(company="Blank", path=path)
    b = CanvasEditor(company="Blank", path=path)  # another cell, or the same cell run again
    a.set_block("channels", "A")
    assert a.flush()
    b.set_block("cost_structure", "B")
    assert b.flush()
    on_disk = saved(path)["blocks"]
    assert (on_disk["channels"], on_disk["cost_structure"]) == ("A", "B")
    assert b.textareas["channels"].value == "A"  # merged into the other editor's boxes too
    assert "merged" in b.message and "nothing was lost" in b.message
    a.set_block("key_partnerships", "C")
    on_disk = saved(path)["blocks"]
    assert (on_disk["channels"], on_disk["cost_structure"], on_disk["key_partnerships"]) == ("A", "B", "C")


def test_two_editors_changing_one_block_keep_both_texts_and_say_so(tmp_path):
    path = tmp_path / "x.canvas.json"
    a = CanvasEditor(company="Blank", path=path)
    b = CanvasEditor(company="Blank", path=path)
    a.set_block("channels", "from A")
    a.title_box.value = "Title A"
    assert a.flush()
    b.set_block("channels", "from B")
    b.title_box.value = "Title B"
    assert b.flush()
    text = saved(path)["blocks"]["channels"]
    assert text.startswith("from B") and text.endswith("from A") and "another editor" in text
    assert saved(path)["title"] == "Title B / Title A"
    assert b.textareas["channels"].value == text
    assert "Channels" in b.message and "Both texts are kept" in b.message and 'role="alert"' in b.message_box.value


def test_an_editor_in_another_kernel_is_merged_too(tmp_path):
    path = tmp_path / "x.canvas.json"
    here = CanvasEditor(company="Blank", path=path)
    script = textwrap.dedent(f"""
        from widgets.canvas import CanvasEditor
        CanvasEditor(company="Blank", path={str(path)!r}).set_block("cost_structure", "other kernel")
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    here.set_block("channels", "this kernel")
    on_disk = saved(path)["blocks"]
    assert (on_disk["channels"], on_disk["cost_structure"]) == ("this kernel", "other kernel")


def test_merge_is_block_by_block():
    base = Canvas(title="T", blocks={"channels": "c", "cost_structure": "k"})
    mine = Canvas(title="T", blocks={"channels": "mine", "cost_structure": "k", "key_resources": "r"})
    theirs = Canvas(title="U", blocks={"channels": "c", "cost_structure": "theirs"})
    result = merge(base, mine, theirs)
    assert result.canvas.blocks["channels"] == "mine" and result.canvas.blocks["cost_structure"] == "theirs"
    assert result.canvas.blocks["key_resources"] == "r" and result.canvas.title == "U"
    assert result.conflicts == [] and set(result.taken) == {"title", "cost_structure"}
    both = merge(base, mine, Canvas(title="T", blocks={"channels": "theirs"}))
    assert both.conflicts == ["channels"]
    assert both.canvas.blocks["channels"] == "mine" + CONFLICT_MARK + "theirs"


# --- the writer never dies and reports every failure at once ---------------------------------------
def test_a_lone_surrogate_is_saved_and_the_writer_goes_on(tmp_path):
    path = tmp_path / "c.canvas.json"
    editor = CanvasEditor(company="Blank", path=path)
    editor.set_block("channels", "half an emoji: \ud83d, a whole one: \ud83d\ude00")
    assert editor.flush() and editor.saved and "Could not" not in editor.message
    assert saved(path)["blocks"]["channels"] == "half an emoji: \ufffd, a whole one: 😀"
    start = time.perf_counter()
    editor.set_block("channels", "typing goes on")
    assert editor.flush() and time.perf_counter() - start < 2
    assert saved(path)["blocks"]["channels"] == "typing goes on"


def test_the_writer_survives_any_failure(tmp_path):
    raw = tmp_path / "raw.txt"
    WRITER.submit(raw, "\ud83d")
    def broken():
        raise RuntimeError("not an OSError")
    reported = []
    WRITER.submit_job("broken job", broken, reported.append)
    WRITER.submit(tmp_path / "after.txt", "written")
    start = time.perf_counter()
    assert WRITER.flush(timeout=5)
    assert time.perf_counter() - start < 2
    assert (tmp_path / "after.txt").read_text(encoding="utf-8") == "written"
    assert raw.read_text(encoding="utf-8") == "\ufffd"
    assert isinstance(WRITER.error("broken job"), RuntimeError) and isinstance(reported[0], RuntimeError)


def test_a_write_error_after_one_keystroke_is_reported_at_once(tmp_path):
    path = tmp_path / "c.canvas.json"
    editor = CanvasEditor(company="Blank", path=path)
    path.unlink()
    path.mkdir()  # the file can no longer be written
    editor.set_block("channels", "one keystroke")
    WRITER.flush()  # no second keystroke, no explicit save: the writer reports by itself
    assert not editor.saved and "Could not save" in editor.message
    assert 'role="alert"' in editor.message_box.value
    path.rmdir()
    editor.set_block("channels", "two keystrokes")
    WRITER.flush()
    assert editor.saved and editor.message == "Saving works again."
    assert saved(path)["blocks"]["channels"] == "two keystrokes"


def test_export_markdown_writes_the_file_and_a_download_link(tmp_path):
    path = tmp_path / "my_canvas.canvas.json"
    editor = CanvasEditor(company="Netflix", path=path)
    editor.set_block("channels", "Apps")
    md_path = editor.export_markdown()
    assert md_path == tmp_path / "my_canvas.canvas.md"
    text = md_path.read_text(encoding="utf-8")
    assert re.findall(r"^## (.+)$", text, flags=re.M) == NINE
    assert "\nApps\n" in text and text == editor.to_markdown()
    assert 'download="my_canvas.canvas.md"' in editor.export_box.value
    editor.export_button.click()
    assert md_path.read_text(encoding="utf-8") == text


def test_an_unwritable_place_is_a_message_not_a_traceback(tmp_path):
    editor = CanvasEditor(company="Netflix", path=tmp_path / "missing-folder" / "c.canvas.json")
    assert not editor.saved
    assert "Could not save" in editor.message
    editor.set_block("channels", "typing goes on")  # no exception while typing
    assert editor.canvas.blocks["channels"] == "typing goes on"


def test_unknown_company_or_preset_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="Netflix, Spotify, Blank"):
        CanvasEditor(company="Amazon", path=tmp_path / "c.canvas.json")
    with pytest.raises(ValueError, match="Amazon"):
        from_preset("Amazon")


def test_layout_follows_the_printed_canvas(tmp_path):
    rows = [row.split() for row in re.findall(r'"([^"]+)"', GRID_AREAS)]
    area = {b.area: b.title for b in BLOCKS}
    names = [[area[a] for a in row] for row in rows]
    assert list(dict.fromkeys(names[0])) == ["Key Partnerships", "Key Activities", "Value Propositions",
                                             "Customer Relationships", "Customer Segments"]
    assert list(dict.fromkeys(names[1])) == ["Key Partnerships", "Key Resources", "Value Propositions",
                                             "Channels", "Customer Segments"]
    assert list(dict.fromkeys(names[2])) == ["Cost Structure", "Revenue Streams"]
    editor = CanvasEditor(company="Blank", path=tmp_path / "c.canvas.json")
    grids = [w for w in _walk(editor.view) if isinstance(w, W.GridBox)]
    assert len(grids) == 1 and len(grids[0].children) == 9
    assert {c.layout.grid_area for c in grids[0].children} == set(area)


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


# --- presets: facts only, each with its source ---------------------------------------------------
@pytest.mark.parametrize("name", list(canvas_examples.PRESETS))
def test_preset_source_tags_are_defined_and_declared(name):
    preset = canvas_examples.PRESETS[name]
    text = " ".join(preset["blocks"].values())
    tags = set(re.findall(r"\[([A-Za-z0-9-]+)[,\]]", text))
    known = set(data.load("sources")["tag"])
    assert tags <= known, f"undefined source tags {tags - known}"
    assert tags == set(preset["sources"])
    # every sentence that quotes a number names its source
    for sentence in re.split(r"\n", text):
        if re.search(r"\d", sentence):
            assert re.search(r"\[[A-Za-z0-9-]+", sentence), f"figure without a source: {sentence!r}"


def test_spotify_preset_quotes_the_dataset():
    row = data.load("spotify").set_index("year").loc[2024]
    text = " ".join(canvas_examples.SPOTIFY["blocks"].values())
    for value in (row.mau_m, row.premium_subscribers_m, row.ad_supported_mau_m):
        assert f"{int(value)} million" in text
    assert f"€{int(row.q4_premium_revenue_eur_m):,} million" in text
    assert f"€{int(row.q4_ad_revenue_eur_m):,} million" in text


def test_netflix_preset_quotes_the_dataset():
    table = data.load("netflix").set_index("year")
    text = " ".join(canvas_examples.NETFLIX["blocks"].values())
    assert f"{table.loc[2024, 'memberships_k']:,} thousand paid memberships" in text
    assert f"${table.loc[2024, 'revenue_usd_k'] // 1000:,} million" in text
    assert f"${table.loc[2019, 'average_monthly_revenue_usd']:.2f}" in text
