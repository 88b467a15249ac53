"""Lesson 23's things to try and quoted numbers, computed by the cloud pricing model (widgets/models/cloud_pricing.py)."""

from __future__ import annotations

import numpy as np

from widgets.explorers.cloud_pricing import PRESETS
from widgets.models import cloud_pricing as cp

from . import LessonClaims, Passage, Setting, Tries, attempt, money, num, pct

AWS = Setting(cp, PRESETS["AWS-style compute (2024)"])
DROPBOX = Setting(cp, PRESETS["Dropbox-style storage (2023)"])
METER, COMMIT, FLAT, MENU = range(4)
SOLUTIONS = "solutions/23_cloud_subscription_and_pay_per_use.ipynb"


def m(x: float) -> str:
    """A monthly margin in millions, as the lesson writes it: 'USD 5.92 M'."""
    return money(x / 1e6, 2, "M")


def price(x: float) -> str:
    """A price per unit: 'USD 0.274'."""
    return money(x, 3)


def share_of(setting: Setting, **changes) -> float:
    """Share of potential customers who buy the subscription alone."""
    r = setting.run(**changes)
    return float(r.offer_customers[FLAT] / setting.checked(**changes).customers)


def heavier_than(setting: Setting, units: float) -> float:
    """Share of the sample customers who use more than ``units`` a month."""
    usage, _ = cp.sample_customers(setting.values)
    return float(np.mean(usage > units))


def bias_to_beat_the_meter(setting: Setting) -> float:
    """The smallest flat-rate bias (¤ a month, to ¤0.5) at which the subscription alone, at its best fee,
    earns more than the meter alone at its best price."""
    low, high = 0.0, 200.0
    wins = lambda b: setting.run(flat_rate_bias=b).best_margin[FLAT] > setting.run(flat_rate_bias=b).best_margin[METER]
    assert wins(high) and not wins(low)
    while high - low > 0.5:
        mid = (low + high) / 2
        low, high = (low, mid) if wins(mid) else (mid, high)
    return high


def _best_menu() -> dict:
    r = AWS.run()
    p, f = r.best_price[MENU], r.best_fee[MENU]
    at = AWS.run(price=round(p, 3), fee=round(f, 2))
    return dict(menu=m(r.best_margin[MENU]), p=price(p), fee=money(f), pv=num(p, 3), fv=num(f, 2), commit=m(r.best_margin[COMMIT]),
                meter=m(r.best_margin[METER]), d=pct(AWS.values.commit_discount),
                committed=pct(at.plan_share[COMMIT]), subs=pct(at.plan_share[FLAT], 1))


def _buffet() -> dict:
    r = AWS.run()
    fee = r.best_fee[FLAT]
    return dict(be=num(AWS.values.fee / AWS.values.price), heavy=pct(heavier_than(AWS, AWS.values.fee / AWS.values.price)),
                loss=m(-r.offer_margin[FLAT]), fee=money(fee), best=m(r.best_margin[FLAT]),
                buyers=pct(share_of(AWS, fee=round(fee, 2))), meter=m(r.best_margin[METER]), p=price(r.best_price[METER]))


def _ratio(setting: Setting, **changes) -> float:
    r = setting.run(**changes)
    return float(r.best_margin[FLAT] / r.best_margin[METER])


def _certainty() -> dict:
    r66, r90, r90s = AWS.run(commit_discount=0.66), AWS.run(commit_discount=0.9), AWS.run(commit_discount=0.9,
                                                                                       commit_saving=0.6)
    return dict(s=pct(AWS.values.commit_saving), m66=m(r66.best_margin[MENU]), meter=m(r66.best_margin[METER]),
                m90=m(r90.best_margin[MENU]), m90s=m(r90s.best_margin[MENU]))


def _commit_level() -> int:
    """The smallest commitment (in steps of 50 units) at which, at these prices, the commitment sold alone
    earns more than the meter alone."""
    for units in range(50, 1001, 50):
        r = AWS.run(commit_units=units)
        if r.offer_margin[COMMIT] > r.offer_margin[METER]:
            return units
    raise AssertionError("the commitment alone never beats the meter alone up to 1,000 units")


def _dropbox() -> dict:
    r = DROPBOX.run()
    bias = bias_to_beat_the_meter(DROPBOX)
    return dict(flat=m(r.best_margin[FLAT]), meter=m(r.best_margin[METER]), fee=money(r.best_fee[FLAT]),
                ratio=pct(_ratio(DROPBOX)), bias=money(bias), times=num(bias / DROPBOX.values.fee, 1),
                arpu=money(DROPBOX.values.fee, 2))


CLAIMS = LessonClaims("23_cloud_subscription_and_pay_per_use", tries=Tries("0fb9a900", (
    attempt(
        "Both, priced well.",
        "Read the last part of the sentence. Each at its own best price, offering all three earns {menu} a month, "
        "with a meter at {p} a unit (committed units {d} less) and a fee of {fee}; the commitment alone earns "
        "{commit} and the meter alone {meter}. Set *Pay-as-you-go price* to {pv} and *Subscription fee* to "
        "{fv}: {committed} of potential customers now commit and only {subs} subscribe. The best menu is a "
        "meter plus a commitment discount, as AWS sells; its flat fee is a cap for a handful of the heaviest users.",
        facts=_best_menu,
        holds=lambda: {
            "offering all three has the best margin at the optimum":
                int(np.argmax(AWS.run().best_margin)) == MENU,
            "the sentence says so": "Each at its own best price, the best margin comes from offering all three"
                                    in AWS.say(),
            "fewer than 1 % subscribe at the best menu":
                AWS.run(price=round(AWS.run().best_price[MENU], 3),
                        fee=round(AWS.run().best_fee[MENU], 2)).plan_share[FLAT] < 0.01,
        },
    ),
    attempt(
        "The buffet problem.",
        "In the preset the USD 50 fee is cheaper than the meter above {be} units a month, and {heavy} of customers "
        "use more: at these prices the subscription alone loses {loss} a month. Pin, then raise *Subscription "
        "fee* towards its own best fee, {fee} (the model's optimum; the sentence names the menu's fee, not this "
        "one): there the subscription alone earns {best} a month from {buyers} of potential customers, still less "
        "than the meter alone at its best price ({meter} at {p} a unit).",
        facts=_buffet,
        holds=lambda: {
            "the subscription alone loses money at USD 50": AWS.run().offer_margin[FLAT] < 0,
            "at its best fee it earns less than the meter at its best price":
                AWS.run().best_margin[FLAT] < AWS.run().best_margin[METER],
            "the sentence names the menu's fee, not the subscription's":
                f"${AWS.run().best_fee[MENU]:,.0f} fee" in AWS.say()
                and f"${AWS.run().best_fee[FLAT]:,.0f}" not in AWS.say(),
        },
    ),
    attempt(
        "Spread decides.",
        "Set *Spread of usage* to 0.2 (everyone uses about the same): each at its best price, the subscription "
        "alone earns {low} of what the meter alone earns. At the preset's 1.2 it earns {mid}, at 2.0 only {high}. "
        "A single fee is too dear for light users and a bargain for heavy ones; a price per unit follows usage.",
        facts=lambda: dict(low=pct(_ratio(AWS, usage_spread=0.2)), mid=pct(_ratio(AWS)),
                           high=pct(_ratio(AWS, usage_spread=2.0))),
        holds=lambda: {"the ratio falls as the spread widens":
                       _ratio(AWS, usage_spread=0.2) > _ratio(AWS) > _ratio(AWS, usage_spread=2.0)},
    ),
    attempt(
        "Pay for certainty.",
        "The preset counts a committed hour {s} cheaper to serve (planned capacity runs fuller). Raise *Discount "
        "on committed units* from 30 % to 66 % (AWS's stated maximum for Compute Savings Plans): at their best "
        "prices offering all three still earns most, {m66} against {meter} for the meter alone. At 90 % the "
        "discount gives away more than the capacity saves: the sentence now names pay as you go alone ({meter}, "
        "the menu {m90}). Raise *Capacity saving on committed units* to 60 %: the menu leads again ({m90s}).",
        facts=_certainty,
        holds=lambda: {
            "menu best at 66 %": "the best margin comes from offering all three" in AWS.say(commit_discount=0.66),
            "meter best at 90 %": "the best margin comes from pay as you go alone" in AWS.say(commit_discount=0.9),
            "menu best at 90 % with a 60 % saving":
                "the best margin comes from offering all three" in AWS.say(commit_discount=0.9, commit_saving=0.6),
        },
    ),
    attempt(
        "Commit how much?",
        "Move *Committed units a month* from 50 to 1,000 and watch the kink in the orange line. At these prices "
        "the commitment sold alone earns more than the meter alone from {level} committed units; at 1,000 units "
        "nobody commits when all three plans are offered ({committed}), because the USD 50 flat fee is cheaper "
        "than the {bill} commitment.",
        facts=lambda: dict(level=num(_commit_level()), committed=pct(AWS.run(commit_units=1000).plan_share[COMMIT]),
                           bill=money(1000 * AWS.values.price * (1 - AWS.values.commit_discount))),
        holds=lambda: {"nobody commits at 1,000 units": AWS.run(commit_units=1000).plan_share[COMMIT] == 0,
                       "the fee is cheaper than the commitment":
                           AWS.values.fee < 1000 * AWS.values.price * (1 - AWS.values.commit_discount)},
    ),
    attempt(
        "Flat-rate bias.",
        "Switch to *Dropbox-style storage (2023)*: at its best fee ({fee}) the unlimited subscription alone earns "
        "{flat} a month, {ratio} of the meter alone at its best price ({meter}). Raise *Flat-rate bias* to 3: "
        "{over} of potential customers now subscribe although another plan would cost them less. The subscription "
        "alone overtakes the meter only when the bias reaches about {bias} a month, {times} times the "
        "{arpu} fee: flat-rate bias alone does not explain why Dropbox sells plans.",
        facts=lambda: {**_dropbox(), "over": pct(DROPBOX.run(flat_rate_bias=3).overpaying, 1)},
        holds=lambda: {"the meter beats the subscription without bias":
                       DROPBOX.run().best_margin[METER] > DROPBOX.run().best_margin[FLAT],
                       "some overpay at a bias of 3": DROPBOX.run(flat_rate_bias=3).overpaying > 0},
    ),
    attempt(
        "Who stays away?",
        "Set *Pay-as-you-go price* to 0.30 with all else at the preset. Offered all three plans, {away} stay away "
        "and {sub} subscribe; {new} of potential customers join who would not buy on the meter, most of them on "
        "the flat fee. The last part of the sentence does not move: the best prices do not depend on the price "
        "you set (the meter's best is {best}).",
        facts=lambda: dict(away=pct(AWS.run(price=0.3).plan_share[-1]), sub=pct(AWS.run(price=0.3).plan_share[FLAT]),
                           new=pct(AWS.run(price=0.3).newcomers), best=price(AWS.run().best_price[METER])),
        holds=lambda: {
            "most newcomers subscribe": (AWS.run(price=0.3).plan_share[FLAT] - AWS.run(price=0.3).switch_to_subscription
                                         > AWS.run(price=0.3).newcomers / 2),
            "the optimum part of the sentence is unchanged":
                AWS.say(price=0.3).split("Each at its own best price")[1] == AWS.say().split("Each at its own best price")[1],
        },
    ),
)), passages=(
    Passage(
        text="The light user pays {m50} on the meter and would be foolish to commit ({c50}) or subscribe ({f}). At "
             "350 units the commitment is cheapest ({c350}: {base} for the committed 200 units + {over} for the "
             "other 150). At 2,000 units the flat fee is a bargain: {f} instead of {m2000}. The provider collects "
             "{f} for units that cost it 2,000 × $c$ to serve.\n\n"
             "The model is one function; change any argument and get every way of selling back, at the prices "
             "you give and at each one's own best price:",
        facts=lambda: (lambda b: dict(m50=num(b[0][0]), c50=num(b[1][0]), f=num(b[2][0]), c350=num(b[1][1]),
                                      base=num(200 * 0.10 * 0.7), over=num(150 * 0.10), m2000=num(b[0][2])))(
            cp.plan_bills([50, 350, 2000], price=0.10, fee=50, commit_units=200, commit_discount=0.30)),
        holds=lambda: (lambda b: {"commitment cheapest at 350": b[1][1] < min(b[0][1], b[2][1]),
                                  "meter cheapest at 50": b[0][0] < min(b[1][0], b[2][0]),
                                  "flat cheapest at 2,000": b[2][2] < min(b[0][2], b[1][2])})(
            cp.plan_bills([50, 350, 2000], price=0.10, fee=50, commit_units=200, commit_discount=0.30)),
        cell="1e394437",
    ),
    Passage(
        text="## 5 · What can go wrong\n\n"
             "- **Adverse selection on a flat fee: MoviePass.** An unlimited plan is most attractive to exactly the "
             "customers who cost most to serve. MoviePass sold a movie a day for USD 9.95 a month from August 2017 "
             "and paid cinemas the full price for most tickets; by its own account it had about 3 million subscribers in mid "
             "2018, who saw 2.23 movies a month on average in March 2018. In the third quarter of 2018, after it "
             "had capped the plan at three movies, its cost of revenue (USD 109.6 million) was still larger than "
             "its subscription revenue (USD 78.9 million), and its parent reported substantial doubt that it could "
             "continue as a going concern "
             "(`data.load(\"moviepass\")`, secondary reports of Helios and Matheson's filings). In the AWS preset "
             "the USD 50 fee alone loses {loss} a month; even at its best fee the subscription alone earns "
             "{best}, {ratio} of what the meter earns at its best price.\n"
             "- **A discount deeper than the capacity it saves.** A commitment is worth something to the provider "
             "only through what it saves (here: capacity planned ahead) or the customers it keeps. At a 90 % "
             "discount the AWS preset's menu earns at most {m90} a month, less than the meter alone ({meter}): the "
             "discount cannot be withdrawn from customers who would have paid the meter.\n"
             "- **Bill shock on a meter.** Metered customers carry the risk: a bug, a spike or a forgotten server\n"
             "  becomes a large bill. Some leave, and many pay for a flat rate to avoid it (flat-rate bias).\n"
             "- **Commitments that outlive the need.** A commitment is paid whether used or not. A customer whose\n"
             "  usage falls pays for idle capacity for years; a provider that sells deep discounts locks in a low\n"
             "  price for years too.\n"
             "- **Lock-in and renewal.** A subscription's recurring revenue depends on renewals. Customers resent\n"
             "  losing access to their own files and tools when they stop paying — a complaint Adobe heard when it\n"
             "  ended boxed sales.\n"
             "- **The transition dip.** Moving from licences to subscriptions swaps a large sum up front for small\n"
             "  monthly ones: revenue and profit can fall for years before the recurring base is large enough, as\n"
             "  Adobe's product revenue shows.\n"
             "- **Model risk.** One month, fixed usage and the prices searched within the sliders' ranges are\n"
             "  simplifications; churn, the term of a commitment and the cost of metering are left out. Use the\n"
             "  explorer to see *who* each plan attracts and what each way of selling can earn at its best, not to\n"
             "  forecast a bill.",
        facts=lambda: dict(loss=m(-AWS.run().offer_margin[FLAT]), best=m(AWS.run().best_margin[FLAT]),
                           ratio=pct(_ratio(AWS)), m90=m(AWS.run(commit_discount=0.9).best_margin[MENU]),
                           meter=m(AWS.run(commit_discount=0.9).best_margin[METER])),
        holds=lambda: {"the fee alone loses money": AWS.run().offer_margin[FLAT] < 0,
                       "at 90 % the menu earns less than the meter":
                           AWS.run(commit_discount=0.9).best_margin[MENU] < AWS.run(commit_discount=0.9).best_margin[METER]},
        cell="6bbb4cd8",
    ),
    Passage(
        text="## 6 · Discussion questions\n\n"
             "1. AWS meters and discounts commitments; it sells no flat-rate compute. Adobe sells subscriptions\n"
             "   and no meter. Using the model's levers (spread of usage, cost per unit), explain the difference.\n"
             "2. In the Dropbox-style preset an unlimited fee, even at its best ({fee}), earns {ratio} of what a "
             "meter earns at its best price, and flat-rate bias would have to reach about {bias} a month to reverse "
             "that. Yet Dropbox sells a few plans, each with a storage limit, and no meter. What does the model "
             "leave out that could explain it (the cost of metering and billing, bill shock, churn, a plan's cap "
             "working like a commitment)?\n"
             "3. Your SaaS product has 80 % of customers using very little and 5 % using enormous amounts. Which\n"
             "   plans would you offer, and at what break-even points?\n"
             "4. Is it fair to sell a flat rate to customers who would pay less on the meter? Does the answer\n"
             "   change if they knowingly choose it for peace of mind (Lambrecht & Skiera)?\n"
             "5. A provider offers 72 % off for a three-year commitment. What does it gain besides the revenue\n"
             "   (capacity it can plan, customers who cannot leave), and what risk has it moved to the customer?\n"
             "6. MoviePass priced its flat fee below what its average subscriber cost it. Which of the model's\n"
             "   levers would have warned it, and what could it have sold instead?",
        facts=lambda: {k: v for k, v in _dropbox().items() if k in ("fee", "ratio", "bias")},
        holds=lambda: {"the meter beats the fee for Dropbox at the optimum":
                       DROPBOX.run().best_margin[METER] > DROPBOX.run().best_margin[FLAT]},
        cell="d307e0a7",
    ),
    Passage(
        text="**Model answer.** A unit of cloud computing has a real cost (AWS's operating margin was 37 % in 2024,\n"
             "so most of each dollar pays for servers, power and staff) and usage is spread over orders of magnitude.\n"
             "A flat fee low enough for light users attracts exactly the heaviest users, whose costs exceed it; in the "
             "lesson's AWS-style preset the subscription alone earns at its best fee only {aws} of what the meter "
             "earns at its best price. So AWS meters, and sells commitments at a discount (typically about 30 %): "
             "committed capacity can be planned, and in the model a meter with a commitment discount earns most. "
             "Design software costs almost nothing per extra hour of use, and its users' usage is similar: with no "
             "cost per unit and a spread of usage of 0.2, the Dropbox-style preset's flat fee earns {similar} of "
             "the meter's best margin, against {spread} at a spread of 1.5. A flat fee then loses little and turns "
             "a one-off licence into recurring revenue: Adobe's subscription revenue grew almost sevenfold in four "
             "years. Risks moved to customers: on a meter, bill shock and unused commitments; on a subscription, "
             "losing access to one's tools and files when one stops paying.\n\n"
             "**Rubric (3 points).**\n"
             "* 1 point — uses at least two figures correctly (37 % margin, up to 72 % / about 30 %, USD 673 M →\n"
             "  4,585 M) to support the argument, not just to repeat them.\n"
             "* 1 point — reasons with the model: cost per unit and the spread of usage decide whether a flat fee\n"
             "  attracts loss-making heavy users (adverse selection); a commitment trades a discount for certainty.\n"
             "* 1 point — names one risk for the customer under each choice (bill shock or paying for an unused\n"
             "  commitment; losing access, price rises at renewal or lock-in under a subscription).",
        facts=lambda: dict(aws=pct(_ratio(AWS)), similar=pct(_ratio(DROPBOX, unit_cost=0.0, usage_spread=0.2)),
                           spread=pct(_ratio(DROPBOX, unit_cost=0.0))),
        holds=lambda: {"similar usage brings the fee close to the meter":
                       _ratio(DROPBOX, unit_cost=0.0, usage_spread=0.2) > 0.9 > _ratio(DROPBOX, unit_cost=0.0),
                       "a meter and a commitment earn most in the AWS preset":
                       int(np.argmax(AWS.run().best_margin)) == MENU},
        cell="2c295838", notebook=SOLUTIONS,
    ),
))
