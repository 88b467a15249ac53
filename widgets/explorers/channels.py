"""Channels explorer: sell through partners or direct, to consumers or to businesses, and see who earns what."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import channels
from .ad_supported import _update as send_if_changed   # sends a trace only when its data changed
from .base import Explorer, figure

# Figures from datasets/channel_mix.csv (fiscal years as each company reports them).
NIKE_FY2023 = dict(wholesale=27397.0, direct=21308.0, gross_margin=0.435)     # USD M; NKE23-R40, NKE23-10K
CASPER_2020 = dict(direct=351.5, retail=133.6, gross_margin=0.511)            # USD M, North America; CSPR-20PR
CASPER_9M2019 = dict(sales_and_marketing=114.0, revenue=312.0)                # USD M; CSPR-S1 [2nd copy]
ZOOM_FY2024 = dict(enterprise_revenue=2619.3, enterprise_customers=220.4,     # USD M, thousand; ZM-RPT [2nd]
                   online_monthly_churn=0.03)


def _solve(f, low: float, high: float) -> float:
    """The root of an increasing or decreasing ``f`` between ``low`` and ``high`` (bisection)."""
    rising = f(high) > f(low)
    for _ in range(80):
        mid = (low + high) / 2
        if (f(mid) < 0) == rising:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def _step(name: str, value: float) -> float:
    """A value rounded to its control's step, as a preset must be."""
    step = channels.PARAMETERS[name].step
    return round(round(value / step) * step, 6)


def direct_revenue_share(share: float, v: dict) -> float:
    """Direct ÷ all revenue at full reach: φ(σ − δσ²/2) ÷ [φ(σ − δσ²/2) + (1 − σ)(1 − w)]."""
    direct = float(channels.followers(share, v["follow"], v["loyalty_falloff"]))
    return direct / (direct + (1 - share) * (1 - v["partner_margin"]))


def share_for(revenue_share: float, v: dict) -> float:
    """The share of customers moved direct that gives the reported direct share of revenue."""
    return _step("direct_share", _solve(lambda s: direct_revenue_share(s, v) - revenue_share, 1e-6, 1 - 1e-9))


def margin_for(reported: float, v: dict) -> float:
    """Gross margin at list price that gives the reported (blended) gross margin at full reach.

    Partners pay (1 − w) of the list price; a direct sale brings the whole list price; a unit costs
    (1 − g) of the list price either way (the cost to serve direct sits below gross profit)."""
    share, partner_margin = v["direct_share"], v["partner_margin"]
    direct, partner = float(channels.followers(share, v["follow"], v["loyalty_falloff"])), 1 - share
    return _step("gross_margin", (reported * (partner * (1 - partner_margin) + direct) + partner * partner_margin)
                 / (partner + direct))


def blended_gross_margin(v: dict) -> float:
    """The gross margin on all revenue at full reach, as a company reports it (cost to serve below gross profit)."""
    share, w = v["direct_share"], v["partner_margin"]
    direct, partner = float(channels.followers(share, v["follow"], v["loyalty_falloff"])), 1 - share
    revenue = partner * (1 - w) + direct
    return 1 - (partner + direct) * (1 - v["gross_margin"]) / revenue


def _pct(x: float, digits: int = 0) -> str:
    """A share as the lessons write it: '43.6 %'."""
    return f"{x * 100:.{digits}f} %"


def revenue_per_customer(values: dict) -> float:
    """Revenue per customer in the market at full reach, ¤ a year."""
    s, w = values["direct_share"], values["partner_margin"]
    return values["spend"] * (float(channels.followers(s, values["follow"], values["loyalty_falloff"])) + (1 - s) * (1 - w))


NIKE = dict(spend=150.0, partner_margin=0.45, serve_cost=0.20, acquisition_cost=40.0, retention=0.6,
            contract_years=1, sales_cycle=0, follow=0.8, loyalty_falloff=0.7, build_years=5.0, discount_rate=0.08)
NIKE["direct_share"] = share_for(NIKE_FY2023["direct"] / (NIKE_FY2023["direct"] + NIKE_FY2023["wholesale"]), NIKE)
NIKE["gross_margin"] = margin_for(NIKE_FY2023["gross_margin"], NIKE)
NIKE["customers"] = round((NIKE_FY2023["direct"] + NIKE_FY2023["wholesale"]) * 1e3 / revenue_per_customer(NIKE))

CASPER = dict(spend=600.0, partner_margin=0.40, serve_cost=0.10, retention=0.15, contract_years=1, sales_cycle=0,
              follow=0.8, loyalty_falloff=0.5, build_years=3.0, discount_rate=0.10)
CASPER["direct_share"] = share_for(CASPER_2020["direct"] / (CASPER_2020["direct"] + CASPER_2020["retail"]), CASPER)
CASPER["gross_margin"] = margin_for(CASPER_2020["gross_margin"], CASPER)
# Winning the customers who replace those who leave costs what sales and marketing cost (share of revenue).
_CASPER_DIRECT = float(channels.followers(CASPER["direct_share"], CASPER["follow"], CASPER["loyalty_falloff"]))
CASPER["acquisition_cost"] = _step(
    "acquisition_cost", CASPER_9M2019["sales_and_marketing"] / CASPER_9M2019["revenue"] * revenue_per_customer(CASPER)
    / (_CASPER_DIRECT * (1 - CASPER["retention"])))
CASPER["customers"] = round((CASPER_2020["direct"] + CASPER_2020["retail"]) * 1e3 / revenue_per_customer(CASPER))

ZOOM_ENTERPRISE = dict(customers=round(ZOOM_FY2024["enterprise_customers"]),
                       spend=_step("spend", ZOOM_FY2024["enterprise_revenue"] / ZOOM_FY2024["enterprise_customers"] * 1e3),
                       gross_margin=0.75, partner_margin=0.30, serve_cost=0.05, acquisition_cost=12000.0,
                       retention=0.9, contract_years=2, sales_cycle=6, direct_share=0.5, follow=0.95,
                       loyalty_falloff=0.5, build_years=2.0, discount_rate=0.08)
# A constant monthly churn c is (1 − r) / 12 with one-year terms: r = 1 − 12 c.
ZOOM_ONLINE = dict(customers=9500, spend=200.0, gross_margin=0.75, partner_margin=0.30, serve_cost=0.05,
                   acquisition_cost=60.0, retention=_step("retention", 1 - 12 * ZOOM_FY2024["online_monthly_churn"]),
                   contract_years=1, sales_cycle=0, direct_share=0.9, follow=1.0, loyalty_falloff=0.1,
                   build_years=1.0, discount_rate=0.08)

PRESETS = Presets(
    Preset(
        "Nike at its direct peak (FY2023)",
        NIKE,
        f"Data (FY2023, year to 31 May 2023, 10-K): NIKE Direct USD 21,308 M and wholesale USD 27,397 M, so 43.7 % of "
        f"the two is direct; gross margin 43.5 %. Set from them: customers moved direct "
        f"{_pct(NIKE['direct_share'])} (the model's direct share of revenue at full reach is "
        f"{_pct(direct_revenue_share(NIKE['direct_share'], NIKE), 1)}, as close as the 1 % step allows), gross margin "
        f"at list price {_pct(NIKE['gross_margin'], 1)} (the model's blended gross margin is "
        f"{_pct(blended_gross_margin(NIKE), 1)}, the nearest the 0.5 % step allows), and "
        f"{NIKE['customers'] / 1000:,.0f} million customers so that revenue at full reach is USD 48.7 bn. "
        "Illustrative: spend per customer, the partners' 45 % margin, the 20 % cost to serve direct, the USD 40 to "
        "win a customer, renewal (60 %), who follows (80 % of the first customers pulled, falling by 70 %) and the "
        "five years to build the reach (FY2017–FY2022).",
        currency="$", sources=("NKE23-R40", "NKE23-10K"),
    ),
    Preset(
        "Casper, a direct-to-consumer start-up (2020)",
        CASPER,
        f"Data: North America 2020 (press release of the 10-K figures), direct USD 351.5 M and retail partners USD "
        f"133.6 M, so 72.5 % direct; gross margin 51.1 %; sales and marketing USD 114 M of USD 312 M revenue in the "
        f"first nine months of 2019 (S-1, read in a press copy: 36.5 %). Set from them: customers moved direct "
        f"{_pct(CASPER['direct_share'])}, gross margin at list price {_pct(CASPER['gross_margin'], 1)}, the cost to win a "
        f"customer USD {CASPER['acquisition_cost']:,.0f} (replacing the customers who leave costs 36.5 % of revenue "
        f"at full reach) and {CASPER['customers']:,} thousand customers (revenue USD 485 M). Illustrative: USD 600 "
        "spent a year, few repeat purchases (15 %), the retailers' 40 % margin, the 10 % cost to serve, the share "
        "who follow and the build.",
        currency="$", sources=("CSPR-20PR", "CSPR-S1"),
    ),
    Preset(
        "Zoom Enterprise: selling to businesses (FY2024)",
        ZOOM_ENTERPRISE,
        "Data (year to 31 January 2024, press summaries of Zoom's release): Enterprise revenue USD 2,619.3 M from "
        "about 220,400 Enterprise customers, so USD 11,884 a customer a year. Illustrative: the 75 % gross margin, "
        "resellers' 30 % margin, the USD 12,000 sales cost of an account, six months of sales cycle, two-year "
        "contracts renewed at 90 %, and half the accounts served by Zoom's own sales force.",
        currency="$", sources=("ZM-RPT",),
    ),
    Preset(
        "Zoom Online: self-serve customers (FY2024)",
        ZOOM_ONLINE,
        "Data (year to 31 January 2024, press summaries of Zoom's release): Online average monthly churn 3.0 %, "
        "so renewal 64 % (a monthly churn of (1 − r) / 12 with one-year terms). Illustrative: USD 200 a year per "
        "customer, the margins, the USD 60 to win a customer on line, and the 9.5 million customers (about USD "
        "1.9 bn of Online revenue).",
        currency="$", sources=("ZM-RPT",),
    ),
)


def make_figures() -> list[go.FigureWidget]:
    """Customers by channel; the gain over partners-only; the gain at every direct share; one customer's cash."""
    months = list(range(1, channels.MONTHS + 1))
    customers = figure("Customers by channel", xaxis_title="Month", yaxis_title="Customers (millions)")
    for name, colour in (("Through partners", "blue"), ("Direct", "orange"), ("Lost to rivals", "vermillion")):
        customers.add_scatter(x=months, name=name, stackgroup="customers", line=dict(color=theme.PALETTE[colour]),
                              hovertemplate="%{y:,.2f} M")
    gain = figure("Cumulative gain over partners only", xaxis_title="Month",
                  yaxis_title="¤ millions, discounted")
    gain.add_scatter(x=months, name="Cumulative gain", line=dict(color=theme.PALETTE["green"]),
                     hovertemplate="¤%{y:,.1f} M")
    shares = [100 * s for s in channels.SHARES]
    curve = figure("Gain a year over partners only, by share", xaxis_title="Customers moved direct (%)",
                   yaxis_title="¤ millions a year")
    curve.add_scatter(x=shares, name="Gain a year", line=dict(color=theme.PALETTE["blue"]),
                      hovertemplate="%{x:.0f} %: ¤%{y:,.1f} M")
    curve.add_scatter(x=[0], y=[0], name="Chosen share", mode="markers", meta="no-pin",
                      marker=dict(color=theme.PALETTE["orange"], size=11), hovertemplate="%{x:.0f} %: ¤%{y:,.1f} M")
    curve.add_scatter(x=[0], y=[0], name="Best share", mode="markers", meta="no-pin",
                      marker=dict(color=theme.PALETTE["green"], size=11, symbol="diamond"),
                      hovertemplate="%{x:.0f} %: ¤%{y:,.1f} M")
    cash = figure("One customer's cumulative cash", xaxis_title="Months from the first spend to win them",
                  yaxis_title="¤ per customer")
    ages = list(channels.CUSTOMER_MONTHS)
    cash.add_scatter(x=ages, name="Direct (after winning them)", line=dict(color=theme.PALETTE["orange"]),
                     hovertemplate="month %{x}: ¤%{y:,.0f}")
    cash.add_scatter(x=ages, name="Through a partner", line=dict(color=theme.PALETTE["blue"], dash="dot"),
                     hovertemplate="month %{x}: ¤%{y:,.0f}")
    return [customers, gain, curve, cash]


def draw(figures: list[go.FigureWidget], result: channels.ChannelsResult) -> None:
    """Customers in millions (the model's thousands ÷ 1000) and money in millions (¤ thousand ÷ 1000)."""
    m = result.monthly
    customers, gain, curve, cash = figures
    send_if_changed(customers.data[0], m["partner_customers"].to_numpy() / 1000)
    send_if_changed(customers.data[1], m["direct_customers"].to_numpy() / 1000)
    send_if_changed(customers.data[2], m["lost_customers"].to_numpy() / 1000)
    send_if_changed(gain.data[0], m["cumulative_gain"].to_numpy() / 1000)
    send_if_changed(curve.data[0], result.gain_curve / 1000)
    curve.data[1].x, curve.data[1].y = [100 * result.chosen_share], [result.gain_per_year / 1000]
    curve.data[2].x, curve.data[2].y = [100 * result.best_share], [result.best_gain_per_year / 1000]
    send_if_changed(cash.data[0], result.direct_customer_cash)
    send_if_changed(cash.data[1], result.partner_customer_cash)


class ChannelsExplorer(Explorer):
    """Direct or through partners, consumers or businesses: Nike, Casper, Zoom Enterprise and Zoom Online."""

    model = channels.simulate
    presets = PRESETS
    title = "Channels explorer: does selling direct pay, and what changes when the customer is a business?"
    make_figures = make_figures
    draw = draw
    takeaway = channels.takeaway
