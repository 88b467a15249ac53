"""Every dataset matches its schema, every row has a source, and the loader reports problems clearly."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from frictionless import Package

from widgets import data

NAMES = data.names()


def test_data_package_is_valid_frictionless():
    report = Package(str(data.DATASETS / data.PACKAGE_FILE)).validate()
    problems = [e.message for task in report.tasks for e in task.errors] + [e.message for e in report.errors]
    assert report.valid, problems


@pytest.mark.parametrize("name", NAMES)
def test_every_field_is_described(name):
    for field in data.resource(name)["schema"]["fields"]:
        assert field.get("description"), f"{name}.{field['name']} has no description"


@pytest.mark.parametrize("name", [n for n in NAMES if n != "sources"])
def test_every_row_has_a_source_that_is_cited(name):
    table = data.load(name)
    known = set(data.load("sources")["tag"])
    assert "source" in table.columns, f"{name} has no source column"
    for line, cell in enumerate(table["source"], start=2):
        tags = [t.strip() for t in str(cell or "").split(";") if t.strip()]
        assert tags, f"{name}.csv line {line} has no source"
        unknown = [t for t in tags if t not in known]
        assert not unknown, f"{name}.csv line {line}: source tag(s) {unknown} missing from sources.csv"


def test_loader_types_columns_from_the_schema():
    spotify = data.load("spotify")
    assert str(spotify["year"].dtype) == "Int64"
    assert spotify.set_index("year").loc[2024, "premium_subscribers_m"] == 263
    assert spotify.attrs["name"] == "spotify"


def test_sources_for_expands_tags_to_citations():
    text = data.sources_for(data.load("dropbox"))
    assert "Form S-1" in text and "SA19" not in text


def test_unknown_dataset_lists_the_available_ones():
    with pytest.raises(data.DatasetError, match="no dataset named 'spotfy'; available: .*spotify"):
        data.load("spotfy")


@pytest.fixture
def package_copy(tmp_path):
    """A copy of datasets/ that a test may break."""
    folder = tmp_path / "datasets"
    shutil.copytree(data.DATASETS, folder)
    data._package.cache_clear()
    yield folder
    data._package.cache_clear()


def test_missing_file_names_the_file(package_copy):
    (package_copy / "spotify.csv").unlink()
    with pytest.raises(data.DatasetError, match=r"spotify\.csv: file missing"):
        data.load("spotify", package_copy)


def test_corrupted_value_names_file_line_and_column(package_copy):
    path = package_copy / "spotify.csv"
    path.write_text(path.read_text().replace("2024,675,263", "2024,675,lots"))
    with pytest.raises(data.DatasetError, match=r"spotify\.csv, line 11, column 'premium_subscribers_m': 'lots' is not a number"):
        data.load("spotify", package_copy)


def test_missing_column_is_reported(package_copy):
    path = package_copy / "dropbox.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(",".join(line.split(",")[:-1]) for line in lines) + "\n")
    with pytest.raises(data.DatasetError, match=r"dropbox\.csv: columns do not match the schema; missing \['note'\]"):
        data.load("dropbox", package_copy)


def test_empty_required_source_is_reported(package_copy):
    path = package_copy / "netflix.csv"
    path.write_text(path.read_text().replace(",NF15,", ",,"))
    with pytest.raises(data.DatasetError, match=r"netflix\.csv, line 2, column 'source': a value is required"):
        data.load("netflix", package_copy)


def test_constraint_violation_is_reported(package_copy):
    path = package_copy / "freemium_conversion.csv"
    path.write_text(path.read_text().replace("Evernote,share of all users paying,2,2", "Evernote,share of all users paying,2,200"))
    with pytest.raises(data.DatasetError, match="above the maximum 100"):
        data.load("freemium_conversion", package_copy)


def test_broken_descriptor_is_reported(package_copy):
    (package_copy / "datapackage.json").write_text("{ not json")
    with pytest.raises(data.DatasetError, match="not valid JSON"):
        data.load("spotify", package_copy)


def test_descriptor_paths_exist():
    package = json.loads((data.DATASETS / data.PACKAGE_FILE).read_text())
    for res in package["resources"]:
        assert (data.DATASETS / res["path"]).exists(), res["path"]


# --- bad files: every problem names the file, the line as an editor numbers it, and the column ---
def _spotify_lines(folder):
    return (folder / "spotify.csv").read_text(encoding="utf-8").splitlines(keepends=True)


def test_line_numbers_count_blank_lines_and_multi_line_cells(package_copy):
    path = package_copy / "spotify.csv"
    lines = _spotify_lines(package_copy)
    lines.insert(1, "\n")  # a blank line after the header: the 2015 row is now line 3
    lines[2] = lines[2].replace("SPF1,", 'SPF1,"a note\nover two lines"', 1)  # the 2016 row is now line 5
    lines[3] = lines[3].replace(",48,", ",many,", 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(data.DatasetError, match=r"spotify\.csv, line 5, column 'premium_subscribers_m': 'many'"):
        data.load("spotify", package_copy)


def test_unique_constraint_is_enforced(package_copy):
    path = package_copy / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines) + lines[1], encoding="utf-8")  # the first tag once more
    tag = lines[1].split(",")[0]
    with pytest.raises(data.DatasetError,
                       match=rf"sources\.csv, line {len(lines) + 1}, column 'tag': '{tag}' repeats line 2; .*unique"):
        data.load("sources", package_copy)


def test_primary_key_is_enforced(package_copy):
    descriptor = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    spotify = next(r for r in descriptor["resources"] if r["name"] == "spotify")
    spotify["schema"]["primaryKey"] = ["year"]
    (package_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    path = package_copy / "spotify.csv"
    lines = _spotify_lines(package_copy)
    path.write_text("".join(lines) + lines[1], encoding="utf-8")
    with pytest.raises(data.DatasetError, match=rf"line {len(lines) + 1}: the primary key year = 2015 repeats line 2"):
        data.load("spotify", package_copy)


@pytest.mark.parametrize("value", ["inf", "-inf", "Infinity", "1e999"])
def test_infinity_is_not_a_number_here(package_copy, value):
    path = package_copy / "spotify.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2015,,28,", f"2015,,{value},"), encoding="utf-8")
    with pytest.raises(data.DatasetError, match=rf"line 2, column 'premium_subscribers_m': '{value}' is not a (finite )?number"):
        data.load("spotify", package_copy)


def test_text_that_is_not_utf8_names_the_line(package_copy):
    path = package_copy / "spotify.csv"
    lines = _spotify_lines(package_copy)
    lines[3] = lines[3].rstrip("\n") + "caf\xe9\n"
    path.write_bytes("".join(lines).encode("latin-1"))
    with pytest.raises(data.DatasetError, match=r"spotify\.csv, line 4, character \d+: not UTF-8 text \(byte 0xe9\)"):
        data.load("spotify", package_copy)


def test_a_duplicate_header_is_named_as_written(package_copy):
    path = package_copy / "spotify.csv"
    text = path.read_text(encoding="utf-8").replace("premium_subscribers_m,", "mau_m,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(data.DatasetError, match=r"spotify\.csv, line 1: column 'mau_m' appears twice") as err:
        data.load("spotify", package_copy)
    assert "mau_m.1" not in str(err.value)


def _edit_descriptor(folder, change):
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    change(next(r for r in descriptor["resources"] if r["name"] == "spotify"))
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


def test_a_missing_schema_is_a_clear_message(package_copy):
    _edit_descriptor(package_copy, lambda r: r.update(schema=None))
    with pytest.raises(data.DatasetError, match=r"dataset 'spotify' needs a \"schema\" object .*got \"schema\": null"):
        data.load("spotify", package_copy)


def test_a_folder_instead_of_a_file_is_a_clear_message(package_copy):
    (package_copy / "spotify.csv").unlink()
    (package_copy / "spotify.csv").mkdir()
    with pytest.raises(data.DatasetError, match=r"spotify\.csv: is a folder, not a CSV file"):
        data.load("spotify", package_copy)
    shutil.rmtree(package_copy / "spotify.csv")
    (package_copy / "datapackage.json").unlink()
    (package_copy / "datapackage.json").mkdir()
    with pytest.raises(data.DatasetError, match="is a folder"):
        data.load("spotify", package_copy)


def test_an_edited_descriptor_is_read_again(package_copy):
    assert data.resource("spotify", package_copy)["title"] != "Renamed"
    _edit_descriptor(package_copy, lambda r: r.update(title="Renamed"))
    assert data.resource("spotify", package_copy)["title"] == "Renamed"
    assert data.load("spotify", package_copy).attrs["title"] == "Renamed"


def test_resource_and_package_hand_out_copies():
    first = data.resource("spotify")
    first["schema"]["fields"].clear()
    first["title"] = "changed by a caller"
    data.package()["resources"].clear()
    assert data.resource("spotify")["schema"]["fields"]
    assert data.resource("spotify")["title"] != "changed by a caller"
    assert len(data.load("spotify").columns) > 1


@pytest.mark.parametrize("name, column", [("spotify", "note"), ("netflix", "note"), ("dropbox", "arpu_basis"),
                                          ("marketplace_community", "qualifier")])
def test_empty_text_cells_show_as_empty(name, column):
    table = data.load(name)
    assert (table[column] == "").any(), f"{name}.{column} has no empty cell to check"
    assert not table[column].isna().any()
    shown = table.to_string() + table.to_html()
    assert not re.search(r"\b(None|NaN|nan|<NA>)\b", table[[column]].to_string())
    assert "None" not in shown
