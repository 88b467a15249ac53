"""The controls each capstone company exposes, declared once (widgets.params): range, unit, default = the start.

A decision's default is the company's starting decision (from the preset it is drawn from); a value
outside the declared range raises ``ValueError`` naming the decision, the range and the value
received (widgets.params.Param.check). Decisions a round does not give keep last quarter's value.
:func:`canvas_changes` says, block by block, how the current decisions change the canvas.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..params import Param, Parameters
from ..models.wording import share

MUSIC = Parameters(
    Param("price", "Premium price", "€ / month", 4.70, 1.0, 15.0, 0.05,
          "What a Premium subscriber pays a month (Spotify's Q4 2024 average: €4.70)."),
    Param("free_tier", "Free tier with ads", "1 = on, 0 = off", 1, 0, 1, 1,
          "1: anyone may listen free with ads; 0: pay-only (free listeners are offered a trial, most leave).",
          integer=True),
    Param("ad_load", "Ads on the free tier", "ads / hour", 10, 0, 30, 1,
          "Ads a free listener hears an hour: more pay now, but listeners listen less and leave sooner."),
    Param("marketing", "Marketing", "€ million / quarter", 400, 0, 1500, 10,
          "Advertising and promotion to win listeners this quarter."),
)

RIDES = Parameters(
    Param("rider_subsidy", "Subsidy per rider", "$ / rider / month", 0, 0, 100, 1,
          "Credits the platform pays each rider a month (a rider's median cost of joining is USD 48)."),
    Param("driver_subsidy", "Guarantee per driver", "$ / driver / month", 650, 0, 1500, 10,
          "Guaranteed earnings the platform pays each driver a month (a driver's median cost is USD 600)."),
    Param("take_rate", "Take rate", "% of fares", 0.27, 0.0, 0.6, 0.005,
          "Share of each fare the platform keeps (Uber 2024: 27 %).", percent=True),
)

DEVTOOL = Parameters(
    Param("open_share", "Code that is open", "% of features", 1.0, 0.0, 1.0, 0.05,
          "Share of the product anyone may use free (100 %: everything open, sell subscriptions; 0: closed licences).",
          percent=True),
    Param("price", "Enterprise price", "$ thousand / customer / year", 20.0, 1.0, 100.0, 0.5,
          "What a paying organisation pays a year for the subscription or the closed features."),
    Param("commit_discount", "Discount for a 3-year commitment", "%", 0.0, 0.0, 0.5, 0.01,
          "Price cut for customers who commit for three years: they churn less and cost less to serve.",
          percent=True),
)

AI_API = Parameters(
    Param("price", "API price", "$ / million tokens", 37.5, 0.5, 80.0, 0.5,
          "What developers pay per million tokens (GPT-4's March 2023 list prices blended 3 : 1: USD 37.50)."),
    Param("automation", "Support handled by the AI", "% of tickets", 0.0, 0.0, 1.0, 0.05,
          "Share of customer-support tickets the firm's own AI answers; people still check some and redo its errors.",
          percent=True),
    Param("commit_discount", "Discount for committed volume", "%", 0.0, 0.0, 0.5, 0.01,
          "Price cut on tokens a customer commits to a year ahead: committed customers churn less and run on "
          "planned capacity.", percent=True),
)


def canvas_changes(company: str, d: Mapping[str, Any], currency: str) -> dict[str, str]:
    """Canvas block -> one line on how these decisions change the company's business model."""
    if "+" in company:            # a base company with pattern add-ons
        from .addons import canvas_changes as composed
        return composed(company, d, currency)
    if company == "music":
        free = (f"a free tier with {d['ad_load']:g} ads an hour, the pool Premium is sold to"
                if d["free_tier"] else "no free tier: pay-only, a trial instead")
        return {"Value Propositions": free,
                "Revenue Streams": f"Premium at {currency}{d['price']:.2f} a month"
                                   + (" and ads on the free tier" if d["free_tier"] and d["ad_load"] else ""),
                "Channels": f"{currency}{d['marketing']:,.0f} M of marketing this quarter",
                "Cost Structure": "royalties and streaming for every listener, free ones included"
                                  if d["free_tier"] else "royalties for paying listeners only"}
    if company == "rides":
        out = {"Revenue Streams": f"a take rate of {share(d['take_rate'])} on every fare",
               "Customer Segments": "riders and drivers, each coming for the other"}
        paid = [f"{currency}{d[k]:,.0f} a month per {who}" for k, who in
                (("rider_subsidy", "rider"), ("driver_subsidy", "driver")) if d[k] > 0]
        out["Cost Structure"] = ("subsidies: " + " and ".join(paid)) if paid else "no subsidies"
        return out
    if company == "devtool":
        o = d["open_share"]
        shape = ("everything open: subscriptions to the certified, supported version" if o >= 1 else
                 "closed licences" if o <= 0 else f"open core: {share(o)} of features open, premium features sold")
        out = {"Value Propositions": shape,
               "Revenue Streams": f"{currency}{d['price']:g} thousand a year per paying organisation",
               "Key Partnerships": ("a community develops the open part" if o > 0 else "no community: all "
                                    "development in-house")}
        if d["commit_discount"] > 0:
            out["Customer Relationships"] = f"3-year commitments at {share(d['commit_discount'])} off"
        return out
    out = {"Revenue Streams": f"{currency}{d['price']:g} per million tokens"
                              + (f", {share(d['commit_discount'])} off committed volume" if d["commit_discount"] else ""),
           "Cost Structure": "inference whose cost falls with every doubling of volume served"}
    if d["automation"] > 0:
        out["Key Activities"] = f"{share(d['automation'])} of support answered by the AI, people check the rest"
    return out
