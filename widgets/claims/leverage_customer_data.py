"""Lesson 20's things to try and quoted numbers, computed by the flywheel and daily-deal models."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from widgets import data
from widgets.explorers.customer_data import AMAZON_MARGINS, PRESETS
from widgets.explorers.daily_deals import PRESETS as DEAL_PRESETS
from widgets.models import customer_data as cd
from widgets.models import daily_deals as dd

from . import LessonClaims, Passage, Setting, Tries, attempt, money, num, pct

SOLUTIONS = "solutions/20_leverage_customer_data.ipynb"
AMAZON = Setting(cd, PRESETS["Amazon-style retailer (ads, 2025)"])
AIRBNB = Setting(cd, PRESETS["Airbnb-style marketplace (2021–2024)"])
APP = Setting(cd, PRESETS["Free app after App Tracking Transparency (2021)"])
# the daily-deal model is called merchant_economics; Setting runs a module's ``simulate``
DEALS = SimpleNamespace(PARAMETERS=dd.PARAMETERS, simulate=dd.merchant_economics, takeaway=dd.takeaway)
LOSING = Setting(DEALS, DEAL_PRESETS["Unprofitable deal (merchant survey, 2010)"])
GROUPON = Setting(DEALS, DEAL_PRESETS["Groupon's 2011 take (40 % of billings)"])


def _verdict(setting: Setting, **changes) -> str:
    return cd.verdict(setting.run(**changes))


def _usd(millions: float) -> str:
    """Money in millions as the lesson writes it: 'USD 23.9 billion', 'USD 866 million'."""
    return money(millions / 1000, 1, "billion") if abs(millions) >= 1000 else money(millions, 0, "million")


def _first(values, condition):
    """The first value (on a slider's grid) at which ``condition`` holds."""
    return next(float(v) for v in values if condition(float(v)))


def _grid(low: float, high: float, step: float) -> np.ndarray:
    return np.round(np.arange(low, high + step / 2, step), 10)


# --- the flywheel explorer's tries ------------------------------------------------------------

ALPHAS = _grid(AMAZON.values.learning_exponent, 1.0, 0.01)
LOSS_AT = _first(_grid(AMAZON.values.holding_cost, 50.0, 0.05), lambda h: AMAZON.run(holding_cost=h).advantage < 0)


def _flattening():
    a0, d0 = AMAZON.values.learning_exponent, AMAZON.values.data_scale
    start, fast = AMAZON.run(), AMAZON.run(learning_exponent=1.0)
    easy = AMAZON.run(learning_exponent=1.0, data_scale=5.0)
    return dict(a0=num(a0, 1), q0=pct(start.quality_final), q1=pct(fast.quality_final), g0=cd.gap(start.rival_gap),
                g1=cd.gap(fast.rival_gap), x=num(start.data_final / d0), x5=num(easy.data_final / 5.0),
                g5=cd.gap(easy.rival_gap), g5b=cd.gap(AMAZON.run(data_scale=5.0).rival_gap))


def _opt_out():
    before, after = AMAZON.run(), AMAZON.run(opt_out=0.88)
    return dict(o0=pct(AMAZON.values.opt_out), adv0=_usd(before.advantage), adv88=_usd(after.advantage),
                left=pct(after.advantage / before.advantage, 1), g88=cd.gap(after.rival_gap))


def _liability():
    kept, forever = AMAZON.run(holding_cost=LOSS_AT), AMAZON.run(holding_cost=LOSS_AT, data_decay=0.0)
    return dict(h=money(LOSS_AT, 2), loss=_usd(-kept.advantage), d0=pct(AMAZON.values.data_decay),
                loss0=_usd(-forever.advantage), gA=cd.gap(kept.rival_gap), gB=cd.gap(forever.rival_gap))


def _harder():
    easy, hard = AMAZON.run(), AMAZON.run(data_scale=1000.0)
    return dict(d0=num(AMAZON.values.data_scale), q50=pct(easy.quality_final), q1000=pct(hard.quality_final),
                adv=_usd(easy.advantage), adv1000=_usd(hard.advantage), g1000=cd.gap(hard.rival_gap))


def _airbnb():
    drawn, flat = AIRBNB.run(), AIRBNB.run(user_pull=0.0)
    return dict(adv=_usd(drawn.advantage), adv0=_usd(flat.advantage), drawn=pct(1 - flat.advantage / drawn.advantage))


TRIES = Tries("19f4d81a", (
    attempt(
        "Find the flattening.",
        "Raise the *learning-curve exponent α* from {a0} to 1.0 step by step and watch the right chart: the firm's "
        "matching quality climbs from {q0} to {q1}, yet the sentence keeps saying moat (a rival with a tenth of the "
        "data earns {g0} less in all at α = {a0}, {g1} at α = 1.0). The firm holds only about {x} times the data "
        "scale D₀, and α alone never flattens the curve. Flattening comes from the data held *relative to* D₀: "
        "keep "
        "α at 1.0 and lower *data scale D₀* to 5 (an easier problem: the firm now holds about {x5} times what it "
        "needs). The sentence says returns have flattened; the rival earns only {g5} less in all. Set α back to "
        "{a0}: at D₀ = 5 the sentence says moat again ({g5b} less), because with a small α quality rises slowly and "
        "keeps rising. What kind of problem needs little data?",
        facts=_flattening,
        holds=lambda: {
            "every α from the preset's to 1.0 leaves a moat at the preset's D₀":
                all(_verdict(AMAZON, learning_exponent=a) == "moat" for a in ALPHAS),
            "no α up to 1.0 flattens the curve at the preset's D₀":
                all(AMAZON.run(learning_exponent=a).quality_gain >= cd.FLAT_GAIN for a in ALPHAS),
            "quality climbs with α": AMAZON.run(learning_exponent=1.0).quality_final > AMAZON.run().quality_final,
            "α = 1.0 and D₀ = 5: the sentence says returns have flattened":
                AMAZON.say(learning_exponent=1.0, data_scale=5.0).startswith("Returns have flattened"),
            "preset α and D₀ = 5: the sentence says moat": AMAZON.say(data_scale=5.0).startswith("Data is a moat"),
        },
    ),
    attempt(
        "Turn tracking off.",
        "Pin the scenario, then move *users who opt out of tracking* from {o0} to 88 % (the early App Tracking "
        "Transparency rate). The loop's extra profit falls from {adv0} to {adv88} (only {left} of it is left), and "
        "the sentence no longer says moat: a rival with a tenth of the data earns only {g88} less in all, a modest "
        "edge.",
        facts=_opt_out,
        holds=lambda: {"moat at the preset": _verdict(AMAZON) == "moat",
                       "a modest edge at 88 % opt-out": AMAZON.say(opt_out=0.88).startswith("A modest edge")},
    ),
    attempt(
        "Data as a liability.",
        "Raise the *cost of holding data*: at {h} per user-year the loop starts to lose money (cumulative profit "
        "{loss} lower than without it). Now lower *data that goes stale* from {d0} to 0 % (keep everything "
        "forever): the loss grows to {loss0}. The extra data costs more than the little it adds to matching: the "
        "rival's shortfall even shrinks, from {gA} to {gB} less in all, because the curve is flatter where the firm "
        "now sits.",
        facts=_liability,
        holds=lambda: {
            "the loop loses money at that cost": AMAZON.say(holding_cost=LOSS_AT).startswith("The loop loses money"),
            "one step cheaper it does not": AMAZON.run(holding_cost=round(LOSS_AT - 0.05, 2)).advantage >= 0,
            "keeping everything makes the loss larger":
                AMAZON.run(holding_cost=LOSS_AT, data_decay=0.0).advantage < AMAZON.run(holding_cost=LOSS_AT).advantage,
            "the rival's shortfall shrinks":
                AMAZON.run(holding_cost=LOSS_AT, data_decay=0.0).rival_gap < AMAZON.run(holding_cost=LOSS_AT).rival_gap,
            "the curve is flatter there": AMAZON.run(holding_cost=LOSS_AT, data_decay=0.0).quality_gain
                < AMAZON.run(holding_cost=LOSS_AT).quality_gain,
        },
    ),
    attempt(
        "A harder problem.",
        "Raise *data scale D₀* from {d0} to 1,000 (a problem that needs twenty times more data, say fraud detection "
        "instead of \"people who bought this\"). After ten years the firm's matching quality is only {q1000} "
        "instead of {q50}, and the loop's extra profit falls from {adv} to {adv1000}. Yet a rival with a tenth of "
        "the data still earns {g1000} less in all, and the sentence still says moat: nobody learns much, but the "
        "firm with more data still learns more.",
        facts=_harder,
        holds=lambda: {"still a moat at D₀ = 1,000": AMAZON.say(data_scale=1000.0).startswith("Data is a moat"),
                       "the extra profit falls": AMAZON.run(data_scale=1000.0).advantage < AMAZON.run().advantage},
    ),
    attempt(
        "Airbnb.",
        "Switch to the Airbnb preset and set *extra new users from matching* to 0 %: the loop's extra profit falls "
        "from {adv} to {adv0}, so {drawn} of its advantage came from drawing guests rather than from earning more "
        "per night.",
        facts=_airbnb,
        holds=lambda: {"the advantage falls without drawn users":
                       0 < AIRBNB.run(user_pull=0.0).advantage < AIRBNB.run().advantage},
    ),
))


# --- the daily-deal explorer's tries (a second "Things to try" cell, numbered on) --------------

COSTS = _grid(LOSING.values.variable_cost, 1.0, 0.01)
NO_RESCUE = _first(COSTS, lambda k: LOSING.run(variable_cost=k).break_even_return > 1)
RETURNS = _grid(LOSING.values.return_rate, 1.0, 0.01)
PAYS_AT = _first(RETURNS, lambda r: LOSING.run(return_rate=r).profit > 0)


def _deals():
    return dict(now=pct(LOSING.values.return_rate), pays=pct(PAYS_AT), star=pct(LOSING.run().break_even_return, 1),
                gain=money(LOSING.run(return_rate=PAYS_AT).profit, 2), edge=pct(round(NO_RESCUE - 0.01, 2)),
                k1=pct(NO_RESCUE), cannibal=pct(LOSING.run().break_even_return, 1),
                cannibal60=pct(LOSING.run(existing_customers=0.6).break_even_return, 1),
                loss40=money(-GROUPON.run().profit, 2), take=pct(GROUPON.values.platform_share))


DEAL_TRIES = Passage(
    cell="acdbbbd2",
    text="""### Things to try

6. **When does it pay?** With the unprofitable preset ({now} of new customers come back), raise *new customers who
   come back*: at {pays} the sentence says the deal pays ({gain} a voucher); the break-even rate is {star}, well
   below the 31 % of the profitable group.
7. **Who should never run a deal?** Raise the *merchant's cost to serve*. Up to {edge} of list price some return
   rate still rescues the deal; at {k1} the sentence says it cannot pay, even if every new customer came back. (A
   yoga studio with empty slots and a restaurant paying for food and staff sit at opposite ends.)
8. **Cannibalisation.** Set *buyers who were already customers* to 60 %. The break-even return rate jumps from
   {cannibal} to {cannibal60}: every voucher sold to a regular replaces a full-price visit, the merchant's hidden
   cost.
9. **The platform's cut.** Switch to *Groupon's 2011 take*, which keeps {take} (its revenue was 40.4 % of billings
   in 2011): the unprofitable merchant still loses {loss40} a voucher. What share would Groupon have to keep for
   that merchant to break even? (Exercise question 4 asks you to compute it.)""",
    facts=_deals,
    holds=lambda: {
        "the deal loses money at the preset": LOSING.run().profit < 0,
        "it pays at that return rate and not one step lower":
            "the deal earns the merchant" in LOSING.say(return_rate=PAYS_AT)
            and LOSING.run(return_rate=round(PAYS_AT - 0.01, 2)).profit <= 0,
        "one step below that cost some return rate rescues the deal":
            LOSING.run(variable_cost=round(NO_RESCUE - 0.01, 2)).break_even_return <= 1,
        "at that cost the sentence says it cannot pay": "it cannot pay" in LOSING.say(variable_cost=NO_RESCUE),
        "cannibalisation raises the break-even rate":
            LOSING.run(existing_customers=0.6).break_even_return > LOSING.run().break_even_return,
        "Groupon's 2011 take still loses the merchant money": GROUPON.run().profit < 0,
    },
)


# --- quoted numbers in the lesson's text ------------------------------------------------------

MODEL = Passage(
    cell="a581716a",
    text=r"""## 3 · The model: a data flywheel

We follow one firm for ten years, with the loop and without it. In year $t$ it has $N_t$ million
users; a share $o$ of them **opt out** of tracking. The tracked users add a year of data each, and a
share $\delta$ of the data held goes stale or is deleted every year:

$$D_t = (1-\delta)\,D_{{t-1}} + (1-o)\,N_t \qquad (D_0 = 0,\ \text{{million user-years}}).$$

**Learning curve.** The data collected up to last year sets the quality of matching,

$$q_t = 1 - \left(1 + \frac{{D_{{t-1}}}}{{D_0}}\right)^{{-\alpha}}, \qquad 0 \le q_t < 1,$$

a **power law**: the remaining matching error falls as data$^{{-\alpha}}$. This is the form the
data-scaling literature measures for prediction error (Hestness et al., 2017, found exponents
between about 0.07 and 0.35 across language, speech and image tasks). $D_0$ says how much data the
problem needs. Whether returns have **flattened** depends on the data held *relative to* $D_0$:
doubling the data adds $(1+x)^{{-\alpha}} - (1+2x)^{{-\alpha}}$ of quality at $x = D/D_0$, which becomes
small once $x$ is large, whatever $\alpha$. The exponent $\alpha$ sets how much quality a given $x$
buys and how fast each extra unit of data loses worth; on its own it does not flatten the curve (a
larger $\alpha$ can even widen a lead, as the first thing to try shows).

**What matching is worth.** Only tracked users get personalised matching, so the share of the
possible lift a firm realises is $m_t = (1-o)\,q_t$. Value per user (the **contribution**: margin on
purchases, fees or ad yield) and new users rise with it:

$$v_t = b\,(1 + \lambda\, m_t), \qquad N_{{t+1}} = (1-c)\,N_t + A\,(1 + \kappa\, m_t),$$

where $b$ is value per user without personalisation, $\lambda$ and $\kappa$ the most that perfect
matching adds to value and to new users, $A$ new users a year and $c$ churn. **Profit** counts what
differs between the two firms: $\pi_t = N_t v_t - h\,D_t$, with $h$ the yearly **cost of holding** a
user-year of data (storage, security, compliance). The firm **without the loop** has $q = 0$, holds
no data and wins $A$ users a year.

**Moat or flat?** At the end we compare the firm with a rival holding {rival} of its data. The rival
earns less per user *and* wins fewer new users a year; once users settle (at $A(1+\kappa m)/c$), it
earns $1 - \frac{{(1+\lambda m_r)(1+\kappa m_r)}}{{(1+\lambda m)(1+\kappa m)}}$ less in all. We call a
shortfall of at least {moat} a **moat**, and say returns have **flattened** when the firm holds more
data than $D_0$ and doubling it would raise matching quality by less than {flat} points (with less
than $D_0$, doubling adds little only because learning has hardly begun). Both thresholds are
illustrative choices, not findings.

**Where it comes from.** The learning curve: Hestness et al., "Deep Learning Scaling is Predictable,
Empirically" (arXiv 1712.00409, 2017). Data as a stock built by activity that depreciates:
Farboodi, Mihet, Philippon & Veldkamp, "Big Data and Firm Dynamics", *AEA Papers and Proceedings*
109 (2019). Users drawn by what the platform learns (data network effects): Gregory, Henfridsson,
Kaganer & Kyriakou, *Academy of Management Review* 46(3) (2021). The linear lift in value and users
is an **illustrative** simplification.

**Assumptions** (what the model leaves out): no rival reacts; opt-out is the same for every user
and does not change with the service; data from different users is equally useful; prices, other
costs and the value of an untracked user stay constant; money is not discounted. The point is to see
the levers, not to value a company.""",
    facts=lambda: dict(rival="a tenth" if cd.ENTRANT_SHARE == 0.1 else pct(cd.ENTRANT_SHARE), moat=pct(cd.MOAT_LEAD),
                       flat=num(cd.FLAT_GAIN * 100)),
    holds=lambda: {
        "doubling's quality gain depends on D/D₀ only": np.isclose(
            cd.quality(100.0, 0.3, 5.0) - cd.quality(50.0, 0.3, 5.0),
            cd.quality(1000.0, 0.3, 50.0) - cd.quality(500.0, 0.3, 50.0)),
        "a larger α widens the Amazon-style lead (try 1)":
            AMAZON.run(learning_exponent=1.0).rival_gap > AMAZON.run().rival_gap,
        "far beyond D₀ it is small for every α": bool(
            (cd.quality(2e6, ALPHAS, 1.0) - cd.quality(1e6, ALPHAS, 1.0) < cd.FLAT_GAIN).all()),
    },
)

DIMINISHING = Passage(
    cell="c17d505d",
    text="Diminishing returns, in numbers: with $\\alpha = 0.3$ and $D_0 = 5$, each extra 50 million\n"
         "user-years of data adds less matching quality than the 50 million before.",
    holds=lambda: {"each step of 50 adds less than the one before":
                   bool((np.diff(np.diff(cd.quality(np.arange(0.0, 351.0, 50.0), 0.3, 5.0))) < 0).all())},
)


def _calibration():
    row = data.load("amazon").set_index("year").loc[2025]
    ads, other = float(row.advertising_usd_m), float(row.net_sales_usd_m - row.advertising_usd_m)
    lift = ads * AMAZON_MARGINS["advertising"] / (other * AMAZON_MARGINS["other net sales"])
    y = AMAZON.run().yearly
    return dict(ads=num(ads), total=num(float(row.net_sales_usd_m)), ratio=pct(ads / other, 1),
                ad_margin=pct(AMAZON_MARGINS["advertising"]), sales_margin=pct(AMAZON_MARGINS["other net sales"]),
                lift=pct(lift, 1),
                model_lift=pct(float(y.value_per_user.iloc[-1]) / AMAZON.values.value_per_user - 1, 1),
                lam=num(AMAZON.values.max_lift, 2), **_revenue_per_night())


def _revenue_per_night() -> dict[str, str]:
    """Airbnb's revenue per night booked in 2021 and 2024 (datasets/airbnb.csv, shareholder letters)."""
    year = data.load("airbnb").set_index("year")
    per_night = year.revenue_usd_b * 1000 / year.nights_and_experiences_m
    return dict(night21=num(per_night[2021]), night24=num(per_night[2024], 2))


CALIBRATION = Passage(
    cell="1ab7a38d",
    text="""### How the presets are calibrated

- **Amazon-style retailer.** Amazon's advertising is the clearest money made from shopper data. In
  2025 it brought in {ads} million dollars, {ratio} on top of Amazon's other net sales
  ({total} − {ads} million). That is a ratio of *revenues*, and the model's value per user is a
  *contribution*: a dollar of advertising needs no goods bought or shipped, so it keeps far more of
  itself than a dollar of goods sold. With an **illustrative** contribution margin of {ad_margin} on
  advertising and {sales_margin} on other sales, advertising adds {lift} to contribution; the preset's lift
  $\\lambda = {lam}$ is set so that, in the model's tenth year, matching adds {model_lift} to value per user.
  Change the margins and the lift changes with them. Users, value per user, the margins, opt-out
  (shoppers who are signed in share first-party data), learning curve and costs are **illustrative**.
- **Airbnb-style marketplace.** One "user" is one night booked a year: year 1 starts at 300.6 million
  nights (2021) worth 6.0 billion ÷ 300.6 million = USD {night21} each; new users are set so that the loop
  reaches 491.5 million nights in year 4, as in 2024, and the lift so that value per night reaches
  11.1 billion ÷ 491.5 million = USD {night24}. Revenue per night stands in for contribution (the extra
  fees are assumed to keep the same margin as the first ones). Prices rose too, so this lift is an
  **upper bound** on what data did. Churn, opt-out and the learning curve are **illustrative**.
- **Free app after App Tracking Transparency.** Opt-out 88 % = 100 % minus the roughly 12 % of app
  users worldwide who allowed tracking in the first weeks (Flurry, secondary report). Everything
  else is **illustrative**.""",
    facts=_calibration,
    holds=lambda: {"the preset's year-10 lift is the contribution lift": abs(
        float(AMAZON.run().yearly.value_per_user.iloc[-1]) / AMAZON.values.value_per_user - 1
        - float(_calibration()["lift"].rstrip(" %")) / 100) < 0.005},
)


# --- the exercise's question 6 ------------------------------------------------------------------

def _att():
    tracked, refused = APP.run(opt_out=0.0), APP.run(opt_out=0.88)
    return dict(user0=cd.gap(tracked.rival_value_gap), all0=cd.gap(tracked.rival_gap),
                user88=cd.gap(refused.rival_value_gap), all88=cd.gap(refused.rival_gap),
                adv0=num(tracked.advantage), adv88=num(refused.advantage))


Q6 = Passage(
    cell="68b1cf52", notebook=SOLUTIONS,
    text="""**Question 6 — should a free app ask to track? (written, graded by hand).** After Apple's App
Tracking Transparency (April 2021), about 12 % of app users worldwide allowed tracking in the first
weeks (Flurry, a secondary report), and Meta's finance chief estimated a 2022 revenue headwind "on
the order of 10 billion dollars" from Apple's changes (a forward estimate, not a measured loss).
In the lesson's explorer (preset *Free app after App Tracking Transparency*, illustrative values), a
rival with a tenth of the app's data earns {user0} less per user when nobody opts out ({all0} less in
all, counting the users better matching draws), but only {user88} less per user ({all88} in all) when
88 % opt out; the loop's extra profit over ten years falls from about {adv0} million to about {adv88}
million dollars. You run a free, ad-funded app. Should you rebuild it so that it needs less tracking
data (for example contextual ads, or data from users who choose to sign in), or fight for consent?
Answer in at most 150 words, using at least two of these numbers and naming one ethical risk.""",
    facts=_att,
    holds=lambda: {"a moat when nobody opts out": _verdict(APP, opt_out=0.0) == "moat",
                   "a modest edge at 88 %": _verdict(APP) == "modest"},
)

Q6_ANSWER = Passage(
    cell="876beffc", notebook=SOLUTIONS,
    text="""**Model answer.** In the explorer's free-app preset, 88 % opting out leaves the loop a modest
edge: a rival with a tenth of the data earns only {user88} less per user ({all88} in all), against
{user0} ({all0} in all) with no opt-out, and the extra profit over ten years falls from about {adv0}
million to about {adv88} million. Most of the value of tracking is gone whatever I do, and pressing
people to consent (repeated prompts, worse service for those who refuse) would trade trust for a
small gain. I would rebuild for less data: contextual ads, first-party data from users who choose to
sign in because they get something for it, and data that is deleted quickly (lower holding cost and
risk). Meta's estimate of a 10-billion-dollar headwind shows how much ad revenue rested on tracking
users who, asked plainly, said no. Ethical risk: dark patterns that manufacture consent; or
profiling that exploits vulnerable users.

**Rubric (3 points).**
* 1 point — uses at least two correct numbers (the opt-in rate, Meta's estimate, or explorer results
  such as the rival's shortfall or the extra profit with and without opt-out).
* 1 point — uses the model's logic: opt-out cuts both the data collected and the users who get
  personalised matching, so the loop's value falls more than in proportion; holding data costs
  money and carries risk.
* 1 point — a clear recommendation with one concrete ethical risk (manufactured consent / dark
  patterns, manipulation, discrimination, breaches).""",
    facts=_att,
    holds=lambda: {"the extra profit falls": APP.run().advantage < APP.run(opt_out=0.0).advantage},
)

CLAIMS = LessonClaims("20_leverage_customer_data", tries=TRIES,
                      passages=(DEAL_TRIES, MODEL, DIMINISHING, CALIBRATION, Q6, Q6_ANSWER))
