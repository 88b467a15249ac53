"""The lessons' static charts of company data and model sweeps: one function per chart, named for what it draws.

A lesson cell shows the data and the economics, e.g.
``lesson_charts.kickstarter_track_record(data.load("kickstarter"))``; the Plotly set-up (traces,
axes, colours, hover text, the source line under the chart) lives here. Every function returns a
``plotly.graph_objects.Figure`` in the course's look, which the notebook displays.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import data, theme

# Points from the literature drawn next to the crowdfunding model (see lesson 10, section 5).
MOLLICK_DRAFT_DAYS, MOLLICK_DRAFT_SUCCESS = (30, 60), (35, 29)   # Mollick 2012 draft: % reaching the goal
KICKSTARTER_90_DAY_SUCCESS = 24                                   # Kickstarter blog, 2011: 90-day projects, %


def _side_by_side(spacing: float = 0.12, y_titles: Sequence[str] = ("", "")) -> go.Figure:
    """Two charts side by side; each says what it shows on its y axis (subplot titles would sit
    in the legend's band above the charts)."""
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=spacing)
    for col, title in enumerate(y_titles, start=1):
        fig.update_yaxes(title_text=title, row=1, col=col)
    return fig


# --- lesson 01 --------------------------------------------------------------------------------
def spotify_free_and_paying(spotify: pd.DataFrame) -> go.Figure:
    """Spotify's ad-supported users and Premium subscribers at the end of each year (lesson 01)."""
    fig = go.Figure()
    fig.add_scatter(x=spotify.year, y=spotify.premium_subscribers_m, name="Premium subscribers",
                    mode="lines+markers", line_color=theme.PALETTE["blue"],
                    hovertemplate="%{y} million Premium subscribers<extra></extra>")
    fig.add_scatter(x=spotify.year, y=spotify.ad_supported_mau_m, name="Ad-supported monthly users",
                    mode="lines+markers", line_color=theme.PALETTE["orange"],
                    hovertemplate="%{y} million ad-supported users<extra></extra>")
    fig.update_layout(title="Spotify: free listeners and paying subscribers at the end of each year",
                      yaxis_title="Users (millions)", xaxis_title="Year (Q4)", height=500, hovermode="x unified")
    fig.update_xaxes(dtick=1)
    return theme.add_source(fig, data.sources_for(spotify))


# --- lesson 10: crowdfunding -------------------------------------------------------------------
def kickstarter_track_record(kickstarter: pd.DataFrame) -> go.Figure:
    """Kickstarter's cumulative success rate and the money pledged each year (lesson 10)."""
    cumulative = kickstarter[kickstarter.period == "cumulative"].dropna(subset=["success_rate_percent"])
    yearly = kickstarter[kickstarter.period == "year"]
    fig = _side_by_side()
    fig.add_bar(x=cumulative.as_of, y=cumulative.success_rate_percent, name="Success rate, cumulative",
                marker_color=theme.PALETTE["blue"], text=cumulative.success_rate_percent.map("{:g} %".format),
                textposition="outside", hovertemplate="%{x}: %{y} %<extra></extra>", row=1, col=1)
    for column, name, colour in (("pledged_usd", "Pledged, all projects", "sky"),
                                 ("pledged_to_successful_usd", "Pledged to successful projects", "blue")):
        fig.add_bar(x=yearly.as_of, y=yearly[column] / 1e6, name=name, marker_color=theme.PALETTE[colour],
                    hovertemplate="%{x}: $%{y:,.0f} M<extra></extra>", row=1, col=2)
    fig.update_yaxes(title_text="Success rate since launch (%)", range=[0, 60], row=1, col=1)
    fig.update_yaxes(title_text="Pledged in the year (USD millions)", row=1, col=2)
    fig.update_xaxes(title_text="As of (year-month)", type="category", row=1, col=1)
    fig.update_xaxes(title_text="Calendar year", type="category", row=1, col=2)
    fig.update_layout(title="Kickstarter: fewer than half of projects reach their goal", barmode="group",
                      height=460, hovermode="closest")
    return theme.add_source(fig, "Kickstarter blog (2011, 2013); Kickstarter year in review via GigaOM, Digital Trends "
                                 "and TechCrunch; Stocklytics via geek-room (2024, secondary). Pledged is not "
                                 "collected. Full citations: datasets/sources.csv")


def success_by_goal_and_length(goals: Sequence[float], by_goal: Sequence[float],
                               durations: Sequence[int], by_duration: Sequence[float]) -> go.Figure:
    """The model's chance of success as the goal or the campaign length changes, next to published rates (lesson 10)."""
    fig = _side_by_side()
    fig.add_scatter(x=list(goals), y=list(by_goal), mode="lines+markers", name="Model: by goal",
                    hovertemplate="$%{x:,}: %{y:.0f} %<extra></extra>", row=1, col=1)
    fig.add_scatter(x=list(durations), y=list(by_duration), mode="lines+markers", name="Model: by length",
                    hovertemplate="%{x} days: %{y:.0f} %<extra></extra>", row=1, col=2)
    fig.add_scatter(x=list(MOLLICK_DRAFT_DAYS), y=list(MOLLICK_DRAFT_SUCCESS), mode="markers",
                    name="Mollick 2012 draft (30 vs 60 days)",
                    marker=dict(symbol="diamond", size=11, color=theme.PALETTE["vermillion"]), row=1, col=2)
    fig.add_scatter(x=[90], y=[KICKSTARTER_90_DAY_SUCCESS], mode="markers", name="Kickstarter 2011: 90-day projects",
                    marker=dict(symbol="square", size=10, color=theme.PALETTE["orange"]), row=1, col=2)
    fig.update_xaxes(title_text="Funding goal ($, log scale)", type="log", tickvals=list(goals), row=1, col=1)
    fig.update_xaxes(title_text="Campaign length (days)", row=1, col=2)
    fig.update_yaxes(title_text="Campaigns reaching the goal (%)", rangemode="tozero")
    fig.update_layout(title="Chance of success in the model (typical project, one input changed)", height=450,
                      hovermode="closest")
    return theme.add_source(fig, "Model: widgets.models.crowdfunding, typical preset. Points: Mollick (2012 draft "
                                 "of Mollick 2014); Kickstarter blog, 2011.")


# --- lesson 11: crowdsourcing --------------------------------------------------------------------
def wikipedia_growth(wiki: pd.DataFrame) -> go.Figure:
    """English Wikipedia's article count at each million-article milestone (lesson 11)."""
    fig = go.Figure(layout=dict(title="English Wikipedia: articles written by an unpaid crowd",
                                xaxis_title="Date", yaxis_title="Articles (millions)", height=420))
    fig.add_scatter(x=wiki.date, y=wiki.articles / 1e6, mode="lines+markers", name="Articles",
                    line_color=theme.PALETTE["blue"], hovertemplate="%{x|%d %b %Y}: %{y:.0f} million<extra></extra>")
    fig.update_yaxes(rangemode="tozero")
    return theme.add_source(fig, data.sources_for(wiki))


def innocentive_winners(winners: pd.DataFrame) -> go.Figure:
    """Winning solvers InnoCentive listed each year (lesson 11)."""
    fig = go.Figure(layout=dict(title="InnoCentive: winning solvers listed per year",
                                xaxis_title="Year", yaxis_title="Winning solvers", height=420))
    fig.add_bar(x=winners.year, y=winners.value, marker_color=theme.PALETTE["green"],
                hovertemplate="%{x}: %{y} winners<extra></extra>")
    return theme.add_source(fig, data.sources_for(winners))


# --- lesson 12: open source -----------------------------------------------------------------------
def red_hat_revenue(red_hat: pd.DataFrame) -> go.Figure:
    """Red Hat's total and subscription revenue by fiscal year, and the subscription share (lesson 12)."""
    reported = red_hat[red_hat.total_revenue_qualifier == "as reported"]
    bound = red_hat[red_hat.total_revenue_qualifier == "more than"]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=reported.fiscal_year, y=reported.total_revenue_usd_m, name="Total revenue",
                marker_color=theme.PALETTE["sky"], hovertemplate="FY%{x}: $%{y:,.1f} M")
    if len(bound):   # a year known only as "more than": drawn hatched, as a lower bound
        fig.add_bar(x=bound.fiscal_year, y=bound.total_revenue_usd_m, name="Total revenue: more than (lower bound)",
                    marker=dict(color="white", line=dict(color=theme.PALETTE["sky"], width=2), pattern_shape="/"),
                    hovertemplate="FY%{x}: more than $%{y:,.0f} M")
    fig.add_bar(x=red_hat.fiscal_year, y=red_hat.subscription_revenue_usd_m, name="Subscription revenue",
                marker_color=theme.PALETTE["blue"], hovertemplate="FY%{x}: $%{y:,.1f} M")
    fig.add_scatter(x=red_hat.fiscal_year, y=red_hat.subscription_share * 100, mode="markers",
                    name="Subscription share, full year [derived]", secondary_y=True,
                    marker=dict(color=theme.PALETTE["vermillion"], size=11), hovertemplate="FY%{x}: %{y:.1f} %")
    fig.add_scatter(x=red_hat.fiscal_year, y=red_hat.q4_subscription_share * 100, mode="markers",
                    name="Subscription share, Q4 only", secondary_y=True,
                    marker=dict(color=theme.PALETTE["orange"], size=11, symbol="diamond-open", line=dict(width=2)),
                    hovertemplate="FY%{x} Q4: %{y:.1f} %")
    fig.update_layout(title="Red Hat: revenue and the share that comes from subscriptions", barmode="group",
                      height=460, hovermode="closest")
    fig.update_xaxes(title_text="Fiscal year (ends in February)", dtick=1)
    fig.update_yaxes(title_text="USD millions", secondary_y=False)
    fig.update_yaxes(title_text="Subscriptions, % of revenue", range=[0, 100], tickmode="linear", dtick=25,
                     secondary_y=True, showgrid=False)
    return theme.add_source(fig, data.sources_for(red_hat))


# --- lesson 13: co-creation and conversations -------------------------------------------------
def ebay_gmv_and_revenue(ebay: pd.DataFrame, gmv: pd.Series, revenue: pd.Series) -> go.Figure:
    """eBay Marketplaces' GMV and revenue (USD billions) and revenue per dollar of GMV (lesson 13)."""
    take_rate = revenue / gmv
    fig = _side_by_side(0.14, ("GMV and revenue (USD billions)", "Revenue ÷ GMV (%)"))
    fig.add_bar(x=gmv.index, y=gmv, name="GMV (excluding vehicles)", marker_color=theme.PALETTE["blue"],
                hovertemplate="$%{y:.1f} B", row=1, col=1)
    fig.add_bar(x=revenue.index, y=revenue, name="Marketplaces net revenue", marker_color=theme.PALETTE["orange"],
                hovertemplate="$%{y:.2f} B", row=1, col=1)
    fig.add_scatter(x=take_rate.index, y=take_rate * 100, mode="lines+markers+text", name="Revenue ÷ GMV (derived)",
                    text=[f"{v:.1%}" for v in take_rate], textposition="top center",
                    line_color=theme.PALETTE["vermillion"], hovertemplate="%{y:.1f} %", row=1, col=2)
    fig.update_yaxes(range=[0, 15], row=1, col=2)
    fig.update_xaxes(title_text="Fiscal year")
    fig.update_layout(title="eBay Marketplaces: trade between strangers, 2011–2012", height=430, hovermode="closest")
    return theme.add_source(fig, data.sources_for(ebay))


# --- lesson 22: freemium and subscription -----------------------------------------------------
def spotify_users_and_revenue(spotify: pd.DataFrame) -> go.Figure:
    """Spotify's Premium and ad-supported users, and the Q4 revenue of each tier (lesson 22)."""
    users = spotify.dropna(subset=["premium_subscribers_m", "ad_supported_mau_m"])
    revenue = spotify.dropna(subset=["q4_premium_revenue_eur_m"])
    fig = _side_by_side(y_titles=("Users at Q4 (millions)", "Q4 revenue (EUR M)"))
    fig.add_bar(x=users.year, y=users.premium_subscribers_m, name="Premium subscribers",
                marker_color=theme.PALETTE["blue"], row=1, col=1)
    fig.add_bar(x=users.year, y=users.ad_supported_mau_m, name="Ad-supported users",
                marker_color=theme.PALETTE["sky"], row=1, col=1)
    fig.add_bar(x=revenue.year, y=revenue.q4_premium_revenue_eur_m, name="Premium revenue",
                marker_color=theme.PALETTE["blue"], showlegend=False, row=1, col=2)
    fig.add_bar(x=revenue.year, y=revenue.q4_ad_revenue_eur_m, name="Ad-supported revenue",
                marker_color=theme.PALETTE["orange"], row=1, col=2)
    fig.update_layout(title="Spotify: users who pay, and where the money comes from", barmode="group",
                      height=430, hovermode="closest")
    fig.update_xaxes(title_text="Year (Q4)", dtick=1)
    return theme.add_source(fig, data.sources_for(spotify))


def paying_customers(dropbox: pd.DataFrame, netflix: pd.DataFrame) -> go.Figure:
    """Dropbox's paying users (freemium) next to Netflix's memberships (pay-only), by year (lesson 22)."""
    fig = _side_by_side(y_titles=("Paying users (millions)", "Memberships (millions)"))
    fig.add_scatter(x=dropbox.year, y=dropbox.paying_users_m, name="Dropbox paying users",
                    mode="lines+markers", line_color=theme.PALETTE["blue"], row=1, col=1)
    for label, part in netflix.dropna(subset=["memberships_k"]).groupby("membership_label"):
        fig.add_scatter(x=part.year, y=part.memberships_k / 1000, name=f"Netflix: {label}",
                        mode="lines+markers", row=1, col=2)
    fig.update_layout(title="Paying customers: Dropbox (freemium) and Netflix (pay-only)", height=460)
    fig.update_xaxes(title_text="Year", dtick=2)
    return theme.add_source(fig, data.sources_for(dropbox) + "; " + data.sources_for(netflix))


# --- lesson 20: leverage customer data ----------------------------------------------------------
def amazon_ads_and_marketplace(amazon: pd.DataFrame, third_party: pd.DataFrame) -> go.Figure:
    """Amazon's advertising and seller-services revenue, and the share sold by third-party sellers (lesson 20)."""
    fig = _side_by_side(0.13)
    for column, name, colour in (("advertising_usd_m", "Advertising services", "vermillion"),
                                 ("third_party_seller_services_usd_m", "Third-party seller services (fees)", "sky")):
        rows = amazon.dropna(subset=[column])
        fig.add_bar(x=rows.year, y=rows[column] / 1000, name=name, marker_color=theme.PALETTE[colour],
                    hovertemplate="%{x}: $%{y:,.1f} B<extra></extra>", row=1, col=1)
    for basis, colour, mode in (("physical gross merchandise sales", "blue", "lines+markers"),
                                ("paid units", "orange", "markers")):
        rows = third_party[third_party.basis == basis]
        fig.add_scatter(x=rows.year, y=rows.share_percent, mode=mode, name=f"Third-party share of {basis}",
                        line_color=theme.PALETTE[colour], marker=dict(size=8),
                        hovertemplate="%{x}: %{y} %<extra></extra>", row=1, col=2)
    fig.update_yaxes(title_text="Net sales, USD billions", row=1, col=1)
    fig.update_yaxes(title_text="Sold by third parties (%)", range=[0, 70], row=1, col=2)
    fig.update_xaxes(title_text="Year", dtick=1, row=1, col=1)
    fig.update_xaxes(title_text="Year", dtick=5, row=1, col=2)
    fig.update_layout(title="Amazon: sellers pay to reach shoppers, and most units come from third parties",
                      barmode="group", height=470, hovermode="closest")
    return theme.add_source(fig, data.sources_for(pd.concat([amazon, third_party])))


def airbnb_nights_and_bookings(airbnb: pd.DataFrame) -> go.Figure:
    """Airbnb's nights and experiences booked, gross booking value and revenue by year (lesson 20)."""
    nights = airbnb.dropna(subset=["nights_and_experiences_m"])
    money = airbnb.dropna(subset=["revenue_usd_b"])
    fig = _side_by_side(0.13)
    fig.add_bar(x=nights.year, y=nights.nights_and_experiences_m, name="Nights and experiences",
                marker_color=theme.PALETTE["blue"], hovertemplate="%{x}: %{y:,.1f} M<extra></extra>", row=1, col=1)
    gbv = airbnb.dropna(subset=["gross_booking_value_usd_b"])
    fig.add_bar(x=gbv.year, y=gbv.gross_booking_value_usd_b, name="Gross booking value",
                marker_color=theme.PALETTE["sky"], hovertemplate="%{x}: $%{y:,.1f} B<extra></extra>", row=1, col=2)
    fig.add_bar(x=money.year, y=money.revenue_usd_b, name="Revenue", marker_color=theme.PALETTE["orange"],
                hovertemplate="%{x}: $%{y:,.2f} B<extra></extra>", row=1, col=2)
    fig.update_yaxes(title_text="Nights and experiences (millions)", row=1, col=1)
    fig.update_yaxes(title_text="Bookings and revenue, USD billions", row=1, col=2)
    fig.update_xaxes(title_text="Year (2020 not shown)", dtick=1)
    fig.update_layout(title="Airbnb: more nights booked, more bookings through the platform", barmode="group",
                      height=450, hovermode="closest")
    return theme.add_source(fig, data.sources_for(airbnb))


def apple_services_and_groupon(apple: pd.DataFrame, groupon: pd.DataFrame) -> go.Figure:
    """Apple's Services share of net sales, and Groupon's billings and revenue: rise, 2014 peak, decline (lesson 20)."""
    share = apple.services_net_sales_usd_m / apple.total_net_sales_usd_m * 100
    fig = _side_by_side(0.14)
    fig.add_scatter(x=apple.fiscal_year, y=share, mode="lines+markers+text", name="Apple Services, % of net sales [derived]",
                    text=[f"{v:.1f} %" for v in share], textposition="top center", line_color=theme.PALETTE["blue"],
                    hovertemplate="FY%{x}: %{y:.1f} %<extra></extra>", row=1, col=1)
    years = groupon.year.astype(str)
    fig.add_bar(x=years, y=groupon.gross_billings_usd_m, name="Groupon gross billings",
                marker_color=theme.PALETTE["sky"], hovertemplate="%{x}: $%{y:,.0f} M<extra></extra>", row=1, col=2)
    fig.add_bar(x=years, y=groupon.revenue_usd_m, name="Groupon revenue", marker_color=theme.PALETTE["green"],
                hovertemplate="%{x}: $%{y:,.0f} M<extra></extra>", row=1, col=2)
    fig.update_yaxes(title_text="Apple Services, % of net sales", range=[0, 30], row=1, col=1)
    fig.update_yaxes(title_text="Groupon, USD millions", row=1, col=2)
    fig.update_xaxes(title_text="Fiscal year (ends in September)", dtick=1, row=1, col=1)
    fig.update_xaxes(title_text="Year (2013 and 2015–2022 not in the data)", type="category", row=1, col=2)
    fig.update_layout(title="Apple's Services grow; Groupon's deal business shrank", barmode="group",
                      height=450, hovermode="closest")
    return theme.add_source(fig, data.sources_for(apple) + "; " + data.sources_for(groupon))


def opt_out_sweep(opt_out: Sequence[float], lead: Sequence[float], advantage: Sequence[float],
                  currency: str = "$") -> go.Figure:
    """The data flywheel as opt-out rises: how much less a small rival earns in all, and the extra profit (lesson 20)."""
    percent = [o * 100 for o in opt_out]
    fig = _side_by_side(0.14, ("Lead over a rival with a tenth of the data", "Extra profit from the loop, 10 years"))
    fig.add_scatter(x=percent, y=[v * 100 for v in lead], mode="lines+markers", name="Rival's shortfall, in all",
                    line_color=theme.PALETTE["blue"], hovertemplate="%{x:.0f} % opt out: %{y:.1f} %<extra></extra>",
                    row=1, col=1)
    fig.add_hline(y=5, line_dash="dot", line_color=theme.PALETTE["vermillion"], row=1, col=1,
                  annotation_text="moat line (5 %, illustrative)", annotation_position="top right")
    fig.add_scatter(x=percent, y=advantage, mode="lines+markers", name="Cumulative profit, loop minus no loop",
                    line_color=theme.PALETTE["green"],
                    hovertemplate=f"%{{x:.0f}} % opt out: {currency}%{{y:,.0f}} M<extra></extra>", row=1, col=2)
    fig.update_xaxes(title_text="Users who opt out of tracking (%)")
    fig.update_yaxes(title_text="% less than the firm (value per user × users)", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text=f"{currency} millions", row=1, col=2)
    fig.update_layout(title="The tracking lever: as more users opt out, the loop weakens", height=430,
                      hovermode="closest", showlegend=False)
    return theme.add_source(fig, "Model: widgets.models.customer_data (illustrative values of the preset named in the lesson).")

# --- lesson 21: hidden revenue ------------------------------------------------------------------
META_REGIONS = ("US & Canada", "Europe", "Asia-Pacific", "Rest of World")
META_REGION_COLORS = dict(zip(META_REGIONS, (theme.PALETTE[c] for c in ("blue", "sky", "orange", "green"))))


def meta_users_and_value_by_region(regions: pd.DataFrame, quarter: str = "2021Q4") -> go.Figure:
    """Facebook's daily users next to the revenue each user brings, region by region, in one quarter."""
    rows = regions[regions.quarter == quarter].set_index("region").loc[list(META_REGIONS)]
    if rows["dau_m"].isna().any():
        raise ValueError(f"quarter must be one with users by region (2021Q4); got {quarter!r}")
    label = f"Q{quarter[-1]} {quarter[:4]}"
    fig = _side_by_side(0.14, (f"Daily users, {label} (millions)", f"Revenue per user in {label} (USD, ARPU)"))
    colors = [META_REGION_COLORS[r] for r in rows.index]
    fig.add_bar(x=list(rows.index), y=rows["dau_m"], marker_color=colors, showlegend=False,
                text=rows["dau_m"].map("{:,.0f}".format), textposition="outside",
                hovertemplate="%{x}: %{y:,.0f} million daily users<extra></extra>", row=1, col=1)
    fig.add_bar(x=list(rows.index), y=rows["arpu_usd"], marker_color=colors, showlegend=False,
                text=rows["arpu_usd"].map("{:,.2f}".format), textposition="outside",
                hovertemplate="%{x}: USD %{y:,.2f} per monthly user in the quarter<extra></extra>", row=1, col=2)
    fig.update_yaxes(title_text="Daily users (millions)", range=[0, rows["dau_m"].max() * 1.18], row=1, col=1)
    fig.update_yaxes(title_text="USD per monthly user per quarter", range=[0, rows["arpu_usd"].max() * 1.18],
                     row=1, col=2)
    fig.update_xaxes(title_text="User geography")
    fig.update_layout(title="Meta: most users live in Asia-Pacific, most of the money comes from US & Canada",
                      height=470, hovermode="closest")
    return theme.add_source(fig, data.sources_for(rows) + ". ARPU = revenue ÷ average monthly users in the quarter.")


def meta_advertising_by_year(meta: pd.DataFrame) -> go.Figure:
    """Meta's advertising revenue by year, with the change in ads shown and in price per ad where reported."""
    fig = go.Figure()
    fig.add_bar(x=meta.year, y=meta.advertising_usd_m / 1000, name="Advertising revenue",
                marker_color=theme.PALETTE["blue"],
                hovertemplate="%{x}: USD %{y:,.1f} billion<extra></extra>")
    reported = meta.dropna(subset=["ad_impressions_change_pct", "price_per_ad_change_pct"])
    fig.add_scatter(x=reported.year, y=reported.advertising_usd_m / 1000, mode="text", showlegend=False,
                    text=[f"ads {i:+.0f} %<br>price {p:+.0f} %" for i, p in
                          zip(reported.ad_impressions_change_pct, reported.price_per_ad_change_pct)],
                    textposition="top center", hoverinfo="skip")
    fig.update_layout(title="Meta's advertising revenue: ads shown × price per ad",
                      xaxis_title="Year", yaxis_title="USD billions", height=480, showlegend=False,
                      yaxis_range=[0, meta.advertising_usd_m.max() / 1000 * 1.35], hovermode="closest")
    fig.update_xaxes(dtick=1)
    return theme.add_source(fig, "Facebook and Meta fourth-quarter results releases 2016–2024 (SEC exhibits, "
                                 "PR Newswire) and Forms 10-K for fiscal 2023 and 2025, Note 2; full citations for "
                                 f"the tags {_tags(meta)} in datasets/sources.csv. Labels: year-on-year change in "
                                 "ad impressions and in average price per ad, as Meta reports them.")


def _tags(table: pd.DataFrame) -> str:
    """The source tags of a table, in order of first use: 'FB16, FB18, …'."""
    tags: list[str] = []
    for cell in table["source"].dropna():
        tags += [t.strip() for t in str(cell).split(";") if t.strip() and t.strip() not in tags]
    return ", ".join(tags)


def alphabet_advertising_lines(alphabet: pd.DataFrame) -> go.Figure:
    """Google's advertising revenue by line, stacked, with the share paid out as traffic acquisition costs."""
    fig = go.Figure()
    for column, name, color in (("search_other_usd_m", "Google Search & other", "blue"),
                                ("youtube_ads_usd_m", "YouTube ads", "vermillion"),
                                ("network_usd_m", "Google Network (partners' sites and apps)", "sky")):
        fig.add_bar(x=alphabet.year, y=alphabet[column] / 1000, name=name, marker_color=theme.PALETTE[color],
                    hovertemplate=f"{name}, %{{x}}: USD %{{y:,.1f}} billion<extra></extra>")
    tac = alphabet.dropna(subset=["tac_rate_pct"])
    fig.add_scatter(x=tac.year, y=alphabet.set_index("year").loc[tac.year, "google_advertising_usd_m"] / 1000,
                    mode="text", text=[f"TAC {r:g} %" for r in tac.tac_rate_pct], textposition="top center",
                    showlegend=False, hoverinfo="skip")
    fig.update_layout(title="Google's advertising revenue by line, and the share paid to partners (TAC)",
                      barmode="stack", xaxis_title="Year", yaxis_title="USD billions", height=480,
                      yaxis_range=[0, alphabet.google_advertising_usd_m.max() / 1000 * 1.15], hovermode="closest")
    fig.update_xaxes(dtick=1)
    return theme.add_source(fig, data.sources_for(alphabet) + ". TAC rate = traffic acquisition costs ÷ Google "
                                 "advertising revenue.")


# --- lesson 23: cloud subscription and pay per use ---------------------------------------------
def aws_sales_and_margin(aws: pd.DataFrame) -> go.Figure:
    """AWS segment net sales (bars) and operating margin (line), by year (lesson 23)."""
    fig = _side_by_side(0.13, y_titles=("USD billions", "Operating income ÷ net sales (%)"))
    fig.add_bar(x=aws.year, y=aws.net_sales_usd_m / 1000, name="Net sales", marker_color=theme.PALETTE["blue"],
                hovertemplate="%{x}: USD %{y:,.1f} billion<extra>net sales</extra>", row=1, col=1)
    fig.add_bar(x=aws.year, y=aws.operating_income_usd_m / 1000, name="Operating income",
                marker_color=theme.PALETTE["orange"],
                hovertemplate="%{x}: USD %{y:,.1f} billion<extra>operating income</extra>", row=1, col=1)
    fig.add_scatter(x=aws.year, y=aws.operating_income_usd_m / aws.net_sales_usd_m * 100, name="Operating margin",
                    mode="lines+markers", line_color=theme.PALETTE["vermillion"],
                    hovertemplate="%{x}: %{y:.1f} %<extra>operating margin</extra>", row=1, col=2)
    fig.update_layout(title="Amazon Web Services: sales and operating income (2020 not shown)", height=450,
                      barmode="group", legend=dict(orientation="h", y=1.08))
    fig.update_xaxes(title_text="Year", dtick=2)
    fig.update_yaxes(rangemode="tozero")
    return theme.add_source(fig, f"Amazon.com Forms 10-K, segment information (tags {_tags(aws)}; 2017–2018 "
                                 "operating income derived from net sales minus segment operating expenses). "
                                 "Full citations in datasets/sources.csv.")


def adobe_subscription_shift(adobe: pd.DataFrame) -> go.Figure:
    """Adobe's subscription and product (licence) revenue by fiscal year, 2012-2016 (lesson 23)."""
    fig = go.Figure()
    fig.add_bar(x=adobe.fiscal_year, y=adobe.subscription_usd_m / 1000, name="Subscription",
                marker_color=theme.PALETTE["green"],
                hovertemplate="FY%{x}: USD %{y:,.2f} billion<extra>subscription</extra>")
    product = adobe.dropna(subset=["product_usd_m"])
    fig.add_bar(x=product.fiscal_year, y=product.product_usd_m / 1000, name="Product (perpetual licences)",
                marker_color=theme.PALETTE["orange"],
                hovertemplate="FY%{x}: USD %{y:,.2f} billion<extra>product</extra>")
    shares = adobe.dropna(subset=["subscription_share_pct"])
    fig.add_scatter(x=shares.fiscal_year, y=shares.subscription_usd_m / 1000, mode="text", showlegend=False,
                    text=[f"{s:.0f} % of revenue" for s in shares.subscription_share_pct],
                    textposition="top center", hoverinfo="skip")
    fig.update_layout(title="Adobe moves from boxed licences to Creative Cloud subscriptions", barmode="group",
                      xaxis_title="Fiscal year", yaxis_title="USD billions", height=450,
                      legend=dict(orientation="h", y=1.08))
    fig.update_xaxes(dtick=1)
    return theme.add_source(fig, f"Adobe Form 10-K for fiscal 2014 and fiscal 2015–2016 results releases (tags "
                                 f"{_tags(adobe)}); product revenue for 2015–2016 not shown in the releases used. "
                                 "Full citations in datasets/sources.csv.")


# --- lesson 30: platforms and network effects ------------------------------------------------
PLATFORM_COLORS = {"Airbnb": "vermillion", "Uber": "black", "eBay": "blue", "Etsy": "orange"}


def platform_take_rates(rates: pd.DataFrame) -> go.Figure:
    """Revenue ÷ gross volume (the realised take rate) of Airbnb, Uber, eBay and Etsy, by year (lesson 30)."""
    fig = go.Figure()
    with_revenue = rates.dropna(subset=["revenue_m"])
    for company, rows in with_revenue.groupby("company", sort=False):
        rate = rows.revenue_m / rows.gross_volume_m * 100
        fig.add_scatter(x=rows.year, y=rate, name=f"{company} ({rows.volume_measure.iloc[0]})",
                        mode="lines+markers+text", text=[f"{r:.1f} %" for r in rate], textposition="top center",
                        line_color=theme.PALETTE[PLATFORM_COLORS.get(company, "sky")],
                        customdata=rows.period, hovertemplate=f"{company} %{{customdata}}: %{{y:.1f}} %<extra></extra>")
    fig.update_layout(title="What platforms keep: revenue ÷ gross volume", xaxis_title="Year",
                      yaxis_title="Revenue ÷ gross volume (%)", yaxis_range=[0, 32], height=480,
                      legend=dict(orientation="h", y=-0.25))
    fig.update_xaxes(dtick=1)
    return theme.add_source(fig, f"{_tags(rates)} (full citations in datasets/sources.csv). Derived take rates; the "
                                 "volumes differ (Airbnb's GBV includes taxes and cleaning fees, Uber's gross bookings "
                                 "include Freight, Etsy is one quarter).", below_axis=False)


def network_value_laws(table: pd.DataFrame) -> go.Figure:
    """Metcalfe (n²) against Briscoe, Odlyzko & Tilly (n·ln n), both 1 at the first user count, log axes (lesson 30)."""
    fig = go.Figure()
    fig.add_scatter(x=table.users, y=table.metcalfe, name="Metcalfe: value ∝ n²", line_color=theme.PALETTE["vermillion"],
                    hovertemplate="%{x:,.0f} users: %{y:,.0f} × today's value<extra>Metcalfe</extra>")
    fig.add_scatter(x=table.users, y=table.odlyzko_tilly, name="Briscoe, Odlyzko & Tilly: value ∝ n·ln n",
                    line_color=theme.PALETTE["blue"],
                    hovertemplate="%{x:,.0f} users: %{y:,.1f} × today's value<extra>Briscoe, Odlyzko & Tilly</extra>")
    fig.add_scatter(x=table.users, y=table.users / table.users.iloc[0], name="Users (n)", line=dict(dash="dot"),
                    line_color=theme.PALETTE["black"], hovertemplate="%{y:,.1f} × today's users<extra>users</extra>")
    fig.update_layout(title="How network value grows with users: two laws, the same start", height=460,
                      xaxis_title="Users", yaxis_title="Network value (× the value at the start)",
                      xaxis_type="log", yaxis_type="log", legend=dict(orientation="h", y=1.08))
    return theme.add_source(fig, "Metcalfe's law (value ∝ n²) and Briscoe, Odlyzko & Tilly, IEEE Spectrum, July 2006 "
                                 "(BOT06). Curves computed from the two formulas, not measured.")


# --- lesson 33 --------------------------------------------------------------------------------
TRUST_COST_MEASURES = {"global average": "Global average", "banks": "Through a bank",
                       "digital remittances": "Sent digitally", "Sub-Saharan Africa": "To Sub-Saharan Africa",
                       "South Asia": "To South Asia"}


def what_a_trade_earns_and_what_trust_costs(rates: pd.DataFrame, costs: pd.DataFrame,
                                            quarter: str = "Q3 2023") -> go.Figure:
    """Take rates (revenue ÷ gross volume) beside the cost of sending USD 200 across borders, both in % of a trade."""
    latest = rates.dropna(subset=["revenue_m"]).sort_values("year").groupby("company", sort=False).tail(1)
    latest = latest[latest.company != "Etsy"]          # Etsy's row is one quarter from a press report
    take = latest.revenue_m / latest.gross_volume_m * 100
    sent = costs[(costs.period == quarter) & costs.measure.isin(list(TRUST_COST_MEASURES))]
    target = costs[costs.measure == "SDG 10.c target"]
    fig = go.Figure()
    fig.add_bar(y=[f"{c} keeps ({y})" for c, y in zip(latest.company, latest.year)], x=take, orientation="h",
                name="What a platform keeps of a trade", marker_color=theme.PALETTE["blue"],
                text=[f"{x:.1f} %" for x in take], textposition="outside",
                hovertemplate="%{y}: %{x:.1f} % of gross volume<extra></extra>")
    fig.add_bar(y=[TRUST_COST_MEASURES[m] for m in sent.measure], x=sent.cost_percent, orientation="h",
                name=f"Cost of sending 200 dollars ({quarter})", marker_color=theme.PALETTE["orange"],
                text=[f"{x:.2f} %" for x in sent.cost_percent], textposition="outside",
                hovertemplate="%{y}: %{x:.2f} % of the amount sent<extra></extra>")
    fig.add_bar(y=["UN target for 2030"], x=target.cost_percent, orientation="h", name="SDG 10.c target",
                marker_color=theme.PALETTE["black"], text=[f"{x:.0f} %" for x in target.cost_percent],
                textposition="outside", hovertemplate="%{y}: below %{x:.0f} %<extra></extra>")
    fig.update_layout(title="What a trade earns a platform, and what trust across borders costs",
                      xaxis_title="% of the trade's value", xaxis_range=[0, 32], height=520, barmode="overlay",
                      yaxis=dict(autorange="reversed", automargin=True))
    return theme.add_source(fig, f"{_tags(latest)}; {_tags(pd.concat([sent, target]))} (full citations in "
                                 "datasets/sources.csv). Take rates derived (revenue ÷ gross volume; the volumes "
                                 "differ: Airbnb's includes taxes and cleaning fees, Uber's includes Freight; eBay's "
                                 "revenue includes advertising and other services); remittance costs are fee plus "
                                 "exchange-rate margin on 200 dollars, charged to senders.")


# --- lesson 32: blockchain and trust -------------------------------------------------------------
REMITTANCE_LINES = {"global average": ("blue", "solid"), "global weighted average": ("sky", "dash"),
                    "banks": ("vermillion", "solid"), "digital remittances": ("green", "solid"),
                    "Sub-Saharan Africa": ("orange", "dot"), "South Asia": ("purple", "dot")}


def remittance_costs(costs: pd.DataFrame) -> go.Figure:
    """What sending USD 200 costs by quarter (global, banks, digital, two regions) against the 3 % SDG target (lesson 32)."""
    measured = costs.dropna(subset=["quarter"]).sort_values(["year", "quarter"])
    order = list(dict.fromkeys(measured.period))
    fig = go.Figure()
    for measure, (colour, dash) in REMITTANCE_LINES.items():
        rows = measured[measured.measure == measure]
        fig.add_scatter(x=rows.period, y=rows.cost_percent, name=measure, mode="lines+markers",
                        line=dict(color=theme.PALETTE[colour], dash=dash),
                        hovertemplate=f"{measure}, %{{x}}: %{{y:.2f}} %<extra></extra>")
    target = costs.loc[costs.measure == "SDG 10.c target", "cost_percent"].item()
    fig.add_scatter(x=[order[0], order[-1]], y=[target, target], name=f"SDG 10.c target by 2030 (under {target:g} %)",
                    mode="lines", line=dict(color=theme.PALETTE["black"], dash="dot", width=2),
                    hovertemplate=f"target: under {target:g} %<extra></extra>")
    fig.update_layout(title="What it costs to send USD 200 across a border (fee plus exchange-rate margin)",
                      xaxis_title="Quarter", yaxis_title="Cost (% of the amount sent)", yaxis_range=[0, 13],
                      height=560, legend=dict(orientation="h", y=1.02, yanchor="bottom"), margin=dict(t=150))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order)
    return theme.add_source(fig, f"World Bank, Remittance Prices Worldwide, issues 21, 37 and 47; UN SDG target 10.c "
                                 f"({_tags(costs)}; full citations in datasets/sources.csv). Quarters are not evenly "
                                 "spaced: only the quarters of three reports are shown.")


def ledger_wish_curves(curves: pd.DataFrame) -> go.Figure:
    """Share who want to be on a ledger against the share on it, one line per scenario, and the diagonal (lesson 32)."""
    fig = go.Figure()
    colours = ("green", "vermillion", "blue", "orange")
    for name, colour in zip([c for c in curves.columns if c != "share"], colours):
        fig.add_scatter(x=curves.share * 100, y=curves[name] * 100, name=name, line_color=theme.PALETTE[colour],
                        hovertemplate="%{x:.0f} % on it: %{y:.1f} % want to be<extra></extra>")
    fig.add_scatter(x=[0, 100], y=[0, 100], name="Where nobody changes their mind", mode="lines",
                    line=dict(color=theme.PALETTE["black"], dash="dot", width=1.5), hoverinfo="skip")
    fig.update_layout(title="Who wants to join a shared ledger, given how many are on it", height=480,
                      xaxis_title="Share of the industry on the ledger (%)",
                      yaxis_title="Share who want to be on it (%)", xaxis_range=[0, 100], yaxis_range=[0, 102],
                      legend=dict(orientation="h", y=1.02, yanchor="bottom"), margin=dict(t=120))
    fig.update_xaxes(title_standoff=6)
    return theme.add_source(fig, "Threshold model after Granovetter (1978), costs after Catalini & Gans (2016) "
                                 "(GRAN78, CG16). Curves computed from the model with illustrative numbers, "
                                 "not measured.")


# --- lesson 31 --------------------------------------------------------------------------------
def api_prices_per_million_tokens(prices: pd.DataFrame) -> go.Figure:
    """OpenAI's API list prices per million input and output tokens, model by model in launch order, log scale (lesson 31)."""
    rows = prices.sort_values("launch_date", kind="stable")
    labels = [f"{m}<br>{d:%b %Y}" for m, d in zip(rows.model.str.replace(" (", "<br>(", regex=False), rows.launch_date)]
    fig = go.Figure()
    for column, name, color in (("input_usd_per_m", "Input tokens", "blue"), ("output_usd_per_m", "Output tokens", "orange")):
        fig.add_scatter(x=labels, y=rows[column], name=name, mode="markers+text",
                        marker=dict(size=12, color=theme.PALETTE[color]), text=[f"${v:g}" for v in rows[column]],
                        textposition="middle right", customdata=rows.model,
                        hovertemplate="%{customdata}: $%{y:g} per million " + name.lower() + "<extra></extra>")
    fig.update_layout(title="What a million tokens cost at launch: GPT-4 to GPT-4o", height=500,
                      yaxis_title="USD per million tokens (log scale)", yaxis_type="log", yaxis_range=[0, 2.3],
                      legend=dict(orientation="h", y=1.08))
    return theme.add_source(fig, f"{_tags(prices)} (full citations in datasets/sources.csv). List prices of different "
                                 "models (context window and capability differ); rows marked [2nd] come from secondary "
                                 "listings.")


def who_earns_from_ai(table: pd.DataFrame) -> go.Figure:
    """NVIDIA's Data Center revenue (fiscal years) beside OpenAI's press-reported annualised revenue (lesson 31)."""
    fig = go.Figure()
    nvidia = table[(table.company == "NVIDIA") & (table.measure == "Data Center revenue")]
    openai = table[table.company == "OpenAI"]
    fig.add_scatter(x=nvidia.period_end, y=nvidia.usd_bn, name="NVIDIA Data Center revenue, fiscal year",
                    mode="lines+markers+text", line_color=theme.PALETTE["green"],
                    text=[f"{v:g}" for v in nvidia.usd_bn],
                    textposition="top left", customdata=nvidia.period + " (" + nvidia.basis + ")",
                    hovertemplate="NVIDIA %{customdata}: $%{y:,.1f} bn (Data Center)<extra></extra>")
    fig.add_scatter(x=openai.period_end, y=openai.usd_bn, name="OpenAI annualised revenue, press reports [2nd]",
                    mode="markers+text", marker=dict(size=11, symbol="diamond", color=theme.PALETTE["purple"]),
                    text=[(">" if "more than" in n else "") + f"{v:g}" for v, n in zip(openai.usd_bn, openai.note)],
                    textposition=_apart(openai.period_end), customdata=openai.period,
                    hovertemplate="OpenAI %{customdata}: $%{y:,.1f} bn a year (run-rate, press report)<extra></extra>")
    fig.update_layout(title="Who earns from AI: the chip supplier and the best-known model seller", height=480,
                      yaxis_title="USD billion (a year)",
                      legend=dict(orientation="h", y=1.08))
    return theme.add_source(fig, f"{_tags(table)} (full citations in datasets/sources.csv). NVIDIA's fiscal years end in "
                                 "late January. OpenAI's figures are press-"
                                 "reported run-rates (a month's revenue × 12), not audited results.")


def _apart(dates: pd.Series) -> list[str]:
    """Label positions that keep two points of the same month apart: left, then right."""
    month = dates.dt.to_period("M")
    twin = month.duplicated(keep=False)
    first = ~month.duplicated(keep="first")
    return ["top center" if not t else ("top left" if f else "top right") for t, f in zip(twin, first)]


MCD = "McDonald's"


def franchised_vs_company_operated(table: pd.DataFrame) -> go.Figure:
    """McDonald's 2024: restaurants, revenue and restaurant margin, franchised vs company-operated (lesson 40)."""
    mcd = table[(table.company == MCD) & (table.period.astype(str) == "2024")].set_index("metric").value
    rows = {"Restaurants (share of 43,477)": (mcd["franchised restaurants"], mcd["company-operated restaurants"]),
            "Revenue": (mcd["revenues from franchised restaurants"], mcd["sales by company-operated restaurants"]),
            "Restaurant margin": (mcd["franchised margins"], mcd["company-operated margins"])}
    fig = go.Figure()
    for i, (name, colour) in enumerate((("Franchised", "blue"), ("Company-operated", "orange"))):
        shares = [pair[i] / sum(pair) * 100 for pair in rows.values()]
        amounts = [f"{pair[i]:,.0f} restaurants" if k.startswith("Restaurants") else f"USD {pair[i]:,.0f} M"
                   for k, pair in rows.items()]
        fig.add_bar(x=list(rows), y=shares, name=name, marker_color=theme.PALETTE[colour], customdata=amounts,
                    text=[f"{s:.0f} %" for s in shares], textposition="inside",
                    hovertemplate=f"{name}, %{{x}}: %{{y:.1f}} % (%{{customdata}})<extra></extra>")
    fig.update_layout(title="McDonald's 2024: franchisees run 95 % of restaurants and bring 90 % of the margin",
                      barmode="stack", yaxis_title="Share (%)", yaxis_range=[0, 100], height=460,
                      legend=dict(orientation="h", y=1.02, yanchor="bottom"), margin=dict(t=120))
    return theme.add_source(fig, "McDonald's Corporation, Form 10-K 2024: restaurant counts, revenues from franchised "
                                 "restaurants (rent, royalties, initial fees), sales by company-operated restaurants, "
                                 f"franchised and company-operated margins ({_tags(table[table.source == 'MCD24-10K'])};"
                                 " full citations in datasets/sources.csv). Franchised margin = rent and royalties less "
                                 "the occupancy cost of franchised sites; it is not the franchisees' profit.")


# --- lesson 41 --------------------------------------------------------------------------------
def nike_direct_and_wholesale(nike: pd.DataFrame) -> go.Figure:
    """NIKE Brand revenue through wholesale partners and NIKE Direct by fiscal year, and Direct's share (lesson 41)."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for column, name, colour in (("wholesale_usd_m", "Wholesale partners", "blue"),
                                 ("direct_usd_m", "NIKE Direct (own stores and digital)", "orange")):
        fig.add_bar(x=nike.fiscal_year, y=nike[column] / 1000, name=name, marker_color=theme.PALETTE[colour],
                    hovertemplate=f"{name}, %{{x}}: USD %{{y:,.1f}} bn<extra></extra>", secondary_y=False)
    fig.add_scatter(x=nike.fiscal_year, y=nike.direct_share * 100, name="NIKE Direct's share (right axis)",
                    mode="lines+markers+text", text=[f"{s:.0%}".replace("%", " %") for s in nike.direct_share],
                    textposition="top center", line=dict(color=theme.PALETTE["black"], dash="dot"),
                    hovertemplate="%{x}: %{y:.1f} % direct<extra></extra>", secondary_y=True)
    fig.update_yaxes(title_text="Revenue (USD billions)", rangemode="tozero", secondary_y=False)
    fig.update_yaxes(title_text="NIKE Direct's share (%)", range=[0, 60], tickmode="array",
                     tickvals=[0, 10, 20, 30, 40, 50, 60], showgrid=False, secondary_y=True)
    fig.update_xaxes(type="category")   # the source line says when the fiscal years end (a title would overlap it)
    fig.update_layout(title="NIKE: the push to Direct, its peak in FY2023–24, and the turn back", barmode="group",
                      height=470, legend=dict(orientation="h", y=1.02, yanchor="bottom"), margin=dict(t=120))
    return theme.add_source(fig, f"NIKE, Inc. 10-K revenue notes and results releases ({_tags(nike)}; full citations "
                                 "in datasets/sources.csv). Fiscal years end 31 May. FY2020–21 read in a transcription of "
                                 "the 10-K; the share is Direct ÷ (wholesale + Direct), NIKE Brand only.")
