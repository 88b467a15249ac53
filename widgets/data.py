"""Load the course's sourced datasets by name, checked against ``datasets/datapackage.json``.

``load("spotify")`` returns a DataFrame whose columns have the types the data package declares,
and whose rows each carry the tag of their source (see ``load("sources")`` for the citations).
A missing file, a missing column or a value that breaks the schema raises :class:`DatasetError`
naming the file, the row and the problem, never a parser traceback.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

DATASETS = Path(os.environ.get("BMPL_DATASETS", Path(__file__).resolve().parents[1] / "datasets"))
PACKAGE_FILE = "datapackage.json"


class DatasetError(ValueError):
    """A dataset is missing, unreadable or does not match its schema."""


@functools.lru_cache(maxsize=4)
def _package(folder: Path) -> dict[str, Any]:
    path = folder / PACKAGE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(f"{path}: the data package descriptor is missing") from None
    except json.JSONDecodeError as err:
        raise DatasetError(f"{path}: not valid JSON ({err})") from None


def package(folder: Path | None = None) -> dict[str, Any]:
    """The parsed data package descriptor (resources, schemas, licences)."""
    return _package(Path(folder or DATASETS))


def names(folder: Path | None = None) -> list[str]:
    """Names of every dataset in the package, in the order they are declared."""
    return [r["name"] for r in package(folder)["resources"]]


def resource(name: str, folder: Path | None = None) -> dict[str, Any]:
    """The descriptor of one dataset: path, title, description, schema, sources."""
    for res in package(folder)["resources"]:
        if res["name"] == name:
            return res
    raise DatasetError(f"no dataset named {name!r}; available: {', '.join(names(folder))}")


def load(name: str, folder: Path | None = None) -> pd.DataFrame:
    """Read dataset ``name`` as a typed DataFrame, validated against its schema."""
    folder = Path(folder or DATASETS)
    res = resource(name, folder)
    path = folder / res["path"]
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(f"{path.name}: file missing (dataset {name!r} expects {path})") from None
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
        raise DatasetError(f"{path.name}: cannot be read as CSV ({err})") from None
    fields = res["schema"]["fields"]
    expected = [f["name"] for f in fields]
    if list(raw.columns) != expected:
        missing = [c for c in expected if c not in raw.columns]
        extra = [c for c in raw.columns if c not in expected]
        raise DatasetError(
            f"{path.name}: columns do not match the schema"
            + (f"; missing {missing}" if missing else "")
            + (f"; unexpected {extra}" if extra else "")
            + ("" if missing or extra else f"; expected order {expected}")
        )
    table = pd.DataFrame({f["name"]: _column(raw[f["name"]], f, path.name) for f in fields})
    table.attrs.update(name=name, title=res.get("title", name), path=str(path))
    return table


def _column(values: pd.Series, field: dict[str, Any], filename: str) -> pd.Series:
    """Convert one CSV column to its declared type and check its constraints."""
    kind = field.get("type", "string")
    rules = field.get("constraints", {})
    column = field["name"]

    def fail(row: int, problem: str) -> DatasetError:
        # Row numbers as a spreadsheet shows them: the header is line 1.
        return DatasetError(f"{filename}, line {row + 2}, column {column!r}: {problem}")

    blank = values.str.strip() == ""
    if rules.get("required"):
        for row in values.index[blank]:
            raise fail(row, "a value is required but the cell is empty")
    if kind == "string":
        out = values.where(~blank, None)
    elif kind in ("number", "integer", "year"):
        out = pd.to_numeric(values.where(~blank, None), errors="coerce")
        for row in values.index[out.isna() & ~blank]:
            raise fail(row, f"{values[row]!r} is not a {kind}")
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
    if "minimum" in rules:
        for row in out.index[out.notna() & (out < rules["minimum"])]:
            raise fail(row, f"{values[row]} is below the minimum {rules['minimum']}")
    if "maximum" in rules:
        for row in out.index[out.notna() & (out > rules["maximum"])]:
            raise fail(row, f"{values[row]} is above the maximum {rules['maximum']}")
    if "enum" in rules:
        for row in out.index[out.notna() & ~out.isin(rules["enum"])]:
            raise fail(row, f"{values[row]!r} is not one of {rules['enum']}")
    return out


def sources_for(table: pd.DataFrame) -> str:
    """'Spotify Q4 2024 update (6-K); …' — the full citations behind a table's source tags."""
    cites = load("sources").set_index("tag")["citation"]
    tags: list[str] = []
    for cell in table["source"].dropna():
        for tag in str(cell).split(";"):
            tag = tag.strip()
            if tag and tag not in tags:
                tags.append(tag)
    return "; ".join(cites.get(tag, tag) for tag in tags)
