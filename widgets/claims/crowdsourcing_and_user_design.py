"""Lesson 11's things to try and quoted numbers, computed by the contest and user-design models."""

from __future__ import annotations

from widgets.explorers.contests import PRESETS as CONTESTS
from widgets.explorers.user_design import PRESETS as FUNNELS
from widgets.models import contests as ct
from widgets.models import user_design as ud

from ._sliders import positions
from ._text import dollars
from . import LessonClaims, Passage, Setting, Tries, attempt, num, pct

ALS = Setting(ct, CONTESTS["InnoCentive-style prize: ALS biomarker (2006)"])
THREADLESS = Setting(ct, CONTESTS["Threadless design challenge (c. 2008)"])
SOFTWARE = Setting(ct, CONTESTS["Well-specified software task (illustrative)"])
TEE = Setting(ud, FUNNELS["Threadless (c. 2008)"])
LEGO = Setting(ud, FUNNELS["LEGO Ideas (2020 review round)"])
TABLE_SIGMAS = (1, 5, 10, 15, 20, 25, 40)   # the lesson's table of section 3 and exercise 7's answer


def _first_crowd_sigma() -> float:
    """The smallest σ a slider reaches at which the software task's best crowd is more than one solver."""
    return min(s for s in positions(SOFTWARE, "uncertainty") if SOFTWARE.run(uncertainty=s).best_solvers > 1)


def _last_single_sigma() -> int:
    """The largest σ of the lesson's table at which the ALS prize does best with a single solver."""
    return max(s for s in TABLE_SIGMAS if ALS.run(uncertainty=s).best_solvers == 1)


def _k(thousands: float) -> str:
    """¤ thousands as the lesson writes them: 13.6 -> '$13,595', 1187 -> '$1.19 million'."""
    return dollars(thousands / 1000, 2) + " million" if thousands >= 1000 else dollars(thousands * 1000)


def _as_cheap_hit_share() -> float:
    """Threadless funnel: the lowest hit rate on the slider at which a community hit costs no more than in-house."""
    return min(h for h in positions(TEE, "hit_share", 0.01, TEE.values.hit_share)
               if TEE.run(hit_share=h).cost_per_hit <= TEE.run().inhouse_cost_per_hit)


def _crossing() -> int:
    """Threadless funnel: the fewest designs submitted at which a community hit costs no more than in-house."""
    return min(n for n in range(1, TEE.values.submissions + 1)
               if TEE.run(submissions=n).cost_per_hit <= TEE.run().inhouse_cost_per_hit)


CONTEST_TRIES = Tries("5ba9be5c", (
    attempt(
        "Boudreau in one slider.",
        "Pin the ALS scenario: the red star stands at {best} solvers. Drag *problem uncertainty σ* down to 5: the "
        "star moves to {best5} solver. Why does a well-understood problem want fewer solvers?",
        facts=lambda: dict(best=num(ALS.run().best_solvers), best5=num(ALS.run(uncertainty=5).best_solvers)),
        holds=lambda: {"a single solver does best at σ = 5": ALS.run(uncertainty=5).best_solvers == 1},
    ),
    attempt(
        "Who turns up.",
        "Raise *cost of entering* from 5 to 20 (<span>&#36;</span> thousand). Only {entrants} of the {solvers} solvers "
        "enter, and the curve goes flat beyond ⌊V/F⌋ = {cap} solvers: nobody else enters. What does that say "
        "about a big prize for a small problem?",
        facts=lambda: dict(entrants=num(ALS.run(entry_cost=20).entrants), solvers=num(ALS.values.solvers),
                           cap=num(ALS.values.prize // 20)),
        holds=lambda: {"the curve is flat beyond V/F": (lambda c: c[c.solvers >= ALS.values.prize // 20]
                                                        .expected_best.nunique() == 1)(ALS.run(entry_cost=20).curve)},
    ),
    attempt(
        "A contest is the wrong tool.",
        "Choose *Well-specified software task*. The best crowd is a single solver (expected best {one} points "
        "against {now} for the {n} who enter now): with little uncertainty, one paid contractor beats a contest. "
        "Raise σ: a crowd starts to pay at σ = {sigma}, where the best crowd jumps to {crowd} solvers.",
        facts=lambda: dict(one=num(SOFTWARE.run().best_quality, 1), now=num(SOFTWARE.run().expected_best, 1),
                           n=num(SOFTWARE.run().entrants), sigma=num(_first_crowd_sigma(), 1 if
                                                                      _first_crowd_sigma() % 1 else 0),
                           crowd=num(SOFTWARE.run(uncertainty=_first_crowd_sigma()).best_solvers)),
        holds=lambda: {"a single solver does best at the preset": SOFTWARE.run().best_solvers == 1},
    ),
    attempt(
        "Money is not the motive.",
        "Choose *Threadless design challenge*. With {n} designers per prize, each one's expected prize is "
        "{each} — effort is {effort} quality points in this model, next to luck of σ = {sigma}, yet the best "
        "design is expected to score {best} points, above the bar of {bar}. Which parts of Threadless's community "
        "does the model leave out?",
        facts=lambda: dict(n=num(THREADLESS.values.solvers),
                           each=dollars(THREADLESS.values.prize * 1000 / THREADLESS.values.solvers, 2),
                           effort=num(THREADLESS.run().effort, 2), sigma=num(THREADLESS.values.uncertainty),
                           best=num(THREADLESS.run().expected_best, 1), bar=num(THREADLESS.values.quality_bar)),
        holds=lambda: {"the best design clears the bar": THREADLESS.run().expected_best >
                       THREADLESS.values.quality_bar},
    ),
    attempt(
        "Price of a good idea.",
        "In the Threadless preset, double the prize to <span>&#36;</span>5,000: the prize per good design rises from "
        "{t1} to {t2}, as effort only goes from {e1} to {e2} points. In the ALS preset halve the prize instead "
        "(<span>&#36;</span>500,000): the prize per good solution falls from {a1} to {a2}. Explain with effort and the "
        "quality bar.",
        facts=lambda: dict(t1=_k(THREADLESS.run().cost_per_good), t2=_k(THREADLESS.run(prize=5).cost_per_good),
                           e1=num(THREADLESS.run().effort, 2), e2=num(THREADLESS.run(prize=5).effort, 2),
                           a1=_k(ALS.run().cost_per_good), a2=_k(ALS.run(prize=500).cost_per_good)),
        holds=lambda: {"doubling raises the prize per good design": THREADLESS.run(prize=5).cost_per_good >
                       THREADLESS.run().cost_per_good,
                       "halving lowers it": ALS.run(prize=500).cost_per_good < ALS.run().cost_per_good},
    ),
))

FUNNEL_TRIES = Tries("a23e4577", (
    attempt(
        "Votes as market research.",
        "With Threadless, a community hit costs {hit} against {inhouse} in-house, with {h} of produced designs "
        "becoming hits against {h_in} of in-house designs. Lower *hits, of produced designs*: the community stays "
        "no dearer than in-house down to {h_eq}, below the in-house rate. So the crowd's votes need not pick "
        "winners as well as staff do for the community to pay: why?",
        facts=lambda: dict(hit=_k(TEE.run().cost_per_hit), inhouse=_k(TEE.run().inhouse_cost_per_hit),
                           h=pct(TEE.values.hit_share), h_in=pct(TEE.values.inhouse_hit_share),
                           h_eq=pct(_as_cheap_hit_share())),
        holds=lambda: {"the break-even hit rate is below the in-house rate":
                       _as_cheap_hit_share() < TEE.values.inhouse_hit_share},
    ),
    attempt(
        "A crowd needs a crowd.",
        "Pin, then drag *designs submitted* down to 100: a hit now costs {hit100}, {times} times the in-house "
        "{inhouse}, because the fixed cost of running the community is spread over fewer hits. The blue curve "
        "crosses the in-house one at about {cross} designs a week.",
        facts=lambda: dict(hit100=_k(TEE.run(submissions=100).cost_per_hit),
                           times=num(TEE.run(submissions=100).cost_per_hit / TEE.run().inhouse_cost_per_hit, 1),
                           inhouse=_k(TEE.run().inhouse_cost_per_hit), cross=num(_crossing())),
        holds=lambda: {"at 100 designs the community is dearer": TEE.run(submissions=100).cost_per_hit >
                       TEE.run().inhouse_cost_per_hit},
    ),
    attempt(
        "Award or royalty?",
        "Switch to LEGO Ideas. A produced idea pays its creator 1 % of net sales: {reward} at {units} units a run. "
        "Double *units sold per run* and the creator's reward doubles to {reward2}; then set the royalty to 0 and "
        "an award of <span>&#36;</span>10,000: the reward is {award} whatever sells, and a hit's design cost falls from "
        "{hit} to {hit_award}. Who carries the risk of a flop under each scheme?",
        facts=lambda: dict(reward=dollars(LEGO.run().reward_if_produced), units=num(LEGO.values.units),
                           reward2=dollars(LEGO.run(units=LEGO.values.units * 2).reward_if_produced),
                           award=dollars(LEGO.run(royalty=0, award=10_000).reward_if_produced),
                           hit=_k(LEGO.run().cost_per_hit), hit_award=_k(LEGO.run(royalty=0, award=10_000).cost_per_hit)),
    ),
    attempt(
        "What a submission is worth.",
        "The sentence gives the expected reward per submission: {tee} at Threadless, {lego} at LEGO Ideas. Compare "
        "it with an hour of a designer's time. Why do people still submit?",
        facts=lambda: dict(tee=dollars(TEE.run().reward_per_submission, 2),
                           lego=dollars(LEGO.run().reward_per_submission, 2)),
    ),
))

def _luck(digits: int, *crowds: int) -> dict[str, str]:
    """The expected best of n standard normal draws, μ_n, as the contest model computes it."""
    return {f"mu{n}": num(float(ct.expected_max(n)), digits) for n in crowds}


LUCK = Passage(
    cell="c11-opt-md",
    text="## Optional: the maths behind the model — skip in a 45-minute session\n\nThis part writes out the contest model of section 3 (order statistics of the best draw, and the\ncourse's stylised effort rule). Nothing else in the lesson depends on it.\n\nSolver $i$ of $n$ delivers a solution of quality\n\n$$q_i = e(n) + \\sigma\\,\\varepsilon_i, \\qquad \\varepsilon_i \\sim \\mathcal{{N}}(0, 1) \\text{{ independent}},$$\n\nwhere $e(n)$ is the effort each solver puts in (in quality points) and $\\sigma$ is the problem's\n**uncertainty**: how much solutions differ for reasons other than effort — an unexpected idea, a\nbackground nobody at the seeker has. The seeker keeps the best solution:\n\n$$\\mathbb{{E}}[\\text{{best of }} n] = e(n) + \\sigma\\,\\mu_n, \\qquad \\mu_n = \\mathbb{{E}}[\\max(\\varepsilon_1, \\dots, \\varepsilon_n)],$$\n\nwith $\\mu_1 = {mu1}$, $\\mu_2 \\approx {mu2}$, $\\mu_{{10}} \\approx {mu10}$, $\\mu_{{100}} \\approx {mu100}$, $\\mu_{{1000}} \\approx {mu1000}$:\nthe luck of the draw grows, but slowly (roughly like $\\sqrt{{2\\ln n}}$).\n\n**Effort — a stylised assumption of this course**, not a formula from the papers: a solver works in\nproportion to the prize she can expect to win, $V/n$, less her fixed cost of entering $F$ (reading the\nbrief, setting up), and one quality point of effort costs her $k$:\n\n$$e(n) = \\frac{{V/n - F}}{{k}}.$$\n\nSolvers enter only while the expected prize covers the entry cost, $V/n \\ge F$, so at most\n$\\lfloor V/F \\rfloor$ of the $n$ take part. A solution is **good** if it reaches the quality bar $b$:\n\n$$\\mathbb{{E}}[\\text{{good solutions}}] = n\\left[1 - \\Phi\\!\\left(\\frac{{b - e(n)}}{{\\sigma}}\\right)\\right], \\qquad\n\\text{{prize per good solution}} = \\frac{{V}}{{\\mathbb{{E}}[\\text{{good solutions}}]}}.$$",
    facts=lambda: {**_luck(0, 1), **_luck(2, 2, 10, 100, 1000)},
    holds=lambda: {"the luck of the draw grows ever more slowly": all(
        ct.expected_max(10 * n) - ct.expected_max(n) > ct.expected_max(100 * n) - ct.expected_max(10 * n)
        for n in (1, 10))},
)
BEST_OF_A_CROWD = Passage(
    cell="3eb41d89", notebook="solutions/11_crowdsourcing_and_user_design.ipynb",
    text="**Question 1 — the best of a crowd.** The cell below holds the lesson's ALS-prize contest: a prize\nof $V = 1{{,}}000$ (<span>&#36;</span> thousand), $n = 100$ solvers, uncertainty $\\sigma = 25$ quality points, cost of\neffort $k = 20$ (<span>&#36;</span> thousand per point) and cost of entering $F = 5$ (<span>&#36;</span> thousand). All 100 solvers\nenter (check: $V/n \\ge F$). Each puts in effort $e = (V/n - F)/k$, and the expected best solution is\n\n$$\\mathbb{{E}}[\\text{{best}}] = e + \\sigma\\,\\mu_{{100}}, \\qquad \\mu_{{100}} \\approx {mu100}.$$\n\nCompute the expected best solution in **quality points** and store it in `q1`. You can compute it by\nhand or read `.expected_best` from `contests.simulate(als)`.",
    facts=lambda: _luck(4, 100),
)


CLAIMS = LessonClaims("11_crowdsourcing_and_user_design", tries=CONTEST_TRIES, passages=(LUCK, BEST_OF_A_CROWD,
    Passage(text="{body}", facts=lambda: dict(body=FUNNEL_TRIES.markdown()), cell=FUNNEL_TRIES.cell,
            holds=lambda: {f"funnel try {i} · {t.title} {what}": ok for i, t in enumerate(FUNNEL_TRIES.items, 1)
                           for what, ok in t.holds().items()}),
    Passage(
        text="**Boudreau's finding, reproduced.** Hold everything else at the ALS-prize preset and change only "
             "the\nproblem's uncertainty. The best crowd size jumps from one solver to every solver the prize "
             "attracts\nonce $\\sigma$ is high enough:",
        holds=lambda: {"each σ of the table gives one solver or every solver the prize attracts": all(
            ALS.run(uncertainty=s).best_solvers in (1, int(ALS.values.prize // ALS.values.entry_cost))
            for s in TABLE_SIGMAS),
            "and the jump goes one way": [ALS.run(uncertainty=s).best_solvers for s in TABLE_SIGMAS] ==
            sorted(ALS.run(uncertainty=s).best_solvers for s in TABLE_SIGMAS)},
        cell="473b86a9",
    ),
    Passage(
        text="**Model answer.** (a) is a low-uncertainty problem: competent chemists will reach similar\n"
             "solutions, so quality depends mostly on effort. In the model effort per solver falls like $1/n$\n"
             "while the gain from more draws grows only like $\\sqrt{{2\\ln n}}$ ($\\mu_{{1000}} \\approx {mu1000}$ "
             "against\n$\\mu_3 \\approx {mu3}$), so with small σ the best crowd is tiny — in the lesson's table the "
             "ALS prize\nwants a single solver at σ ≤ {single}. Pay two or three experts (or one contractor). (b) is a\n"
             "high-uncertainty problem: the winning idea may come from an unexpected field, so σ is large and the\n"
             "extreme draw dominates: an open call is better (at σ = 25 the best crowd is everyone the prize\n"
             "attracts). Boudreau, Lacetera & Lakhani (2011) found the same pattern in 9,661 TopCoder contests.\n"
             "Risk: disclosing the problem publicly (secrecy, IP), the cost of screening a thousand entries, or\n"
             "solvers not entering if the entry cost is high.\n\n"
             "**Rubric (3 points).**\n"
             "* 1 point — classifies (a) as low and (b) as high uncertainty and draws the right conclusion for each.\n"
             "* 1 point — explains the mechanism with the model: effort per solver falls with $n$, the best of $n$\n"
             "  draws rises with σ, and cites at least one number (μ_n, a best crowd size, an effort figure, or\n"
             "  Boudreau et al.'s 9,661 contests).\n"
             "* 1 point — names one concrete risk (IP or secrecy, screening cost, participation/entry cost,\n"
             "  quality of the winning solution's implementation).",
        facts=lambda: dict(mu1000=num(float(ct.expected_max(1000)), 1), mu3=num(float(ct.expected_max(3)), 2),
                           single=_last_single_sigma()),
        holds=lambda: {"at σ = 25 the best crowd is everyone the prize attracts":
                       ALS.run(uncertainty=25).best_solvers == ALS.values.prize // ALS.values.entry_cost},
        cell="a8b4b635", notebook="solutions/11_crowdsourcing_and_user_design.ipynb",
    ),
))
