"""Hidden-revenue explorer: ad load, tracking opt-outs and users' patience; revenue now and later."""

from __future__ import annotations

from ..company_preset import Preset
from ..models import ad_supported

# Meta's Q4 2021 advertising revenue by user geography ÷ Facebook daily users ÷ 92 days gives the
# revenue per daily user per day (datasets/meta_regions.csv). Time spent and ad load are not
# published: they are set to the same illustrative 30 minutes and 40 ads an hour in every region,
# so the whole regional gap lands in the price per 1,000 ads, which is where it belongs.
MINUTES, AD_LOAD, Q4_DAYS = 30, 40, 92
SHARED = dict(minutes=MINUTES, current_ad_load=AD_LOAD, ad_load=60, opt_out=0.0, untracked_discount=0.52,
              time_sensitivity=0.015, churn_sensitivity=0.01, churn=0.02, adaptation=0.25, months=60)
ILLUSTRATIVE = (
    "Time spent (30 min a day), today's ad load (40 an hour), the proposal of 60 an hour, churn and the "
    "sensitivities are illustrative: they put today's ad load at the long-run revenue maximum "
    "(1 ÷ (1.5 % + 1 %) = 40). Opt-outs start at 0 and the price cut on an untracked ad at 52 % "
    "(Johnson, Shriver & Du 2020). Q4 2021 was already two quarters into Apple's tracking prompt, so "
    "the CPM is the price after its first effects."
)


def _region(name: str, ad_revenue: float, daily_users: float) -> Preset:
    cpm = ad_supported.implied_cpm(ad_revenue, daily_users, Q4_DAYS, MINUTES, AD_LOAD)
    return Preset(
        f"Meta {name} (Q4 2021)",
        dict(SHARED, users=daily_users, cpm=round(cpm, 2)),
        f"Daily users {daily_users:,.0f} million (Facebook, Q4 2021) and CPM USD {cpm:,.2f}: Q4 2021 advertising "
        f"revenue by user geography USD {ad_revenue:,.0f} M ÷ {daily_users:,.0f} M daily users ÷ {Q4_DAYS} days "
        f"= USD {ad_revenue / daily_users / Q4_DAYS:,.3f} per user per day, ÷ {MINUTES / 60 * AD_LOAD:g} ads a day × 1,000. " + ILLUSTRATIVE,
        currency="$", sources=("META-Q4-23-DECK", "META-Q2-23-DECK", "JSD20"),
    )


PRESETS = (
    _region("US & Canada", 15062, 195),
    _region("Asia-Pacific", 6183, 806),
    _region("Europe", 8174, 309),
)
