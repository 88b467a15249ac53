"""The pattern catalog: the dataset, search and filter, the network figure and the PatternCatalog explorer."""

from __future__ import annotations

import csv
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from widgets import catalog
from widgets.catalog import FAMILIES, PatternCatalog, filter_patterns, load_catalog, network_figure

CSV = ROOT / "datasets" / "patterns.csv"
# The course's family mapping of the 55 Navigator patterns (Gassmann et al. 2014), written out independently.
COLLABORATING = {8, 9, 32, 33, 54}
DATA_LEVERAGING = {25, 21, 18, 48, 35, 15, 27, 2, 28}
PLATFORM = {52, 37, 34, 24, 4, 16, 20, 38, 57, 59}


@pytest.fixture(scope="module")
def raw() -> list[dict[str, str]]:
    """The CSV read with the standard library, independently of widgets.data."""
    with CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def table():
    return load_catalog()


def split(cell: str) -> list[str]:
    return [c.strip() for c in cell.split(";") if c.strip()]


# --- the dataset ---------------------------------------------------------------------------------

def test_every_confirmed_navigator_pattern_is_there_once(raw):
    numbers = [int(r["number"]) for r in raw if r["number"]]
    assert sorted(numbers) == list(range(1, 56)) + [57, 59]
    assert not {56, 58, 60} & set(numbers), "names of #56, #58, #60 are unconfirmed"


def test_known_names(raw):
    by_number = {int(r["number"]): r["name"] for r in raw if r["number"]}
    assert by_number[18] == "Freemium" and by_number[25] == "Leverage Customer Data"
    assert by_number[32] == "Open Business Model" and by_number[57] == "Virtualization"
    assert by_number[59] == "Object as Point-of-Sale" and by_number[55] == "White Label"


def test_extra_collaborating_rows(raw):
    extra = {r["name"]: r for r in raw if not r["number"]}
    assert set(extra) == {"Co-creation", "Open innovation"}
    for row in extra.values():
        assert row["family"] == "collaborating"
        assert "BMN" not in row["source"], "not a Navigator pattern: cite its own source"
    assert extra["Co-creation"]["lesson"] == "13_co_creation_and_conversations"
    assert extra["Open innovation"]["lesson"] == "12_open_source_and_open_business"


def test_every_row_has_definition_family_source(raw):
    tags = {r["tag"] for r in csv.DictReader((ROOT / "datasets" / "sources.csv").open(encoding="utf-8"))}
    for row in raw:
        assert row["definition"].strip() and row["family"] in FAMILIES, row["name"]
        assert split(row["source"]), row["name"]
        assert set(split(row["source"])) <= tags, f"{row['name']}: undefined source tag"
        assert "\n" not in row["definition"] and len(row["definition"]) < 200


def test_names_unique(raw):
    names = [r["name"] for r in raw]
    assert len(names) == len(set(names))


def test_family_mapping(raw):
    for row in raw:
        if not row["number"]:
            continue
        n = int(row["number"])
        expected = ("collaborating" if n in COLLABORATING else "data leveraging" if n in DATA_LEVERAGING
                    else "platform, AI & blockchain" if n in PLATFORM else "other")
        assert row["family"] == expected, f"#{n} {row['name']}"


def test_lesson_links(raw):
    lesson = {int(r["number"]): r["lesson"] for r in raw if r["number"]}
    assert lesson[8] == "10_crowdfunding"
    assert lesson[9] == lesson[54] == "11_crowdsourcing_and_user_design"
    assert lesson[32] == lesson[33] == "12_open_source_and_open_business"
    assert lesson[18] == lesson[48] == "22_freemium_and_subscription"


def test_every_lesson_link_names_a_lesson_notebook(raw):
    linked = {r["lesson"] for r in raw if r["lesson"]}
    assert linked, "the catalog links patterns to lessons"
    malformed = sorted(s for s in linked if not re.fullmatch(r"\d\d_[a-z0-9_]+", s))
    missing = sorted(s for s in linked if not (ROOT / "lessons" / f"{s}.ipynb").is_file())
    assert not malformed and not missing, f"malformed: {malformed}; no such lesson: {missing}"


def test_loader_types(table, raw):
    assert len(table) == len(raw)
    assert str(table["number"].dtype) == "Int64"
    assert table["number"].isna().sum() == 2


# --- filter and search ---------------------------------------------------------------------------

@pytest.mark.parametrize("family", FAMILIES)
def test_filter_by_family(table, raw, family):
    got = filter_patterns(table, family)
    assert set(got["name"]) == {r["name"] for r in raw if r["family"] == family}


def test_no_filter_keeps_everything(table):
    for family in (None, "", "all", "All families"):
        assert len(filter_patterns(table, family, "")) == len(table)
    assert len(filter_patterns(table, None, "   ")) == len(table)
    assert len(filter_patterns(table, None, None)) == len(table)


def test_search_is_case_insensitive_over_companies(table, raw):
    expected = {r["name"] for r in raw if "spotify" in r["example_companies"].lower()}
    assert expected >= {"Freemium", "Subscription"}
    for query in ("spotify", "SPOTIFY", "  Spotify "):
        assert set(filter_patterns(table, None, query)["name"]) == expected


def test_search_names_and_definitions(table, raw):
    assert "Freemium" in set(filter_patterns(table, None, "freemium")["name"])
    word = "advertisers"
    expected = {r["name"] for r in raw if word in (r["name"] + r["definition"]).lower()
                or word in r["example_companies"].lower()}
    assert expected and set(filter_patterns(table, None, word)["name"]) == expected


def test_search_words_must_all_match(table):
    both = set(filter_patterns(table, None, "netflix spotify")["name"])
    assert both == set(filter_patterns(table, None, "netflix")["name"]) & set(filter_patterns(table, None, "spotify")["name"])
    combined = set(filter_patterns(table, "data leveraging", "netflix")["name"])
    assert combined == set(filter_patterns(table, None, "netflix")["name"]) & set(
        filter_patterns(table, "data leveraging")["name"])
    assert combined and combined != set(filter_patterns(table, None, "netflix")["name"])


def test_search_by_number(table):
    assert list(filter_patterns(table, None, "#18")["name"]) == ["Freemium"]


def test_no_match_is_empty_not_an_error(table):
    assert filter_patterns(table, None, "no-such-pattern-xyz").empty
    assert filter_patterns(table, "collaborating", "Netflix").empty


def test_unknown_family_raises(table):
    with pytest.raises(ValueError, match="family must be one of .*'collaborating'.*got 'finance'"):
        filter_patterns(table, "finance")


@given(st.text(max_size=30))
def test_any_search_text_works(text):
    table = load_catalog()
    got = filter_patterns(table, None, text)
    assert set(got.index) <= set(table.index)


# --- the network figure --------------------------------------------------------------------------

def _trace(fig, meta):
    return next(t for t in fig.data if t.meta == meta)


def _edges_from_data(raw):
    edges = set()
    for r in raw:
        label = f"#{r['number']} {r['name']}" if r["number"] else r["name"]
        for company in split(r["example_companies"]):
            edges.add((label, company))
    return edges


def test_one_node_per_pattern_and_company(table, raw):
    fig = network_figure(table)
    patterns, companies = _trace(fig, "patterns"), _trace(fig, "companies")
    assert len(patterns.x) == len(raw)
    assert len(set(patterns.customdata)) == len(raw)
    assert sorted(companies.customdata) == sorted({c for r in raw for c in split(r["example_companies"])})


def test_edges_match_the_data(table, raw):
    fig = network_figure(table)
    node = {}
    for meta in ("patterns", "companies"):
        t = _trace(fig, meta)
        for x, y, name in zip(t.x, t.y, t.customdata):
            node[(round(float(x), 9), round(float(y), 9))] = name
    assert len(node) == len(_trace(fig, "patterns").x) + len(_trace(fig, "companies").x), "nodes overlap exactly"
    e = _trace(fig, "edges")
    xs, ys = np.asarray(e.x, dtype=float), np.asarray(e.y, dtype=float)
    drawn = set()
    for i in range(0, len(xs), 3):
        a = node[(round(xs[i], 9), round(ys[i], 9))]
        b = node[(round(xs[i + 1], 9), round(ys[i + 1], 9))]
        assert np.isnan(xs[i + 2])
        drawn.add((a, b))
    assert drawn == _edges_from_data(raw)


def test_pattern_colours_follow_family(table):
    fig = network_figure(table)
    t = _trace(fig, "patterns")
    for name, colour in zip(t.customdata, t.marker.color):
        family = table.loc[[catalog.label(r) == name for _, r in table.iterrows()], "family"].iloc[0]
        assert colour == catalog.FAMILY_COLORS[family]
    assert catalog.COMPANY_COLOR == _trace(fig, "companies").marker.color
    legend = [t.name for t in fig.data if t.meta == "legend"]
    assert legend == list(FAMILIES)


def test_hover_text_names_and_defines(table):
    fig = network_figure(table)
    t = _trace(fig, "patterns")
    i = list(t.customdata).index("#18 Freemium")
    assert "Freemium" in t.hovertext[i] and "premium" in t.hovertext[i]
    c = _trace(fig, "companies")
    k = list(c.customdata).index("Spotify")
    assert "#18 Freemium" in c.hovertext[k] and "#48 Subscription" in c.hovertext[k]


def test_layout_is_deterministic(table):
    a, b = catalog.build_network(table), catalog.build_network(table)
    assert np.array_equal(a.pattern_xy, b.pattern_xy) and np.array_equal(a.company_xy, b.company_xy)
    assert np.isfinite(a.company_xy).all()


# --- the PatternCatalog explorer -----------------------------------------------------------------

def _shown_names(explorer):
    return set(re.findall(r"<td><b>(.*?)</b></td>", explorer.table_box.value))


def test_catalog_starts_with_everything():
    explorer = PatternCatalog()
    assert len(_shown_names(explorer)) == len(explorer.table)
    assert _trace(explorer.figure, "patterns").selectedpoints is None


def test_catalog_updates_table_and_figure_on_family_change(raw):
    explorer = PatternCatalog()
    explorer.family.value = "collaborating"
    expected = {r["name"] for r in raw if r["family"] == "collaborating"}
    assert _shown_names(explorer) == {n.replace("&", "&amp;") for n in expected}
    patterns = _trace(explorer.figure, "patterns")
    selected = {patterns.customdata[i] for i in patterns.selectedpoints}
    assert {s.split(" ", 1)[-1] if s.startswith("#") else s for s in selected} == expected
    highlighted = _trace(explorer.figure, "edges-highlight")
    n_edges = sum(len(split(r["example_companies"])) for r in raw if r["family"] == "collaborating")
    assert len(highlighted.x) == 3 * n_edges
    companies = _trace(explorer.figure, "companies")
    lit = {companies.customdata[i] for i in companies.selectedpoints}
    assert lit == {c for r in raw if r["family"] == "collaborating" for c in split(r["example_companies"])}


def test_catalog_search_box_and_lesson_link():
    explorer = PatternCatalog()
    explorer.search.value = "freemium"
    assert _shown_names(explorer) == {"Freemium"}
    assert 'href="22_freemium_and_subscription.ipynb"' in explorer.table_box.value
    assert list(_trace(explorer.figure, "pattern-labels").text) == ["#18 Freemium"]
    explorer.search.value = ""
    assert len(_trace(explorer.figure, "pattern-labels").text) == 0, "too many to name"


def test_catalog_no_match_message_and_recovery():
    explorer = PatternCatalog()
    explorer.set(family="platform, AI & blockchain", query="Threadless")
    assert "No pattern matches" in explorer.summary.value and "Threadless" in explorer.summary.value
    assert explorer.table_box.value == ""
    assert list(_trace(explorer.figure, "patterns").selectedpoints) == []
    assert len(_trace(explorer.figure, "edges-highlight").x) == 0
    explorer.set(family="all", query="")
    assert len(_shown_names(explorer)) == len(explorer.table)


def test_catalog_escapes_odd_input():
    explorer = PatternCatalog()
    explorer.search.value = "<script>alert(1)</script>"
    assert "<script>" not in explorer.summary.value and "&lt;script&gt;" in explorer.summary.value


def test_catalog_rejects_unknown_family_at_construction():
    with pytest.raises(ValueError, match="family"):
        PatternCatalog(family="finance")
