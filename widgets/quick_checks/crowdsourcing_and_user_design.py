"""Lesson 11's quick checks, computed by the contest and user-design models."""

from __future__ import annotations

from widgets.claims import num
from widgets.claims.crowdsourcing_and_user_design import ALS, TEE

from . import Choice, LessonChecks, Number, Option

CHECKS = LessonChecks("11_crowdsourcing_and_user_design", (
    Choice(
        "11-1", "Crowdsourcing and user design both change a cost in the firm's model. Which change?",
        hint="Who is paid, and when, in an InnoCentive prize or a Threadless challenge?",
        worked="A design team or an R&D lab is paid whether or not it succeeds: a fixed cost. A prize or a "
               "royalty is paid only for a winning solution or a design that sells: a variable cost paid only for "
               "success. The crowd also reaches people the firm could never hire.",
        options=(
            Option("A fixed cost (a design team, an R&D lab) becomes a variable one, paid only for success.",
                   "Right: only the winner is paid, so the firm pays for results rather than for attempts.",
                   right=True),
            Option("The firm no longer pays anything for the work.",
                   "Not so: the winners are paid (a prize, an award or a royalty), and running the community costs "
                   "money too."),
            Option("A variable cost becomes a fixed one, which makes costs easier to plan.",
                   "The other way round: the team's salaries were fixed; the prize is paid only if someone wins."),
        )),
    Number(
        "11-2", "In the ALS preset of the contest explorer, how many solvers maximise the expected best solution "
                "(the red star)?",
        answer=lambda: ALS.run().best_solvers, unit="solvers", tolerance=0.4,
        hint="The red star marks the best crowd size on the first chart; the sentence names it too.",
        worked="With a problem as uncertain as the ALS biomarker (σ = {sigma}), more long shots beat the lost "
               "effort: the best crowd is {answer} solvers. Lower σ and the star moves towards a single solver.",
        facts=lambda: dict(sigma=num(ALS.values.uncertainty))),
    Number(
        "11-3", "In the Threadless preset of the user-design explorer, what does one community hit cost (in USD "
                "thousand)?",
        answer=lambda: TEE.run().cost_per_hit, unit="USD thousand", tolerance=0.1,
        hint="The sentence compares the cost of a hit from the community with one from an in-house team.",
        worked="A community hit costs USD {answer} thousand against USD {inhouse} thousand for a hit from the "
               "in-house team: the community's votes pick designs before they are printed.",
        facts=lambda: dict(inhouse=num(TEE.run().inhouse_cost_per_hit, 1))),
))
