"""Lesson 41's things to try and quoted numbers, computed by the channels model (widgets/models/channels.py)."""

from __future__ import annotations

from widgets.explorers.channels import PRESETS
from widgets.models import channels as ch

from . import LessonClaims, Passage, Setting, Tries, attempt, money, num, pct

NIKE = Setting(ch, PRESETS["Nike at its direct peak (FY2023)"])
CASPER = Setting(ch, PRESETS["Casper, a direct-to-consumer start-up (2020)"])
ENTERPRISE = Setting(ch, PRESETS["Zoom Enterprise: selling to businesses (FY2024)"])
ONLINE = Setting(ch, PRESETS["Zoom Online: self-serve customers (FY2024)"])
SOLUTIONS = "solutions/41_direct_to_consumer_and_b2b.ipynb"


def bn(thousands: float) -> str:
    """An amount the model gives in USD thousand, as the lesson writes billions: 'USD 1.50 bn'."""
    return money(thousands / 1e6, 2, "bn")


def m(thousands: float) -> str:
    """An amount the model gives in USD thousand, in millions: 'USD 118 M'."""
    return money(thousands / 1e3, 0, "M")


def big(thousands: float) -> str:
    """Billions from USD 1 bn up, millions below."""
    return bn(thousands) if abs(thousands) >= 1e6 else m(thousands)


def usd(x: float, digits: int = 0) -> str:
    return money(x, digits)


def _nike() -> dict:
    r, high = NIKE.run(), NIKE.run(direct_share=0.7)
    return dict(share=pct(NIKE.values.direct_share), gain=bn(r.gain_per_year), month=r.payback_month,
                npv=bn(r.npv_gain), best=pct(r.best_share), gain70=bn(high.gain_per_year), npv70=bn(-high.npv_gain))


def _shelf() -> dict:
    r = NIKE.run(follow=0.6)
    return dict(best=pct(r.best_share), loss=big(-r.gain_per_year), be=pct(NIKE.run().break_even_follow))


def _dearer() -> dict:
    r60, r80 = NIKE.run(acquisition_cost=60), NIKE.run(acquisition_cost=80)
    return dict(best60=pct(r60.best_share), gain60=big(r60.gain_per_year), npv60=big(-r60.npv_gain),
                net80=usd(r80.direct_net_per_customer, 2), partner=usd(r80.partner_margin_per_customer, 2),
                follow=pct(NIKE.values.follow), first=usd(NIKE.values.follow * r80.direct_net_per_customer, 2))


def _casper() -> dict:
    r, r50, r150 = CASPER.run(), CASPER.run(retention=0.5), CASPER.run(retention=0.5, acquisition_cost=150)
    return dict(net=usd(r.direct_net_per_customer, 2), ltv=usd(r.lifetime_value), cac=usd(CASPER.values.acquisition_cost),
                ratio=num(r.ltv_to_cac, 2), loss=m(-r.gain_per_year), net50=usd(r50.direct_net_per_customer, 2),
                partner=usd(r50.partner_margin_per_customer, 2),
                first=usd(CASPER.values.follow * r50.direct_net_per_customer, 2), best150=pct(r150.best_share))


def _enterprise() -> dict:
    r, r12, r1 = ENTERPRISE.run(), ENTERPRISE.run(sales_cycle=12), ENTERPRISE.run(contract_years=1)
    return dict(ltv=money(r.lifetime_value / 1e3, 1, "thousand"), ratio=num(r.ltv_to_cac, 2), months=r.customer_payback_months,
                gain=m(r.gain_per_year), npv=m(-r.npv_gain), months12=r12.customer_payback_months,
                ltv1=money(r1.lifetime_value / 1e3, 1, "thousand"))


def _online() -> dict:
    r, e = ONLINE.run(), ENTERPRISE.run()
    return dict(ltv=usd(r.lifetime_value), ratio=num(r.ltv_to_cac, 2), months=r.customer_payback_months,
                month=r.payback_month, best=pct(r.best_share), times=num(e.lifetime_value / r.lifetime_value))


TRIES = Tries("dc41-20", (
    attempt(
        "Nike at its direct peak.",
        "The preset moves {share} of customers direct (NIKE Direct's 43.7 % of revenue in FY2023). Once the reach "
        "is built this adds {gain} a year over selling everything through partners, and the plan is ahead of "
        "partners-only from month {month} ({npv} over ten years, discounted); the best direct share at these values "
        "is {best}. Pin, then push *Customers moved direct* to 70 %: the yearly gain falls to {gain70} (the customers "
        "pulled last rarely follow), and ten years end {npv70} behind partners-only.",
        facts=_nike,
        holds=lambda: {
            "the preset's plan adds money at full reach": NIKE.run().gain_per_year > 0,
            "the best share is above the preset's": NIKE.run().best_share > NIKE.values.direct_share,
            "at 70 % the ten years end behind": NIKE.run(direct_share=0.7).npv_gain < 0,
            "at 70 % the yearly gain is smaller": NIKE.run(direct_share=0.7).gain_per_year < NIKE.run().gain_per_year,
        },
    ),
    attempt(
        "Rivals take the shelf.",
        "Back at the preset, lower *Loyal customers who follow* from 80 % to 60 % (the customers Nike pulled from "
        "Foot Locker buy another brand there instead): the best direct share falls to {best}, and the preset's mix "
        "now loses {loss} a year against partners-only. Below {be} following, even the first customer pulled earns "
        "more through a partner.",
        facts=_shelf,
        holds=lambda: {
            "at 60 % following the mix loses money": NIKE.run(follow=0.6).gain_per_year < 0,
            "the best share falls below the preset's": NIKE.run(follow=0.6).best_share < NIKE.values.direct_share,
            "the sentence says loses": "direct loses" in NIKE.say(follow=0.6),
        },
    ),
    attempt(
        "Dearer customers.",
        "Back at 80 %, raise *Cost to win a direct customer* from USD 40 to USD 60 (digital advertising got dearer): "
        "the best direct share falls to {best60}; the preset's mix still adds {gain60} a year once built, but the "
        "ten years end {npv60} behind partners-only — winning the customers costs more than their margin repays in "
        "that time. At USD 80 a direct customer nets {net80} a year, but only {follow} of even the first customers "
        "pulled follow, so each brings {first} — less than the {partner} a partner's customer brings — and the best "
        "direct share is 0 %.",
        facts=_dearer,
        holds=lambda: {
            "at USD 60 the yearly gain is still positive": NIKE.run(acquisition_cost=60).gain_per_year > 0,
            "at USD 60 ten years end behind": NIKE.run(acquisition_cost=60).npv_gain < 0,
            "at USD 80 the best share is 0": NIKE.run(acquisition_cost=80).best_share == 0,
            "at USD 80 a following customer earns less than through a partner":
                NIKE.values.follow * NIKE.run(acquisition_cost=80).direct_net_per_customer
                < NIKE.run(acquisition_cost=80).partner_margin_per_customer,
        },
    ),
    attempt(
        "Casper: acquisition outruns the margin.",
        "Switch to *Casper, a direct-to-consumer start-up (2020)*. A mattress is bought rarely (15 % buy again), so "
        "winning a customer for {cac} costs more than the lifetime value of {ltv} (LTV/CAC {ratio}): after winning "
        "and replacing customers a direct customer nets {net} a year, never repaid within five years, and the mix "
        "loses {loss} a year against selling through retailers. Raise *Renewal rate* to 50 % (sheets, pillows, a "
        "second bed): a direct customer now nets {net50}, yet the most loyal customer pulled is worth only {first} a "
        "year direct against {partner} through a retailer — the best share stays 0 %. Then lower *Cost to win a "
        "direct customer* to USD 150 (still at 50 % renewal): the best direct share becomes {best150}.",
        facts=_casper,
        holds=lambda: {
            "the preset's direct customer loses money": CASPER.run().direct_net_per_customer < 0,
            "LTV is below CAC": CASPER.run().ltv_to_cac < 1,
            "not repaid in five years": CASPER.run().customer_payback_months is None,
            "at 50 % renewal the best share is still 0": CASPER.run(retention=0.5).best_share == 0,
            "at 50 % renewal and USD 150 the best share is positive":
                CASPER.run(retention=0.5, acquisition_cost=150).best_share > 0,
        },
    ),
    attempt(
        "Selling to a business.",
        "Switch to *Zoom Enterprise: selling to businesses (FY2024)*. An account is worth {ltv} against USD 12,000 of "
        "sales cost (LTV/CAC {ratio}), but the six-month sales cycle and the cost up front mean it repays only "
        "after {months} months. Half the accounts moved direct add {gain} a year once built, yet ten years end {npv} "
        "behind partners-only: the sales force is paid years before the accounts repay it. Set *Sales cycle* to "
        "12 months: an account repays after {months12} months. Back at 6, set *Contract length* to 1 year: the "
        "account's value falls to {ltv1}.",
        facts=_enterprise,
        holds=lambda: {
            "LTV above CAC": ENTERPRISE.run().ltv_to_cac > 1,
            "ten years end behind": ENTERPRISE.run().npv_gain < 0,
            "the yearly gain at full reach is positive": ENTERPRISE.run().gain_per_year > 0,
            "a longer cycle repays later": ENTERPRISE.run(sales_cycle=12).customer_payback_months
                                           > ENTERPRISE.run().customer_payback_months,
        },
    ),
    attempt(
        "Selling to consumers who serve themselves.",
        "Switch to *Zoom Online: self-serve customers (FY2024)*: 3.0 % of customers leave each month, so a customer "
        "is worth only {ltv}, but USD 60 wins one (LTV/CAC {ratio}) and repays it after {months} months. Selling "
        "direct is ahead of partners-only from month {month}, and the best direct share is {best}. An Enterprise "
        "account is worth {times} times an Online customer: business customers are fewer, dearer to win, slower to "
        "repay and slower to leave.",
        facts=_online,
        holds=lambda: {
            "the best share is 100 %": ONLINE.run().best_share == 1,
            "an Online customer repays faster than an Enterprise account":
                ONLINE.run().customer_payback_months < ENTERPRISE.run().customer_payback_months,
            "ahead of partners-only within ten years": ONLINE.run().npv_gain > 0,
        },
    ),
))

CLAIMS = LessonClaims("41_direct_to_consumer_and_b2b", tries=TRIES)
