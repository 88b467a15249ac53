"""Declared ranges that each model's economics rely on (the generic sanity of every declaration is in
test_model_declarations.py): a division that needs a floor above zero, a noise table drawn for the
longest campaign, a market never smaller than the seed. A wrong bound here breaks a model, not a form."""

from __future__ import annotations

import pytest

from widgets.models import contests, crowdfunding, freemium, open_source, referrals, user_design

RANGES = [
    ("freemium: some paying users always leave, so lifetime value m·r/(1 + i − r) is finite at i = 0",
     lambda: 0 < freemium.PARAMETERS["paid_churn"].min),
    ("freemium: conversion + free churn ≤ 100 %, so the share staying free is never negative",
     lambda: freemium.PARAMETERS["conversion"].max + freemium.PARAMETERS["free_churn"].max <= 1),
    ("freemium: a price above zero",
     lambda: 0 < freemium.PARAMETERS["price"].min),
    ("open source: Bass needs an innovation coefficient above zero for both products",
     lambda: 0 < open_source.PARAMETERS["p_closed"].min and 0 < open_source.PARAMETERS["p_open"].min),
    ("open source: community work and leakage below 100 %",
     lambda: open_source.PARAMETERS["community_share"].max < 1 and open_source.PARAMETERS["leakage"].max < 1),
    ("open source: at least one quarter to follow",
     lambda: open_source.PARAMETERS["years"].min >= 1),
    ("contests: effort costs something, e(n) = (V/n − F)/k",
     lambda: 0 < contests.PARAMETERS["effort_cost"].min),
    ("contests: at least one solver sees the call, and no more than the table of maxima holds",
     lambda: contests.PARAMETERS["solvers"].min >= 1 and contests.PARAMETERS["solvers"].max <= contests.MAX_SOLVERS),
    ("user design: in-house hit rate above zero (cost per in-house hit D / h)",
     lambda: 0 < user_design.PARAMETERS["inhouse_hit_share"].min),
    ("user design: the chart's submissions axis covers every allowed value",
     lambda: user_design.PARAMETERS["submissions"].max <= user_design.MAX_SUBMISSIONS),
    ("crowdfunding: a goal and a pledge above zero (backers needed = goal / pledge)",
     lambda: 0 < crowdfunding.PARAMETERS["goal"].min and 0 < crowdfunding.PARAMETERS["pledge"].min),
    ("crowdfunding: noise is drawn for MAX_DURATION days, and the reminder days fit in the shortest campaign",
     lambda: crowdfunding.PARAMETERS["duration"].max <= crowdfunding.MAX_DURATION
     and crowdfunding.PARAMETERS["duration"].min > crowdfunding.REMINDER_DAYS),
    ("crowdfunding: fees are a part of what is pledged",
     lambda: crowdfunding.PARAMETERS["fee"].max < 1 and crowdfunding.PARAMETERS["missed_fee"].max < 1),
    ("referrals: a paid user costs something (paid users = budget / CAC)",
     lambda: 0 < referrals.PARAMETERS["cac"].min),
    ("referrals: the smallest market (in millions) holds the largest seed",
     lambda: referrals.PARAMETERS["market"].min * 1e6 >= referrals.PARAMETERS["seed_users"].max),
    ("referrals: at least one referral cycle fits in the shortest horizon",
     lambda: referrals.PARAMETERS["cycle_days"].min <= referrals.PARAMETERS["weeks"].min * referrals.DAYS_PER_WEEK),
]


@pytest.mark.parametrize("reason, holds", RANGES, ids=[r.split(":")[0] + f"-{i}" for i, (r, _) in enumerate(RANGES)])
def test_declared_range_keeps_the_model_meaningful(reason, holds):
    assert holds(), reason


@pytest.mark.parametrize("module", [freemium, open_source, contests, user_design, crowdfunding, referrals])
@pytest.mark.parametrize("end", ["min", "max"])
def test_both_ends_of_every_range_are_accepted_and_just_beyond_refused(module, end):
    for p in module.PARAMETERS:
        edge = getattr(p, end)
        module.PARAMETERS[p.name].check(edge)
        beyond = edge - p.step if end == "min" else edge + p.step
        with pytest.raises(ValueError, match=p.name):
            module.PARAMETERS[p.name].check(beyond)
