"""Each capstone company's quarter, composed from the lessons' own functions (one class per company).

A firm's state is a plain dict: ``n`` (members per side, thousands) and what its pattern tracks
(paying listeners, committed customers, tokens served). Each class says, per side, what a potential
customer gains a month from the firm (``utility``, money before the firm's calibrated constant),
which share of members re-choose in a quarter (``churn``), how new members split into tiers
(``settle``) and the quarter's users, revenue and cost lines (``book``, currency thousands). A
quarter is three months of the lessons' monthly models, booked at the quarter's closing members.
Every number not named as sourced in ``companies.py`` is illustrative.

* **Music** (lessons 22 + 21): listeners choose on free listening less ad nuisance, the price and
  marketing; inside the firm free listeners convert and churn by lesson 22's ``cohort_path`` with
  conversion ∝ price^−1.5 and paid churn ∝ price³, free churn from lesson 21's ``churn_after``; ad
  revenue per free listener is lesson 21's identity (``monthly_revenue``) at the minutes
  ``minutes_after`` leaves, its CPM cut by 52 % on opted-out listeners after a privacy event.
* **Rides** (lesson 30): each side's value of a platform is lesson 30's (riders: v·s − fee + subsidy;
  drivers: g·b·(m − τ) + guarantee, g from ``seller_sales_at_full``), less the median cost of joining,
  over ``spread × cost``; members re-choose at lesson 30's speed; revenue τ·GMV, costs the subsidies.
* **Developer tool** (lessons 12 + 23): the open part o raises Bass p and q (lesson 12's open and closed
  values, fitted to Red Hat); adopters who pay = (o·s(P) + 1 − o)(1 − L·o); development costs
  D·(1 − c_max·o·F) with the community's share; commitments (d ÷ (d + 15 %) commit) churn half as
  often and cost a quarter less to serve.
* **AI API** (lessons 31 + 23): usage per firm U₀(p/p₀)^−ε, cost per token by Wright's law on the
  tokens served (``wright_exponent``), support tickets answered by the AI cost inference plus the
  people still needed (``human_share`` at the flywheel's quality); committed volume is billed as
  lesson 23's ``plan_bills`` commitment and runs on planned capacity.
"""

from __future__ import annotations

import importlib
import math
from typing import Any, Mapping

from .. import data
from ..models import ad_supported, ai_economics, cloud_pricing, finance, freemium, platform

MONTHS = 3
BASE_INTEREST = 0.03      # a quarter, on negative cash (debt): illustrative
COMMIT_HALF = 0.15        # discount at which half of the paying customers commit: illustrative
COMMIT_CHURN_CUT = 0.5    # committed customers churn half as often: illustrative (lesson 23)


def preset_values(explorer: str, name: str) -> dict[str, Any]:
    """The values of a lesson explorer's preset (widgets/explorers/<explorer>.py PRESETS[name])."""
    return dict(importlib.import_module(f"widgets.explorers.{explorer}").PRESETS[name].values)


def committed_share(discount: float) -> float:
    """Share of paying customers who commit at ``discount``: d ÷ (d + 15 %) (illustrative)."""
    return discount / (discount + COMMIT_HALF) if discount > 0 else 0.0


def steady_conversion(paid: float, free: float, free_churn: float, paid_churn: float) -> float:
    """The monthly conversion at which Premium holds steady over a quarter (lesson 22's funnel), by bisection."""
    low, high = 0.0, 1.0 - free_churn
    for _ in range(60):
        c = (low + high) / 2
        kept = paid * (1 - paid_churn) ** MONTHS + free * freemium.cohort_path(c, free_churn, paid_churn, MONTHS + 1)[1][MONTHS]
        low, high = (c, high) if kept < paid else (low, c)
    return (low + high) / 2


def quarterly(monthly: float) -> float:
    """A monthly leaving rate as the share gone after three months: 1 − (1 − m)³."""
    return 1.0 - (1.0 - monthly) ** MONTHS


def interest(cash: float, env: Mapping[str, float]) -> float:
    """Interest a quarter on debt (negative cash); 3 % unless an event changes it."""
    return max(-cash, 0.0) * env.get("interest", BASE_INTEREST)


class Firm:
    """What every company shares: the rival's lever and floor, the category's Bass p and q."""

    reach = 0.1               # share of the category's non-members who look at the firms again each quarter (illustrative)
    steps = 1                 # choice steps a quarter: customers choose once a quarter
    key: str
    lever: str                # the decision the rival's rule moves (a price or a take rate)
    FLOOR = 0.0               # the rival never sets its lever below this (its unit cost)
    market: dict[str, Any]    # side -> (Bass p, Bass q, potential customers in thousands) or None (fixed)
    reconsider = True         # members re-choose more when the offer got worse (demand.reconsidering)

    def floor(self, st) -> float:
        """The lowest value the rival's rule gives its lever: its unit cost."""
        return self.FLOOR

    def bass(self, side: str, openness: float) -> tuple[float, float]:
        """The category's Bass p and q a year (lesson 12)."""
        return self.market[side][0], self.market[side][1]

    def price_of(self, d) -> float:
        """The decision the rival's rule watches (a price or a take rate)."""
        return d[self.lever]


class Music(Firm):
    """Lessons 22 + 21: a freemium streamer; the free tier carries ads, Premium is a subscription."""

    LESSONS = {"free": "22_freemium_and_subscription", "paying": "22_freemium_and_subscription",
               "Advertising": "21_hidden_revenue", "Marketing": "22_freemium_and_subscription"}

    key = "music"
    sides = ("listeners",)
    scale = {"listeners": 2.0}        # € a month: the logit's spread of tastes (illustrative)
    money_unit = 1.0
    calibrate = True
    reconsider = False                      # the funnel's churn already answers price and ads (lessons 21, 22)
    lever = "price"
    market = {"listeners": (0.01, 0.30, 1_400_000.0)}  # Bass p, q a year; potential listeners (illustrative)
    # Spotify (2024) preset of lesson 22 (price, ad revenue per free user: SP24) and lesson 21's responses.
    P = preset_values("freemium", "Spotify (2024)")
    PAID_CHURN = P["paid_churn"]            # 2 % a month (illustrative in the preset)
    FREE_CHURN = P["free_churn"]            # 3 % a month (illustrative)
    PRICE0, AD_REVENUE0 = P["price"], P["ad_revenue"]
    COST_PAID, COST_FREE = P["cost_paid"], P["cost_free"]
    FLOOR = COST_PAID                       # the rival never prices below the cost of serving a subscriber
    TRIAL = P["trial_conversion"]           # share of free listeners who pay when the free tier closes
    _SP24 = data.load("spotify").set_index("year").loc[2024]         # Spotify's Q4 2024 update (SP24)
    PAYING0, LISTENERS0 = _SP24.premium_subscribers_m * 1000.0, _SP24.mau_m * 1000.0   # thousands
    CONVERSION0 = steady_conversion(PAYING0, LISTENERS0 - PAYING0, FREE_CHURN, PAID_CHURN)
    AD_LOAD0, MINUTES0 = 10, 60             # ads an hour and minutes a day on the free tier (illustrative)
    # Lesson 21's responses, sized so that today's ad load is the long-run revenue maximum, 1 ÷ (ε + κ) = 10
    # (as lesson 21's presets put Meta's 40 an hour there): illustrative.
    TIME_SENSITIVITY, CHURN_SENSITIVITY = 0.06, 0.04
    CPM0 = ad_supported.implied_cpm(AD_REVENUE0 * 3, 1.0, 365 / 12 * 3, MINUTES0, AD_LOAD0)
    PRICE_ELASTICITY, CHURN_ELASTICITY = 1.5, 3.0   # conversion ∝ price^−1.5, paid churn ∝ price³ (illustrative)
    FIXED = 600_000.0                       # € thousand a quarter: R&D and admin (illustrative)
    FREE_VALUE, AD_NUISANCE, MARKETING_VALUE = 3.0, 0.1, 1.5   # € a month (illustrative)

    def start(self, rival: bool) -> dict[str, Any]:
        """Spotify's listeners and subscribers at the end of 2024; the rival: 100 million paying (illustrative)."""
        if rival:
            return {"n": {"listeners": 100_000.0}, "paid": 100_000.0}
        return {"n": {"listeners": self.LISTENERS0}, "paid": self.PAYING0}

    def rival_decisions(self, round_: int) -> dict[str, float]:
        """A pay-only rival at €5.50 a month (illustrative)."""
        return {"price": 5.50, "free_tier": 0, "ad_load": 0, "marketing": 400}

    def rates(self, d: Mapping[str, float]) -> tuple[float, float, float]:
        """Monthly conversion, free churn (lesson 21's churn_after) and paid churn at these decisions."""
        ratio = d["price"] / self.PRICE0
        conversion = min(0.2, self.CONVERSION0 * ratio ** -self.PRICE_ELASTICITY)
        free_churn = float(ad_supported.churn_after(self.FREE_CHURN, self.CHURN_SENSITIVITY,
                                                    d["ad_load"] - self.AD_LOAD0))
        paid_churn = min(0.3, self.PAID_CHURN * ratio ** self.CHURN_ELASTICITY)
        return conversion, free_churn, paid_churn

    def utility(self, side: str, d, st, env) -> float:
        """€ a month: free listening minus ad nuisance, minus the price (weighted less when free is an option), plus reach."""
        free = d["free_tier"] * (self.FREE_VALUE - self.AD_NUISANCE * d["ad_load"])
        price_weight = 0.4 if d["free_tier"] else 1.0
        return free - price_weight * d["price"] + self.MARKETING_VALUE * math.log1p(d["marketing"] / 400)

    def churn(self, side: str, d, st, env) -> float:
        """Share of listeners gone after the quarter: the freemium funnel (lesson 22's cohort_path)."""
        kept = self._kept(d, st)
        n = st["n"]["listeners"]
        return 1.0 - (kept[0] + kept[1]) / n if n > 0 else 0.0

    def _kept(self, d, st) -> tuple[float, float]:
        """Free and paying listeners left after the quarter from today's, before newcomers."""
        paid, free = st["paid"], st["n"]["listeners"] - st["paid"]
        conversion, free_churn, paid_churn = self.rates(d)
        if not d["free_tier"]:          # the free tier closes: a trial's share pay, the rest leave
            return 0.0, (paid + self.TRIAL * free) * (1 - paid_churn) ** MONTHS
        free_path, paid_path = freemium.cohort_path(conversion, free_churn, paid_churn, months=MONTHS + 1)
        return free * free_path[MONTHS], paid * (1 - paid_churn) ** MONTHS + free * paid_path[MONTHS]

    def settle(self, d, st, members: Mapping[str, float], env) -> dict[str, Any]:
        """Newcomers start free if there is a free tier, else they pay."""
        free_kept, paid_kept = self._kept(d, st)
        newcomers = max(members["listeners"] - free_kept - paid_kept, 0.0)
        paid = paid_kept + (0.0 if d["free_tier"] else newcomers)
        return {"n": {"listeners": free_kept + paid_kept + newcomers}, "paid": paid}

    def figures(self, d, st, env) -> dict[str, tuple[float, str, str]]:
        """The rates behind the quarter, and a Premium subscriber's lifetime value (Gupta & Lehmann's m·r / (1 + i − r))."""
        conversion, free_churn, paid_churn = self.rates(d)
        ltv = finance.lifetime_value(d["price"] - self.COST_PAID, 1 - paid_churn, finance.monthly_rate(0.10))
        return {"Free → Premium conversion a month": (conversion, "share", "22_freemium_and_subscription"),
                "Free listeners leaving a month": (free_churn, "share", "21_hidden_revenue"),
                "Subscribers cancelling a month": (paid_churn, "share", "22_freemium_and_subscription"),
                "Ad revenue per free listener a month": (self.ad_revenue_per_free(d, env) * d["free_tier"], "€",
                                                         "21_hidden_revenue"),
                "Lifetime value of a subscriber (10 % a year)": (ltv, "€", "22_freemium_and_subscription")}

    def ad_revenue_per_free(self, d, env) -> float:
        """€ a month per free listener: lesson 21's identity at the minutes that ad load leaves, after opt-outs."""
        delta = d["ad_load"] - self.AD_LOAD0
        minutes = ad_supported.minutes_after(self.MINUTES0, self.TIME_SENSITIVITY, delta)
        cpm = self.CPM0 * (1 - env.get("opt_out", 0.0) * 0.52)
        return float(ad_supported.monthly_revenue(1.0, minutes, d["ad_load"], cpm))

    def book(self, d, st, env, cash: float):
        """Listeners by tier; Premium and ad revenue; royalties and streaming, marketing, fixed costs, interest."""
        paid = st["paid"]
        free = st["n"]["listeners"] - paid
        users = {"free": free, "paying": paid}
        revenue = {"Premium subscriptions": MONTHS * paid * d["price"],
                   "Advertising": MONTHS * free * self.ad_revenue_per_free(d, env) * d["free_tier"]}
        costs = {"Royalties and streaming, Premium": MONTHS * paid * self.COST_PAID,
                 "Royalties and streaming, free": MONTHS * free * self.COST_FREE,
                 "Marketing": d["marketing"] * 1000.0, "Fixed costs": self.FIXED,
                 "Interest on debt": interest(cash, env)}
        return users, revenue, costs


class Rides(Firm):
    """Lesson 30: a two-sided ride-hailing launch; each side joins for the other, subsidies buy the start."""

    LESSONS: dict[str, str] = {}

    key = "rides"
    sides = ("riders", "drivers")
    money_unit = 1.0
    calibrate = False
    reconsider = False                              # members already re-choose at lesson 30's speed
    lever, FLOOR = "take_rate", 0.10        # a take rate that covers the cost of a ride (illustrative)
    market = {"riders": None, "drivers": None}      # the city's potential riders and drivers are all in the market
    P = platform.PARAMETERS.validate(preset_values("platform", "Ride-hailing launch (Uber's take rate)"))
    scale = {"riders": P.spread * P.buyer_cost, "drivers": P.spread * P.seller_cost}
    steps = MONTHS                                  # riders and drivers choose month by month, as in lesson 30
    reach = P.speed                                 # lesson 30's speed of adjustment: 30 % of the gap a month
    FIXED = 300.0                                   # $ thousand a quarter: city operations (illustrative)
    RIVAL_START = 0.03                              # the rival's start on each side (illustrative)

    def start(self, rival: bool) -> dict[str, Any]:
        """Both sides at lesson 30's 2 % start; the rival a little ahead at 3 % (illustrative)."""
        share = self.RIVAL_START if rival else self.P.start_share
        return {"n": {"riders": share * self.P.buyers_market, "drivers": share * self.P.sellers_market}}

    def rival_decisions(self, round_: int) -> dict[str, float]:
        """The rival pays riders USD 10 and guarantees drivers USD 650 a month for its first four quarters (lesson
        30's 12-month launch)."""
        return {"rider_subsidy": 10 if round_ <= self.P.subsidy_months // MONTHS else 0,
                "driver_subsidy": 650 if round_ <= self.P.subsidy_months // MONTHS else 0,
                "take_rate": 0.27}

    def potential(self, side: str) -> float:
        """The city's potential riders or drivers (thousand)."""
        return self.P.buyers_market if side == "riders" else self.P.sellers_market

    def utility(self, side: str, d, st, env) -> float:
        """$ a month (lesson 30): rider v·s − fee + subsidy − k_B; driver g·b·(m − τ) + guarantee − k_S."""
        b = st["n"]["riders"] / self.P.buyers_market
        s = st["n"]["drivers"] / self.P.sellers_market
        if side == "riders":
            return self.P.buyer_value * s - self.P.buyer_fee + d["rider_subsidy"] - self.P.buyer_cost
        g = platform.seller_sales_at_full(self.P)
        weight = env.get("take_rate_weight", 1.0)
        return g * b * (self.P.seller_margin - weight * d["take_rate"]) + d["driver_subsidy"] - self.P.seller_cost

    def churn(self, side: str, d, st, env) -> float:
        """Members re-choose at lesson 30's speed of adjustment (30 % a month)."""
        return self.reach

    def settle(self, d, st, members, env):
        """Members are the state: riders and drivers on board."""
        return {"n": dict(members)}

    def figures(self, d, st, env) -> dict[str, tuple[float, str, str]]:
        """Each side's share on board, and the take rate a median driver on a full platform tolerates (lesson 30)."""
        lesson = "30_platforms_and_network_effects"
        values = platform.PARAMETERS.validate({**self.P, "take_rate": d["take_rate"]})
        return {"Riders on board": (st["n"]["riders"] / self.P.buyers_market, "share of the city", lesson),
                "Drivers on board": (st["n"]["drivers"] / self.P.sellers_market, "share of the city", lesson),
                "Take rate a median driver tolerates on a full platform": (platform.tolerated_take_rate(values),
                                                                           "share of fares", lesson)}

    def book(self, d, st, env, cash: float):
        """Riders and drivers; the take on fares (τ · GMV); subsidies, operations, interest."""
        riders, drivers = st["n"]["riders"], st["n"]["drivers"]
        gmv = riders * self.P.spend * drivers / self.P.sellers_market       # $ thousand a month
        users = {"riders": riders, "drivers": drivers}
        revenue = {"Take on fares": MONTHS * d["take_rate"] * gmv}     # riders pay no fee in this city (f = 0)
        costs = {"Rider subsidies": MONTHS * riders * d["rider_subsidy"],
                 "Driver guarantees": MONTHS * drivers * d["driver_subsidy"],
                 "City operations": self.FIXED, "Interest on debt": interest(cash, env)}
        return users, revenue, costs


class DevTool(Firm):
    """Lessons 12 + 23: an open-source / open-core developer tool with optional multi-year commitments."""

    LESSONS = {"Serving paying customers": "23_cloud_subscription_and_pay_per_use"}

    key = "devtool"
    sides = ("organisations",)
    scale = {"organisations": 1.0}    # $ thousand a month (illustrative)
    money_unit = 1000.0               # utilities are in $ thousand
    calibrate = True
    lever = "price"
    P = preset_values("open_source", "Red Hat-style subscription")
    market = {"organisations": (None, None, P["market_size"])}   # Red Hat fit's potential adopters
    SERVE_COST = 4.0                  # $ thousand a year to support a paying organisation (illustrative)
    FLOOR = SERVE_COST                # the rival never prices below it
    CAPACITY_SAVING = 0.25            # committed customers cost a quarter less to serve (AWS preset, illustrative)
    CHURN = 0.01                      # a month (illustrative)
    SUBSCRIBE_ELASTICITY = 1.25       # how the share of open-code users who subscribe answers the price
    OPEN_VALUE = 0.5                  # $ thousand a month an organisation gains from fully open code (illustrative)
    # Adopters at the start (thousand): Red Hat's FY2011 subscription revenue (RH-FY11) ÷ the price ÷ the share who pay.
    START = (float(data.load("red_hat").set_index("fiscal_year").loc[2011, "subscription_revenue_usd_m"])
             / P["subscription_price"] / (P["paying_share"] * (1 - P["leakage"])))

    def start(self, rival: bool) -> dict[str, Any]:
        """Red Hat's FY2011 adopters; the closed rival 60 thousand (illustrative)."""
        return {"n": {"organisations": 60.0 if rival else self.START}, "committed": 0.0}

    def rival_decisions(self, round_: int) -> dict[str, float]:
        """A closed rival selling licences at USD 20 thousand a year (illustrative)."""
        return {"open_share": 0.0, "price": 20.0, "commit_discount": 0.0}

    def bass(self, side: str, openness: float) -> tuple[float, float]:
        """Lesson 12: a more open product spreads faster: p and q move from the closed to the open values."""
        p = self.P["p_closed"] + (self.P["p_open"] - self.P["p_closed"]) * openness
        q = self.P["q_closed"] + (self.P["q_open"] - self.P["q_closed"]) * openness
        return p, q

    def paying_share(self, d, env) -> float:
        """Adopters who pay: all of the closed part, the subscribing share of the open part, less leakage (lesson 12).

        The subscribing share answers the price: s = s₀ · (P / P₀)^(−1.25) (illustrative; at 1.25 the
        subscription's profit-maximising price, cost × 1.25 ÷ 0.25, is the starting USD 20 thousand)."""
        o = d["open_share"]
        leakage = env.get("leakage", self.P["leakage"])
        return (o * self.subscribing(d["price"]) + (1 - o)) * (1 - leakage * o)

    def subscribing(self, price: float) -> float:
        """Share of open-code users who subscribe at ``price``: s₀ · (P / P₀)^(−1.25), at most 1."""
        return min(1.0, self.P["paying_share"] * (price / self.P["subscription_price"]) ** -self.SUBSCRIBE_ELASTICITY)

    def utility(self, side, d, st, env) -> float:
        """$ thousand a month: the open code's value and its subscribers' surplus s·P/(η − 1), minus the closed part's price."""
        k = committed_share(d["commit_discount"])
        price = d["price"] * (1 - k * d["commit_discount"])
        o = d["open_share"]
        surplus = self.subscribing(price) * price / (self.SUBSCRIBE_ELASTICITY - 1) / 12
        return o * (self.OPEN_VALUE + surplus) - (1 - o) * price / 12

    def churn(self, side, d, st, env) -> float:
        """Committed paying customers churn half as often (lesson 23)."""
        cut = COMMIT_CHURN_CUT * committed_share(d["commit_discount"]) * self.paying_share(d, env)
        return quarterly(self.CHURN * (1 - cut))

    def settle(self, d, st, members, env):
        """Adopters, and the share of paying customers committed at this quarter's discount."""
        return {"n": dict(members), "committed": committed_share(d["commit_discount"])}

    def figures(self, d, st, env) -> dict[str, tuple[float, str, str]]:
        """Who pays, how much of the work the community does, who commits."""
        n = st["n"]["organisations"]
        return {"Adopters who pay": (self.paying_share(d, env), "share", "12_open_source_and_open_business"),
                "Development done by the community": (self.P["community_share"] * d["open_share"] * n
                                                      / self.P["market_size"], "share", "12_open_source_and_open_business"),
                "Paying customers who commit": (st["committed"], "share", "23_cloud_subscription_and_pay_per_use")}

    def book(self, d, st, env, cash: float):
        """Free and paying adopters; subscriptions and licences; development less the community's share, support."""
        n = st["n"]["organisations"]
        paying = n * self.paying_share(d, env)
        k = st["committed"]
        community = self.P["community_share"] * d["open_share"] * n / self.P["market_size"]
        users = {"free": n - paying, "paying": paying}
        revenue = {"Subscriptions and licences": paying * d["price"] * (1 - k * d["commit_discount"]) * 1000 / 4}
        costs = {"Development (net of the community's share)": self.P["dev_cost"] * 1000 / 4 * (1 - community),
                 "Serving paying customers": paying * self.SERVE_COST * (1 - k * self.CAPACITY_SAVING) * 1000 / 4,
                 "Interest on debt": interest(cash, env)}
        return users, revenue, costs


class AiApi(Firm):
    """Lessons 31 + 23: an AI API sold by the token; Wright's-law costs, AI-run support, committed volume."""

    LESSONS = {"Tokens sold": "23_cloud_subscription_and_pay_per_use"}

    key = "ai_api"
    sides = ("developers",)
    scale = {"developers": 50.0}      # $ a month (illustrative)
    money_unit = 1.0
    calibrate = True
    lever = "price"
    market = {"developers": (0.05, 1.0, 100.0)}     # Bass p, q; potential 100 thousand firms (illustrative)
    P = ai_economics.PARAMETERS.validate(preset_values("ai_economics", "GPT-4-class API from its March 2023 price"))
    B = ai_economics.wright_exponent(P.learning)
    START = 10.0                      # thousand developer firms (illustrative)
    USAGE0 = P.tasks_start * P.tokens_per_task / START   # million tokens a firm a month at launch (20,000 ÷ 10)
    EXPERIENCE0 = ai_economics.EXPERIENCE_AT_LAUNCH * START * USAGE0   # Wright's E_0 (million tokens)
    TICKETS = 5.0                     # support tickets a customer a month (illustrative)
    ERROR_COST = 5.0                  # $ a customer loses on a wrongly answered ticket (illustrative)
    CHURN = 0.03                      # a month (illustrative)
    CAPACITY_SAVING = 0.25            # as lesson 23's AWS preset (illustrative)
    FIXED = 500.0                     # $ thousand a quarter (illustrative)

    def start(self, rival: bool) -> dict[str, Any]:
        """Ten thousand developer firms each, with a year of launch volume as experience (lesson 31's E₀)."""
        return {"n": {"developers": self.START}, "served": self.EXPERIENCE0, "before": self.EXPERIENCE0,
                "committed": 0.0}

    def rival_decisions(self, round_: int) -> dict[str, float]:
        """A rival API at the same launch price, without commitments (illustrative)."""
        return {"price": 37.5, "automation": 0.0, "commit_discount": 0.0}

    def unit_cost(self, served: float) -> float:
        """$ per million tokens by Wright's law (lesson 31): c₀ · (E / E₀)^(−b), E = tokens served before."""
        return self.P.cost_start * (served / self.EXPERIENCE0) ** -self.B

    def floor(self, st) -> float:
        """The rival never prices below its own unit cost."""
        return self.unit_cost(st["served"])

    def quality(self, served: float) -> float:
        """Share of tickets the AI gets right: lesson 31's flywheel on the tasks served so far."""
        best = ai_economics.quality_max(self.P)
        tasks = (served - self.EXPERIENCE0) / self.P.tokens_per_task   # billion tokens ÷ thousand a task = million tasks
        return best - (best - self.P.quality_start) * math.exp(-tasks / self.P.flywheel)

    def effective_price(self, d) -> float:
        """The average price paid after commitments: committed tokens bill at p·(1 − d) (lesson 23's plan_bills)."""
        k = committed_share(d["commit_discount"])
        bills = cloud_pricing.plan_bills(1.0, d["price"], 0.0, 1.0, d["commit_discount"])
        return float((1 - k) * bills[0] + k * bills[1])

    def usage(self, d, env) -> float:
        """Million tokens a firm a month: U₀ · (p / p₀)^(−ε) (lesson 31), times any event's boost."""
        ratio = self.effective_price(d) / self.P.price_start
        return self.USAGE0 * ratio ** -self.P.price_elasticity * env.get("usage_factor", 1.0)

    def utility(self, side, d, st, env) -> float:
        """$ a month: a constant-elasticity user's surplus p·U/(ε − 1), minus the cost of the AI's wrong answers."""
        surplus = self.effective_price(d) * self.usage(d, env) / (self.P.price_elasticity - 1)
        errors = d["automation"] * self.TICKETS * (1 - self.quality(st["served"])) * self.ERROR_COST
        return surplus - errors

    def churn(self, side, d, st, env) -> float:
        """3 % a month, halved for committed customers (lesson 23), over a quarter."""
        return quarterly(self.CHURN * (1 - COMMIT_CHURN_CUT * committed_share(d["commit_discount"])))

    def settle(self, d, st, members, env):
        """Tokens served this quarter move the firm down the learning curve for the next quarter."""
        tokens = MONTHS * members["developers"] * self.usage(d, env)
        return {"n": dict(members), "served": st["served"] + tokens, "before": st["served"],
                "committed": committed_share(d["commit_discount"])}

    def figures(self, d, st, env) -> dict[str, tuple[float, str, str]]:
        """Cost, quality and usage behind the quarter (lesson 31) and who commits (lesson 23)."""
        lesson = "31_ai_business_models"
        return {"Inference cost per million tokens": (self.unit_cost(st["before"]), "$", lesson),
                "Tickets the AI gets right": (self.quality(st["before"]), "share", lesson),
                "Tickets people still handle": (ai_economics.human_share(self.quality(st["before"]),
                                                                         self.P.review_floor), "share", lesson),
                "Tokens a firm uses a month": (self.usage(d, env), "million", lesson),
                "Margin survives price cuts if ε · b ≥ 1": (self.P.price_elasticity * self.B, "ε · b", lesson),
                "Customers who commit": (st["committed"], "share", "23_cloud_subscription_and_pay_per_use")}

    def book(self, d, st, env, cash: float):
        """Developer firms; tokens sold; inference by Wright's law, support by people and the AI, fixed costs, interest."""
        n = st["n"]["developers"]
        tokens = MONTHS * n * self.usage(d, env)            # million tokens in the quarter
        cost = self.unit_cost(st["before"])
        k = st["committed"]
        tickets = MONTHS * n * self.TICKETS                 # thousand tickets
        people = ai_economics.human_share(self.quality(st["before"]), self.P.review_floor)
        ticket_ai = cost * self.P.tokens_per_task / 1000 + people * self.P.human_cost
        users = {"developers": n}
        revenue = {"Tokens sold": tokens * self.effective_price(d)}
        costs = {"Inference": tokens * cost * (1 - k * self.CAPACITY_SAVING),
                 "Support": tickets * ((1 - d["automation"]) * self.P.human_cost + d["automation"] * ticket_ai),
                 "Fixed costs": self.FIXED, "Interest on debt": interest(cash, env)}
        return users, revenue, costs


SPECS = {spec.key: spec for spec in (Music(), Rides(), DevTool(), AiApi())}


def spec(key: str):
    """The firm for a company key: one of SPECS, or a base with pattern add-ons (addons.spec)."""
    if key in SPECS:
        return SPECS[key]
    from . import addons
    return addons.spec(key)
