"""Every dataset matches its schema, every row has a source, and the loader reports problems clearly."""

from __future__ import annotations

import json
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
