"""The lessons' static charts: drawn from the datasets with their sources, and kept out of the cells students read."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from widgets import data, lesson_charts

from conftest import LESSONS


def source_line(fig: go.Figure) -> str:
    return " ".join(a.text for a in fig.layout.annotations if a.text and a.text.startswith("Source:"))


def test_kickstarter_track_record_shows_every_published_rate():
    kickstarter = data.load("kickstarter")
    fig = lesson_charts.kickstarter_track_record(kickstarter)
    rates = fig.data[0]
    assert list(rates.y) == list(kickstarter[kickstarter.period == "cumulative"].success_rate_percent.dropna())
    assert "Kickstarter blog" in source_line(fig) and "Pledged is not collected" in source_line(fig)


def test_success_by_goal_and_length_puts_the_model_next_to_the_literature():
    fig = lesson_charts.success_by_goal_and_length([1000, 5000], [60, 40], [30, 60], [45, 38])
    names = [t.name for t in fig.data]
    assert names[:2] == ["Model: by goal", "Model: by length"]
    assert any("Mollick" in n for n in names) and any("90-day" in n for n in names)
    assert list(fig.data[0].y) == [60, 40]


def test_red_hat_revenue_draws_a_lower_bound_only_when_the_data_has_one():
    red_hat = data.load("red_hat")
    fig = lesson_charts.red_hat_revenue(red_hat)
    assert not any("lower bound" in t.name for t in fig.data)       # every total is now as reported
    bounded = red_hat.assign(total_revenue_qualifier="more than")
    assert any("lower bound" in t.name for t in lesson_charts.red_hat_revenue(bounded).data)
    assert "Red Hat fiscal 2016 results press release" in source_line(fig)


def test_ebay_chart_derives_revenue_per_dollar_of_gmv():
    figures = data.load("marketplace_community")
    ebay = figures[(figures.organisation == "eBay") & figures.period.isin(["FY2011", "FY2012"])
                   & (figures.unit == "USD million")]
    gmv = ebay[ebay.metric.str.startswith("Marketplaces GMV")].set_index("period").value / 1000
    revenue = ebay[ebay.metric == "Marketplaces net revenue"].set_index("period").value / 1000
    fig = lesson_charts.ebay_gmv_and_revenue(ebay, gmv, revenue)
    assert list(fig.data[2].y) == pytest.approx(list(revenue / gmv * 100))
    assert source_line(fig)


@pytest.mark.parametrize("draw, name", [
    (lesson_charts.spotify_free_and_paying, "spotify"),
    (lesson_charts.spotify_users_and_revenue, "spotify"),
    (lesson_charts.wikipedia_growth, "wikipedia_articles"),
])
def test_one_dataset_charts_have_title_data_and_source(draw, name):
    table = data.load(name)
    fig = draw(table)
    assert fig.layout.title.text and all(len(t.y) for t in fig.data)
    assert source_line(fig).replace("<br>", " ") == f"Source: {data.sources_for(table)}"


def test_paying_customers_keeps_netflix_definitions_apart():
    netflix = data.load("netflix")
    fig = lesson_charts.paying_customers(data.load("dropbox"), netflix)
    labels = set(netflix.dropna(subset=["memberships_k"]).membership_label)
    assert {t.name for t in fig.data[1:]} == {f"Netflix: {label}" for label in labels}


# --- the cells a student reads show the data and the economics, not Plotly set-up ----------------
PLUMBING = ("make_subplots(", "go.Figure(", ".add_bar(", ".add_scatter(", ".update_layout(", ".update_xaxes(")


@pytest.mark.parametrize("path", sorted(LESSONS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_lesson_code_cells_leave_chart_plumbing_to_the_package(path):
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or source.startswith("# extra code"):
            continue
        found = [p for p in PLUMBING if p in source]
        assert not found, f"{path.name}: a code cell builds a chart by hand ({found}); use widgets.lesson_charts"


@pytest.mark.parametrize("stem", ["10_crowdfunding", "11_crowdsourcing_and_user_design"])
def test_heavier_maths_sits_in_a_marked_optional_part_at_the_end(stem):
    cells = json.loads((LESSONS / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    headings = [i for i, c in enumerate(cells) if "".join(c["source"]).startswith(
        "## Optional: the maths behind the model — skip in a 45-minute session")]
    assert len(headings) == 1
    exercise = max(i for i, c in enumerate(cells) if "## " in "".join(c["source"]) and "Exercise" in "".join(c["source"]))
    assert headings[0] > exercise, "the optional part comes after the lesson proper"
    before = "\n".join("".join(c["source"]) for c in cells[:headings[0]])
    assert "\\mu_{10}" not in before and "crowdfunding.APPEAL_SPREAD" not in before
