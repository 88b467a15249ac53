"""Load the course's sourced datasets by name, checked against ``datasets/datapackage.json``.

``load("spotify")`` returns a DataFrame whose columns have the types the data package declares,
and whose rows each carry the tag of their source (see ``load("sources")`` for the citations).
A missing file, a missing column or a value that breaks the schema (type, required, minimum,
maximum, enum, unique, primary key) raises :class:`DatasetError` naming the file, the line as a
text editor numbers it, the column and the problem, never a parser traceback. Empty text cells
are empty strings (not None or NaN, whatever the pandas version). The descriptor is read again
when it changes on disk, and callers get copies of it.
"""

from __future__ import annotations

import codecs
import copy
import csv
import functools
import io
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

DATASETS = Path(os.environ.get("BMPL_DATASETS", Path(__file__).resolve().parents[1] / "datasets"))
PACKAGE_FILE = "datapackage.json"


class DatasetError(ValueError):
    """A dataset is missing, unreadable or does not match its schema."""


@functools.lru_cache(maxsize=8)
def _package(folder: Path, stamp: tuple[int, int]) -> dict[str, Any]:
    """The descriptor as parsed when the file had ``stamp`` (mtime, size): an edited file is read again."""
    path = folder / PACKAGE_FILE
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(f"{path}: the data package descriptor is missing") from None
    except UnicodeDecodeError as err:
        raise DatasetError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    except json.JSONDecodeError as err:
        raise DatasetError(f"{path}: not valid JSON ({err})") from None
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise DatasetError(f"{path}: a data package is a JSON object with a list of \"resources\"")
    return package


def package(folder: Path | None = None) -> dict[str, Any]:
    """The parsed data package descriptor (resources, schemas, licences): a copy the caller may change."""
    return copy.deepcopy(_cached_package(Path(folder or DATASETS)))


def _cached_package(folder: Path) -> dict[str, Any]:
    path = folder / PACKAGE_FILE
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DatasetError(f"{path}: the data package descriptor is missing") from None
    if not path.is_file():
        raise DatasetError(f"{path}: is a folder, not the data package descriptor")
    return _package(folder, (info.st_mtime_ns, info.st_size))


def names(folder: Path | None = None) -> list[str]:
    """Names of every dataset in the package, in the order they are declared."""
    return [r.get("name") for r in _cached_package(Path(folder or DATASETS))["resources"]]


def resource(name: str, folder: Path | None = None) -> dict[str, Any]:
    """The descriptor of one dataset (path, title, description, schema, sources): a copy the caller may change."""
    for res in _cached_package(Path(folder or DATASETS))["resources"]:
        if isinstance(res, dict) and res.get("name") == name:
            return copy.deepcopy(res)
    raise DatasetError(f"no dataset named {name!r}; available: {', '.join(map(str, names(folder)))}")


def load(name: str, folder: Path | None = None) -> pd.DataFrame:
    """Read dataset ``name`` as a typed DataFrame, validated against its schema."""
    folder = Path(folder or DATASETS)
    res = resource(name, folder)
    fields = _fields(res, name)
    if not isinstance(res.get("path"), str):
        raise DatasetError(f"{PACKAGE_FILE}: dataset {name!r} needs a \"path\" to its CSV file; got {res.get('path')!r}")
    path = folder / res["path"]
    header, lines, rows = _read_csv(path, name)
    expected = [f["name"] for f in fields]
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        raise DatasetError(
            f"{path.name}: columns do not match the schema"
            + (f"; missing {missing}" if missing else "")
            + (f"; unexpected {extra}" if extra else "")
            + ("" if missing or extra else f"; expected order {expected}")
        )
    raw = {column: pd.Series([row[i] for row in rows], dtype=str) for i, column in enumerate(header)}
    table = pd.DataFrame({f["name"]: _column(raw[f["name"]], f, path.name, lines) for f in fields})
    _check_primary_key(table, res["schema"].get("primaryKey"), path.name, lines)
    table.attrs.update(name=name, title=res.get("title", name), path=str(path))
    return table


def _fields(res: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The schema's field list, or a DatasetError saying what the descriptor lacks."""
    schema = res.get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not all(
            isinstance(f, dict) and isinstance(f.get("name"), str) for f in schema["fields"]):
        raise DatasetError(
            f"{PACKAGE_FILE}: dataset {name!r} needs a \"schema\" object with a list of \"fields\", "
            f"each with a \"name\"; got \"schema\": {json.dumps(schema)[:80]}")
    return schema["fields"]


def _read_csv(path: Path, name: str) -> tuple[list[str], list[int], list[list[str]]]:
    """Header, the line where each row starts (as an editor numbers lines), and the rows as text."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DatasetError(f"{path.name}: file missing (dataset {name!r} expects {path})") from None
    except IsADirectoryError:
        raise DatasetError(f"{path.name}: is a folder, not a CSV file (dataset {name!r} expects a file at {path})") from None
    except OSError as err:
        raise DatasetError(f"{path.name}: cannot be read ({err.strerror or err})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        offset = err.start + (3 if raw.startswith(codecs.BOM_UTF8) else 0)
        line = raw.count(b"\n", 0, offset) + 1
        column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        raise DatasetError(f"{path.name}, line {line}, character {column}: not UTF-8 text "
                           f"(byte 0x{raw[offset]:02x}); save the file as UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    lines: list[int] = []
    rows: list[list[str]] = []
    start = 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if not record:  # a blank line
                continue
            if header is None:
                header = record
                seen: set[str] = set()
                for column in header:
                    if column in seen:
                        raise DatasetError(f"{path.name}, line {line}: column {column!r} appears twice in the header")
                    seen.add(column)
                continue
            if len(record) != len(header):
                raise DatasetError(f"{path.name}, line {line}: {len(record)} values, but the header names "
                                   f"{len(header)} columns (a missing comma, or a comma inside an unquoted text?)")
            lines.append(line)
            rows.append(record)
    except csv.Error as err:
        raise DatasetError(f"{path.name}, line {reader.line_num}: cannot be read as CSV ({err})") from None
    if header is None:
        raise DatasetError(f"{path.name}: the file is empty (dataset {name!r} needs at least a header line)")
    return header, lines, rows


def _check_primary_key(table: pd.DataFrame, key: Any, filename: str, lines: list[int]) -> None:
    """Rows must not repeat the schema's primary key (one column or several)."""
    if not key:
        return
    columns = [key] if isinstance(key, str) else list(key)
    repeated = table.duplicated(subset=columns, keep="first")
    for row in table.index[repeated]:
        values = tuple(table.loc[row, c] for c in columns)
        first = table.index[(table[columns] == table.loc[row, columns]).all(axis=1)][0]
        raise DatasetError(f"{filename}, line {lines[row]}: the primary key {', '.join(columns)} = "
                           f"{', '.join(map(str, values))} repeats line {lines[first]}")


def _column(values: pd.Series, field: dict[str, Any], filename: str, lines: list[int]) -> pd.Series:
    """Convert one CSV column to its declared type and check its constraints."""
    kind = field.get("type", "string")
    rules = field.get("constraints") or {}
    column = field["name"]

    def fail(row: int, problem: str) -> DatasetError:
        # Line numbers as a text editor shows them: the header is line 1, blank lines count.
        return DatasetError(f"{filename}, line {lines[row]}, column {column!r}: {problem}")

    blank = values.str.strip() == ""
    if rules.get("required"):
        for row in values.index[blank]:
            raise fail(row, "a value is required but the cell is empty")
    if kind == "string":
        out = values.where(~blank, "")  # an empty text cell shows as empty, in every pandas version
    elif kind in ("number", "integer", "year"):
        out = pd.to_numeric(values.where(~blank, None), errors="coerce")
        for row in values.index[out.isna() & ~blank]:
            raise fail(row, f"{values[row]!r} is not a {kind}")
        for row in out.index[out.notna() & ~np.isfinite(out.astype(float))]:
            raise fail(row, f"{values[row]!r} is not a finite number")
        if kind in ("integer", "year"):
            for row in out.index[out.notna() & (out % 1 != 0)]:
                raise fail(row, f"{values[row]!r} is not a whole number")
            out = out.astype("Int64")
    elif kind == "date":
        out = pd.to_datetime(values.where(~blank, None), errors="coerce", format="%Y-%m-%d")
        for row in values.index[out.isna() & ~blank]:
            raise fail(row, f"{values[row]!r} is not a date (YYYY-MM-DD)")
    elif kind == "boolean":
        lookup = {"true": True, "false": False}
        out = values.str.lower().map(lookup).where(~blank, None)
        for row in values.index[out.isna() & ~blank]:
            raise fail(row, f"{values[row]!r} is not true/false")
    else:
        raise DatasetError(f"{filename}: column {column!r} has unsupported type {kind!r}")
    present = ~blank
    if "minimum" in rules:
        for row in out.index[present & (out < rules["minimum"])]:
            raise fail(row, f"{values[row]} is below the minimum {rules['minimum']}")
    if "maximum" in rules:
        for row in out.index[present & (out > rules["maximum"])]:
            raise fail(row, f"{values[row]} is above the maximum {rules['maximum']}")
    if "enum" in rules:
        for row in out.index[present & ~out.isin(rules["enum"])]:
            raise fail(row, f"{values[row]!r} is not one of {rules['enum']}")
    if rules.get("unique"):
        for row in out.index[present & out.duplicated(keep="first")]:
            first = out.index[present & (out == out[row])][0]
            raise fail(row, f"{values[row]!r} repeats line {lines[first]}; every value in this column must be unique")
    return out


def sources_for(table: pd.DataFrame) -> str:
    """'Spotify Q4 2024 update (6-K); …' — the full citations behind a table's source tags."""
    cites = load("sources").set_index("tag")["citation"]
    tags: list[str] = []
    for cell in table["source"]:
        for tag in str(cell).split(";"):
            tag = tag.strip()
            if tag and tag not in tags:
                tags.append(tag)
    return "; ".join(cites.get(tag, tag) for tag in tags)
