"""Corrected facts stay corrected: figures checked against primary sources, and the sentences built on them.

Each test names the source of the value it pins. The text checks read every lesson, solution and
exercise notebook, the README and the package, so a wrong figure or attribution cannot come back
in one place while it is fixed in another.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from widgets import data

from conftest import EXERCISES, LESSONS, ROOT, SOLUTIONS


def notebook_text(path: Path, kind: str | None = None) -> str:
    """All cell sources of a notebook (only Markdown cells if ``kind='markdown'``), joined."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if kind is None or c["cell_type"] == kind)


NOTEBOOKS = sorted([*LESSONS.glob("*.ipynb"), *SOLUTIONS.glob("*.ipynb"), *EXERCISES.glob("*.ipynb")])
PACKAGE = sorted((ROOT / "widgets").rglob("*.py"))


def everything() -> dict[str, str]:
    """Every text a learner or maintainer reads: notebooks, README, docs, package source, datasets."""
    texts = {str(p.relative_to(ROOT)): notebook_text(p) for p in NOTEBOOKS}
    for path in [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *PACKAGE, *(ROOT / "datasets").glob("*.csv")]:
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


def lesson(stem: str, kind: str | None = None) -> str:
    return notebook_text(LESSONS / f"{stem}.ipynb", kind)


def solution(stem: str, kind: str | None = None) -> str:
    return notebook_text(SOLUTIONS / f"{stem}.ipynb", kind)


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces collapsed, so a phrase split over lines still matches."""
    return re.sub(r"\s+", " ", text)


def nowhere(phrase: str) -> list[str]:
    """Files that still contain ``phrase`` (case-insensitive, across line breaks)."""
    return [name for name, text in everything().items() if phrase.lower() in flat(text).lower()]


# --- Red Hat: the releases of 28 Mar 2012, 22 Mar 2016 and 25 Mar 2019 ----------------------
@pytest.fixture(scope="module")
def red_hat():
    return data.load("red_hat").set_index("fiscal_year")


def test_red_hat_fy2012_subscriptions_are_the_releases_figure(red_hat):
    fy12 = red_hat.loc[2012]
    assert fy12.subscription_revenue_usd_m == 965.6          # not the secondary $952 M
    assert fy12.subscription_share == pytest.approx(0.8545, abs=1e-4)
    assert fy12.subscription_share == pytest.approx(965.6 / fy12.total_revenue_usd_m, abs=1e-4)


def test_red_hat_fy2016_is_known_not_a_lower_bound(red_hat):
    fy16 = red_hat.loc[2016]
    assert fy16.total_revenue_usd_m == 2050 and fy16.total_revenue_qualifier == "as reported"
    assert fy16.subscription_revenue_usd_m == 1800
    assert fy16.subscription_share == pytest.approx(1800 / 2050, abs=1e-4)


def test_red_hat_fy2019_fourth_quarter(red_hat):
    fy19 = red_hat.loc[2019]
    assert fy19.q4_total_revenue_usd_m == 879 and fy19.q4_subscription_revenue_usd_m == 774


def test_red_hat_corrected_rows_cite_the_primary_releases(red_hat):
    sources = data.load("sources").set_index("tag")
    for year in (2012, 2016, 2019):
        tag = red_hat.loc[year, "source"]
        assert sources.loc[tag, "kind"] == "primary", (year, tag)
    assert "28 March 2012" in sources.loc["RH-FY12", "citation"]
    assert "22 March 2016" in sources.loc["RH-FY16", "citation"]


def test_red_hat_share_range_matches_the_data(red_hat):
    shares = red_hat.subscription_share.dropna()
    low, high = round(shares.min() * 100), round(shares.max() * 100)
    assert (low, high) == (85, 90)
    assert nowhere("84–90") == [] and nowhere("84-90") == []
    for text in (lesson("12_open_source_and_open_business"), solution("12_open_source_and_open_business")):
        assert "85–90 %" in text
    q4 = red_hat.q4_subscription_share.dropna()
    assert f"Q4 shares ({round(q4.min() * 100)}–{round(q4.max() * 100)} %)" in lesson("12_open_source_and_open_business")


# --- Dropbox: one ARPU series, labelled (Q4 2018 and Q4 2019 releases) ----------------------
def test_dropbox_arpu_is_one_labelled_series():
    dropbox = data.load("dropbox").set_index("year")
    with_arpu = dropbox.dropna(subset=["arpu_usd"])
    assert set(with_arpu.arpu_basis) == {"Q4 annualised"}
    assert dropbox.loc[2018, "arpu_usd"] == 119.61 and dropbox.loc[2019, "arpu_usd"] == 125.00
    assert dropbox.loc[2017, "arpu_usd"] == 113.39                     # Q4 2017, not the full year
    assert dropbox.loc[2018, "arpu_full_year_usd"] == 117.64
    assert dropbox.loc[2017, "arpu_full_year_usd"] == 111.91
    field = {f["name"]: f for f in data.resource("dropbox")["schema"]["fields"]}["arpu_usd"]
    assert "fourth quarter" in field["description"].lower() and "annualised" in field["description"]


# --- Threadless weekly figures: a student's blog, not Harvard Business School ---------------
def test_threadless_weekly_source_is_a_students_blog():
    citation = data.load("sources").set_index("tag").loc["HBS-TL08", "citation"]
    assert "velohacker.com" in citation and "student" in citation and "9 March 2008" in citation
    notes = data.load("crowdsourcing_facts").query("source == 'HBS-TL08'").note
    assert notes.str.contains("velohacker").all()
    for phrase in ("HBS class blog", "class blog", "Harvard Business School class blog", "HBS blog"):
        assert nowhere(phrase) == [], phrase


def test_user_designed_examples_mark_the_courses_additions():
    row = data.load("patterns").query("number == 54").iloc[0]
    companies = row.example_companies.split(";")
    assert "Threadless" in companies
    assert "[course]" in row.note and "Threadless" in row.note.split("[course]")[1]


# --- lesson 10: Mollick's delivery rates; the span of Kickstarter's own figures -------------
def test_non_delivery_rate_is_mollick_2015():
    text = flat(lesson("10_crowdfunding"))
    assert "9–13" not in text
    assert "Mollick (2015)" in text and "2699251" in text and "5–14 %" in text and "3.6 %" in text


def test_no_success_rate_span_that_matches_no_source():
    text = flat(lesson("10_crowdfunding"))
    assert "Over five years" not in text
    table = data.load("kickstarter").dropna(subset=["success_rate_percent"])
    official = table[table.source != "Stocklytics"]
    first, last = int(official.year.min()), int(official.year.max())
    assert f"{first}–{last}" in text or f"{first} to {last}" in text


# --- lesson 11: Terwiesch & Xu, Boudreau et al. -----------------------------------------------
def test_contest_literature_is_stated_with_its_nuance():
    text = flat(lesson("11_crowdsourcing_and_user_design", "markdown"))
    assert "model exactly this" not in text and "the same trade-off" in text
    assert "on average" in text and "highly uncertain" in text


# --- lesson 12: no unsourced quotation; one money unit; an honest out-of-sample check --------
def test_no_unsourced_quotation():
    assert nowhere("Sijbrandij") == []
    assert nowhere("only worked for Red Hat") == []


def test_lesson_12_uses_one_money_unit_in_prose():
    text = lesson("12_open_source_and_open_business", "markdown")
    assert "¤ million" not in text


def test_out_of_sample_check_states_the_overshoot():
    text = flat(lesson("12_open_source_and_open_business", "markdown"))
    assert "1.80 B" in text and "overshoot" in text
    assert "passes two checks it was not fitted to" not in text


# --- lesson 13: Osterwalder's example; what the 11 cents contain ------------------------------
def test_ebay_feedback_is_co_creation():
    text = flat(lesson("13_co_creation_and_conversations", "markdown"))
    idea = text.split("## 1 · The idea", 1)[1].split("###", 1)[0]
    co_creation = idea.split("**Co-creation.**", 1)[1].split("**Marketing as conversations.**", 1)[0]
    conversations = idea.split("**Marketing as conversations.**", 1)[1].split("**Open innovation.**", 1)[0]
    assert "eBay" in co_creation and "feedback" in co_creation
    assert "eBay" not in conversations


def test_ebay_take_rate_says_it_includes_non_transaction_revenue():
    paragraphs = [p for p in lesson("13_co_creation_and_conversations", "markdown").split("\n\n") if "11 cents" in p]
    assert paragraphs
    for paragraph in paragraphs:
        assert "non-transaction" in paragraph, paragraph


# --- lesson 22 and the freemium formulas -------------------------------------------------------
def test_kumar_is_cited_for_the_range_not_the_algebra():
    text = flat(lesson("22_freemium_and_subscription"))
    assert "Break-even conversion** (Kumar" not in text
    assert "break-even conversion rate (Kumar" not in text
    assert "after Kumar (2014)" in text
    assert "Kumar's break-even" not in text
    model = (ROOT / "widgets" / "models" / "freemium.py").read_text(encoding="utf-8")
    assert "2014 (break-even conversion)" not in model and "# Kumar:" not in model
    assert "standard algebra" in model


@pytest.mark.parametrize("stem", sorted(p.stem for p in SOLUTIONS.glob("*.ipynb")))
def test_lessons_count_their_exercise_questions(stem):
    questions = solution(stem).count("# BEGIN QUESTION")
    words = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
    text = flat(lesson(stem)).lower()
    named = [n for n, w in words.items() if f"{w} questions with instant feedback" in text]
    assert named in ([], [questions]), f"lesson {stem} names {named} questions; the exercise has {questions}"


def test_lesson_22_model_uses_k_only_for_cost_to_serve():
    model = lesson("22_freemium_and_subscription", "markdown").split("## 3", 1)[1].split("## 4", 1)[0]
    assert not re.search(r"\$k\s*=|_k\b|_\{k", model), "k is the cost to serve; cohort age needs another letter"


# --- lesson 31: NVIDIA's FY2023 Data Center revenue is reported (release of 22 Feb 2023) -------
def test_nvidia_fy2023_data_center_revenue_is_the_releases_figure():
    nvidia = data.load("ai_revenue_and_compute").set_index(["company", "measure", "period"])
    fy23 = nvidia.loc[("NVIDIA", "Data Center revenue", "FY2023")]
    assert fy23.usd_bn == 15.01 and fy23.basis == "company-reported" and fy23.source == "NVDA-FY23"
    assert nvidia.loc[("NVIDIA", "Data Center revenue", "FY2024")].usd_bn == 47.5
    assert nowhere("47.5 bn ÷ 3.17") == [] and nowhere("FY2023 is derived") == []


# --- README and cross-references ---------------------------------------------------------------
def test_readme_lists_every_exercise():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in sorted(EXERCISES.glob("*.ipynb")):
        row = next(line for line in readme.splitlines() if line.startswith(f"| {path.name[:2]} |"))
        assert f"exercises/{path.name}" in row, row


@pytest.mark.parametrize("path", PACKAGE, ids=lambda p: str(p.relative_to(ROOT)))
def test_package_cites_only_lessons_that_exist(path):
    lessons = {p.name[:2] for p in LESSONS.glob("*.ipynb")}
    text = path.read_text(encoding="utf-8")
    for number in re.findall(r"\blessons? (\d\d)\b", text) + re.findall(r"lessons/(\d\d)_", text):
        assert number in lessons, f"{path.name} cites lesson {number}, which does not exist"


# --- lessons 32–33: TradeLens's carriers joined; Bitso's corridor; the threshold model is Granovetter's --
def test_tradelens_joins_and_the_rival_consortium_are_in_the_timeline():
    timeline = data.load("tradelens_timeline")
    joined = " ".join(timeline.event)
    for carrier in ("MSC", "CMA CGM", "Hapag-Lloyd", "ONE", "ZIM"):
        assert carrier in joined, carrier
    may = timeline[timeline.date == "2019-05-28"].iloc[0]
    july = timeline[timeline.date == "2019-07"].iloc[0]
    assert may.source == "TL-FW19" and july.source == "TL-SCD19" and "60 %" in july.event
    gsbn = " ".join(timeline[timeline.source.str.startswith("GSBN")].event)
    assert all(name in gsbn for name in ("COSCO", "Evergreen", "Yang Ming", "OOCL"))


@pytest.mark.parametrize("path", [LESSONS / "32_blockchain_and_trust.ipynb", SOLUTIONS / "32_blockchain_and_trust.ipynb",
                                  EXERCISES / "32_blockchain_and_trust.ipynb",
                                  LESSONS / "33_platform_ai_and_blockchain_together.ipynb"],
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_tradelens_is_not_told_as_rival_carriers_refusing(path):
    text = " ".join(notebook_text(path).split())
    assert "as rival carriers did with TradeLens" not in text
    assert "get rival carriers to join" not in text
    assert "Rivals who refuse a ledger run by a competitor (Maersk)" not in text
    if path.parent.name != "lessons" or path.stem.startswith("32"):
        assert "MSC" in text and "Hapag-Lloyd" in text and "GSBN" in text, path


def test_lesson_32_credits_the_threshold_model_to_granovetter_and_tokens_to_catalini_and_gans():
    text = " ".join(lesson("32_blockchain_and_trust", "markdown").split())
    assert "a threshold model of collective behaviour (Granovetter 1978)" in text
    assert "This is Catalini and Gans's cost of networking, made explicit" not in text
    assert "*lower* the cost of networking" in text and "lesson 30" in text and "token" in text


def test_lesson_32_names_a_ledger_that_carries_real_volume():
    bitso = data.load("stablecoin_remittances").set_index("period")
    assert bitso.loc["2024", "volume_usd_m"] == 6500 and bitso.loc["2020", "volume_usd_m"] == 1200
    assert bitso.loc["2024", "source"] == "BITSO-24" and bitso.note.str.startswith("[2nd]").all()
    text = " ".join(lesson("32_blockchain_and_trust", "markdown").split())
    assert "Bitso" in text and "USD 6.5 billion" in text


# --- lesson 23: Adobe's fiscal 2012 revenue (results release of 13 Dec 2012) and MoviePass ----------
def test_adobe_fy2012_revenue_is_the_releases_figure():
    adobe = data.load("adobe_transition").set_index("fiscal_year")
    fy12 = adobe.loc[2012]
    assert fy12.total_revenue_usd_m == 4403.7 and "ADBE-Q412" in fy12.source
    text = flat(lesson("23_cloud_subscription_and_pay_per_use", "markdown"))
    assert "USD 4.40 billion in fiscal 2012" in text
    assert nowhere("roughly USD 4.5 billion") == [] and nowhere("implied by Adobe's 15 % share") == []


def test_moviepass_figures_are_the_reported_ones():
    mp = data.load("moviepass").set_index(["period", "metric"]).value
    assert mp[("2017-08", "monthly fee")] == 9.95 and mp[("2018-03", "movies per subscriber")] == 2.23
    assert mp[("2018-Q3", "cost of revenue")] == 109.6 and mp[("2018-Q3", "subscription revenue")] == 78.9
    text = flat(lesson("23_cloud_subscription_and_pay_per_use", "markdown"))
    assert "cost of revenue (USD 109.6 million) was still larger than its subscription revenue (USD 78.9 million)" in text


def test_lesson_33_says_what_ebays_take_rate_and_the_remittance_cost_stand_for():
    text = " ".join(lesson("33_platform_ai_and_blockchain_together", "markdown").split())
    assert "eBay's marketplaces kept about 11 % of GMV" not in text
    assert "advertising" in text.split("11 %", 1)[1][:400]
    assert "illustrative proxy" in text
    assert "its own database" in text


# --- lesson 30 and lesson 20: Alibaba's GMV, the network-value citation, Groupon's peak, Uber China ----------
def test_alibaba_reported_gmv_for_fiscal_2022():
    """Alibaba's FY2022 results (BABA-FY22): a record RMB 8,317 billion of GMV, so it did not stop after FY2021."""
    rates = data.load("platform_take_rates").set_index(["company", "period"])
    row = rates.loc[("Alibaba", "FY2022 (to 31 March 2022)")]
    assert (row.gross_volume_m, row.currency, row.source) == (8317000, "CNY", "BABA-FY22")
    assert nowhere("stopped reporting GMV") == [] and nowhere("stopped reporting gmv at all") == []
    assert "RMB 8,317 billion in fiscal 2022" in flat(lesson("30_platforms_and_network_effects", "markdown"))


def test_metcalfes_law_is_wrong_is_cited_to_its_three_authors():
    """Briscoe, Odlyzko & Tilly, "Metcalfe's Law is Wrong", IEEE Spectrum 43(7), July 2006 — never two of them."""
    for text in (lesson("30_platforms_and_network_effects"), solution("30_platforms_and_network_effects")):
        named = re.findall(r"(\w+,?\s+)Odlyzko", flat(text))
        assert named and all(before.startswith("Briscoe") for before in named), named
    assert "Briscoe, B., Odlyzko, A. & Tilly, B. (2006), *Metcalfe's Law is Wrong*, IEEE Spectrum 43(7)" in flat(
        lesson("30_platforms_and_network_effects", "markdown"))


def test_groupon_billings_peaked_in_2014():
    """Groupon's FY2014 release (GRPN14-PR): USD 7.6 billion of gross billings, more than 2011 or 2012."""
    groupon = data.load("groupon").set_index("year")
    assert (groupon.loc[2014, "gross_billings_usd_m"], groupon.loc[2014, "source"]) == (7600, "GRPN14-PR")
    assert groupon.gross_billings_usd_m.idxmax() == 2014
    text = flat(lesson("20_leverage_customer_data", "markdown"))
    assert "peaked at USD 7.6 billion in 2014" in text and "reached USD 5.4 billion in 2012 (up" not in text


def test_uber_china_figures_are_the_reported_ones():
    """Kalanick, February 2016 (UBER-CN16): 'losing over $1 billion a year in China'; the sale to Didi (DIDI-UBER16)."""
    cases = data.load("platform_launch_cases")
    loss = cases[cases.measure == "loss in China a year"].iloc[0]
    assert (loss.value, loss.unit, loss.qualifier, loss.source) == (1000, "USD million", "more than", "UBER-CN16")
    text = flat(lesson("30_platforms_and_network_effects", "markdown"))
    assert "In August 2016 Uber sold Uber China to Didi for a stake of about 20 %" in text


def test_crowdfunding_cases_are_the_reported_ones():
    """Pebble Time closed at USD 20,336,930 (PEB-SR15); the Coolest Cooler raised more than USD 13.2 million from
    62,642 backers (COOL-HH15, COOL-TR15) and about 20,000 never received one (COOL-TS19)."""
    cases = data.load("crowdfunding_cases").set_index(["project", "measure"])
    assert cases.loc[("Pebble Time", "pledged"), "value"] == 20_336_930
    assert (cases.loc[("Coolest Cooler", "pledged"), ["value", "qualifier"]].tolist() == [13.2, "more than"])
    assert cases.loc[("Coolest Cooler", "backers"), "value"] == 62_642
    assert cases.loc[("Coolest Cooler", "backers who never received a cooler"), "value"] == 20_000
    text = flat(lesson("10_crowdfunding", "markdown"))
    assert "raised more than USD 13.2 million from 62,642 backers in 2014" in text


def test_quirky_is_the_reported_failure_of_user_design():
    """Quirky raised about USD 185 million and filed for bankruptcy in September 2015 (QUIRKY-NYT15)."""
    facts = data.load("crowdsourcing_facts").query("platform == 'Quirky'").set_index("metric")
    assert facts.loc["venture funding raised since 2009", ["value", "unit"]].tolist() == [185, "USD million"]
    text = flat(lesson("11_crowdsourcing_and_user_design", "markdown"))
    assert "raised about USD 185 million" in text and "filed for bankruptcy in September 2015" in text


def test_docker_is_the_reported_open_source_case_that_did_not_pay():
    """Docker sold Docker Enterprise to Mirantis on 13 November 2019 (DOCKER-TNS19): about 750 customers, ~90 %."""
    cases = data.load("open_source_cases").set_index("measure")
    assert cases.loc["enterprise customers transferred", "value"] == 750
    assert cases.loc["share of Docker's business sold (buyer's estimate)", "value"] == 90
    text = flat(lesson("12_open_source_and_open_business", "markdown"))
    assert "sold its enterprise business" in text and "about 750 enterprise customers" in text


def test_fashion_nova_is_the_reported_case_of_a_conversation_edited_by_the_firm():
    """FTC settlement of USD 4.2 million for suppressing reviews below four stars (FN-FTC22)."""
    row = data.load("marketplace_community").query("organisation == 'Fashion Nova'").iloc[0]
    assert (row.value, row.unit, row.source) == (4.2, "USD million", "FN-FTC22")
    text = flat(lesson("13_co_creation_and_conversations", "markdown"))
    assert "paid USD 4.2 million to settle the FTC's first case" in text


def test_lesson_01_quotes_moviepass_as_the_dataset_has_it():
    """The failure beside Netflix and Spotify: MoviePass's Q3 2018 cost of revenue and revenue (HMNY-Q318)."""
    mp = data.load("moviepass").set_index(["period", "metric"]).value
    cost, revenue = mp[("2018-Q3", "cost of revenue")], mp[("2018-Q3", "revenue")]
    text = flat(lesson("01_what_is_a_business_model", "markdown"))
    assert f"USD {cost} million of cost of revenue against USD {revenue} million of revenue" in text


# --- Franchising (lesson 40): McDonald's 10-K 2024, Yum! Brands 2024, Quiznos's filing of 14 Mar 2014 ------------
def test_mcdonalds_2024_franchise_figures_from_its_10k():
    rows = data.load("franchising")
    mcd = rows[(rows.company == "McDonald's") & (rows.period.astype(str) == "2024")].set_index("metric").value
    assert (mcd["restaurants"], mcd["franchised restaurants"], mcd["company-operated restaurants"]) == (43477, 41432, 2045)
    assert mcd["rents from franchised restaurants"] + mcd["royalties"] + 92 == mcd["revenues from franchised restaurants"]
    assert mcd["franchised sales"] == 120933 and mcd["restaurants opened"] == 2116
    text = flat(lesson("40_franchising", "markdown"))
    assert "41,432 of its 43,477 restaurants (95 %)" in text
    assert "<span>&#36;</span>120.9 billion" in text and "<span>&#36;</span>15.7 billion" in text


def test_quiznos_bankruptcy_as_reported():
    rows = data.load("franchising")
    qz = rows[rows.company == "Quiznos"].set_index("metric").value
    assert qz["restaurants at the bankruptcy filing"] == 2100 and qz["royalty"] == 7
    assert "14 March 2014 with nearly 2,100 restaurants left" in flat(lesson("40_franchising", "markdown"))
