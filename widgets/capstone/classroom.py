"""The class market: teams of one class compete for the same customers, round by round, with files only.

    python3 course.py market new DIR --company music --seed 7 --teams red,blue,green,gold [--rounds 8]
    python3 course.py market run DIR [--round N]
    python3 course.py market status DIR

``new`` writes ``DIR/market.json`` and ``DIR/round-01/<team>.decisions.json`` for every team, each
pre-filled with the company's starting decisions: the template a team edits (or fills from its
notebook) and hands back through an LMS upload or a shared JupyterHub folder. ``run`` plays the next
round: it reads every team's file for that round (a missing or bad file: the team keeps its previous
decisions, and its results say so), then REPLAYS the whole market with ``engine.Market`` from
market.json (company, seed, teams and the decisions applied in every round already played) plus this
round's files, so no hidden state can drift; it writes ``round-NN/results/<team>.json`` and
``<team>.html`` (the team's brief so far), keeps each team's decision log in ``DIR/logs/`` (the
class debrief reads that folder) and pre-fills next round's templates. Every team's results
depend on the others' decisions through the shared demand. A round is played once: asking ``run`` for
a round already played is refused, so results never change behind a team's back; decision files
edited after their round was played are reported by ``status`` and ignored.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from widgets.canvas import file_lock, write_atomic
from widgets.capstone import companies, engine, log
from widgets.capstone.brief import render

FORMAT = "bmpl-capstone-market/1"
DECISIONS_FORMAT = "bmpl-capstone-decisions/1"
RESULTS_FORMAT = "bmpl-capstone-results/1"
MAX_BYTES = 100_000  # a decisions file is a few hundred bytes
TEAM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")  # team names become file names


class MarketError(ValueError):
    """The market folder cannot be used as asked (the message says why and what to do)."""


@dataclass(frozen=True)
class Handed:
    """What one team handed in for a round: the decisions applied, and how its file was read."""

    decisions: dict[str, float]
    status: str  # "ok" | "unchanged" (the template as pre-filled) | "missing" | "bad"
    message: str


def round_dir(folder: Path, n: int) -> Path:
    return Path(folder) / f"round-{n:02d}"


def decisions_path(folder: Path, n: int, team: str) -> Path:
    return round_dir(folder, n) / f"{team}.decisions.json"


def _dump(data: Any) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, default=float) + "\n"


def read_market(folder: Path) -> dict[str, Any]:
    """market.json, checked: the company, seed, teams, rounds and the rounds played so far."""
    path = Path(folder) / "market.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MarketError(f"{folder} has no market.json; start a market with: course.py market new {folder} "
                          f"--company KEY --seed N --teams a,b,c") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise MarketError(f"{path} cannot be read ({err})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise MarketError(f"{path} is not a class market file (format {FORMAT})")
    return data


def template(company: companies.Company, seed: int, n: int, team: str, decisions: Mapping[str, float]) -> str:
    """A team's decisions file for round ``n``, pre-filled, with each decision's meaning and range."""
    allowed = {p.name: f"{p.label}: {p.describe_range()}. {p.help}" for p in company.decisions}
    return _dump({"format": DECISIONS_FORMAT, "company": company.key, "seed": seed, "round": n, "team": team,
                  "decisions": dict(decisions), "allowed": allowed})


def new(folder: str | Path, company: str, seed: int, teams: Sequence[str], rounds: int = engine.DEFAULT_ROUNDS) -> Path:
    """Start a class market in ``folder``: market.json and round 1's pre-filled decision templates."""
    folder = Path(folder)
    if (folder / "market.json").exists():
        raise MarketError(f"{folder} already holds a market; use another folder or `market run {folder}`")
    try:
        company = companies.company(company).key    # a base, or a base with add-ons ("music+commitment")
    except ValueError as err:
        raise MarketError(f"unknown company {company!r}: {err}") from None
    teams = [t.strip() for t in teams if t.strip()]
    bad = [t for t in teams if not TEAM_NAME.fullmatch(t)]
    if bad or not teams:
        raise MarketError(f"team names become file names: letters, digits, - and _, up to 40 characters; "
                          f"got {', '.join(map(repr, bad)) or 'no team'}")
    if len(set(teams)) != len(teams):
        raise MarketError(f"two teams share a name: {', '.join(sorted(t for t in set(teams) if teams.count(t) > 1))}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise MarketError(f"the seed must be a whole number from 0; got {seed!r}")
    engine.Market(company, seed, tuple(teams), rounds)  # the engine checks rounds (ValueError says the range)
    c = companies.company(company)
    round_dir(folder, 1).mkdir(parents=True, exist_ok=True)
    write_atomic(folder / "market.json", _dump({"format": FORMAT, "company": company, "seed": seed, "rounds": rounds,
                                                "teams": teams, "played": []}))
    for team in teams:
        write_atomic(decisions_path(folder, 1, team), template(c, seed, 1, team, c.decisions.defaults()))
    return folder / "market.json"


def _find_file(folder: Path, n: int, team: str) -> tuple[Path | None, str]:
    """The team's file for round ``n``: ``<team>.decisions.json``, or the one file there whose "team" is ``team``
    (an LMS renames uploads); a message when two files claim the team."""
    exact = decisions_path(folder, n, team)
    if exact.is_file():
        return exact, ""
    claims = []
    for path in sorted(round_dir(folder, n).glob("*.json")):
        try:
            if path.stat().st_size <= MAX_BYTES and json.loads(path.read_text(encoding="utf-8")).get("team") == team:
                claims.append(path)
        except (OSError, UnicodeDecodeError, ValueError, AttributeError):
            continue
    if len(claims) > 1:
        return None, f"{len(claims)} files claim team {team}: {', '.join(p.name for p in claims)}"
    return (claims[0], "") if claims else (None, "")


def read_decisions(folder: Path, market: Mapping[str, Any], n: int, team: str,
                   previous: Mapping[str, float]) -> Handed:
    """One team's decisions for round ``n``; a missing or bad file keeps ``previous`` and says why."""
    company = companies.company(market["company"])
    path, problem = _find_file(folder, n, team)
    if path is None:
        return Handed(dict(previous), "bad" if problem else "missing",
                      problem or f"no {decisions_path(folder, n, team).name}: the previous decisions stay")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValueError(f"the file has {path.stat().st_size:,} bytes; a decisions file has under {MAX_BYTES:,}")
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("decisions"), dict):
            raise ValueError("it has no \"decisions\" object")
        for key, want in (("round", n), ("team", team), ("company", market["company"]), ("seed", market["seed"])):
            if key in data and data[key] != want:
                raise ValueError(f"it is for {key} {data[key]!r}, not {want!r}")
        given = data["decisions"]
        checked = dict(company.decisions.validate({**previous, **given}))
    except json.JSONDecodeError as err:
        return Handed(dict(previous), "bad", f"{path.name} is not valid JSON ({err.msg}, line {err.lineno} column "
                      f"{err.colno}); the previous decisions stay")
    except (OSError, UnicodeDecodeError, ValueError, TypeError, RecursionError) as err:
        return Handed(dict(previous), "bad", f"{path.name}: {str(err)[:300]}; the previous decisions stay")
    kept = [p.label for p in company.decisions if p.name not in given]
    if checked == dict(previous):
        return Handed(checked, "unchanged", "the same decisions as the previous round")
    return Handed(checked, "ok", f"read {path.name}" + (f"; kept from before: {', '.join(kept)}" if kept else ""))


def replay(folder: Path, market: Mapping[str, Any], extra: Mapping[str, Mapping[str, float]] | None = None) -> engine.Market:
    """The market replayed from market.json's applied decisions (and one more round's, if given)."""
    game = engine.Market(market["company"], market["seed"], tuple(market["teams"]), market["rounds"])
    for played in market["played"]:
        game.play(played["decisions"])
    if extra is not None:
        game.play(extra)
    return game


def _as_data(result: engine.RoundResult) -> dict[str, Any]:
    return dataclasses.asdict(result)


def run(folder: str | Path, round_number: int | None = None) -> dict[str, Handed]:
    """Play the next round from the teams' files; write results and next round's templates.

    Two runs at once (two assistants on a shared hub) take turns on a lock beside market.json, so
    the second plays the round after the first, never the same round again."""
    folder = Path(folder)
    read_market(folder)  # a clear message, before any lock file is made, when there is no market
    with file_lock(folder / "market.json"):
        return _run(folder, round_number)


def _run(folder: Path, round_number: int | None) -> dict[str, Handed]:
    market = read_market(folder)
    n = len(market["played"]) + 1
    if round_number is not None and round_number != n:
        if round_number < n:
            raise MarketError(f"round {round_number} has already been played (its results are in "
                              f"{round_dir(folder, round_number).name}/results/); a round is played once, so results "
                              f"never change behind a team's back. The next round is {n}.")
        raise MarketError(f"round {round_number} cannot be played yet: the next round is {n}")
    if n > market["rounds"]:
        raise MarketError(f"the market has ended after {market['rounds']} rounds")
    previous = (market["played"][-1]["decisions"] if market["played"]
                else {t: companies.company(market["company"]).decisions.defaults() for t in market["teams"]})
    handed = {t: read_decisions(folder, market, n, t, previous[t]) for t in market["teams"]}
    game = replay(folder, market, {t: h.decisions for t, h in handed.items()})
    market["played"].append({"round": n, "decisions": {t: h.decisions for t, h in handed.items()},
                             "status": {t: {"status": h.status, "message": h.message} for t, h in handed.items()}})
    out = round_dir(folder, n) / "results"
    out.mkdir(parents=True, exist_ok=True)
    shares = {t: game.history[t][-1].market_share for t in market["teams"]}
    for team, h in handed.items():
        history = game.history[team]
        write_atomic(out / f"{team}.json", _dump({
            "format": RESULTS_FORMAT, "company": market["company"], "seed": market["seed"], "round": n,
            "rounds": market["rounds"], "team": team, "status": h.status, "message": h.message,
            "result": _as_data(history[-1]), "market_shares": shares,
            "so_far": [{"round": r.round, "cash": r.cash, "profit": r.profit, "users": r.users,
                        "value_created": r.value_created, "market_share": r.market_share} for r in history],
            "next": None if game.finished else f"{round_dir(folder, n + 1).name}/{team}.decisions.json"}))
        note = f"Quarter {n} of {market['rounds']}; your file: {h.status} ({h.message})."
        write_atomic(out / f"{team}.html", render(market["company"], team, market["seed"], market["rounds"],
                                                  "ok" if game.finished else "in progress", note, history,
                                                  heading="Class market"))
    (folder / "logs").mkdir(exist_ok=True)
    for team in market["teams"]:  # each team's decision log so far: it verifies by replaying the market
        log.save((game, team), folder / "logs" / f"{team}.log.json")
    if not game.finished:
        c = companies.company(market["company"])
        round_dir(folder, n + 1).mkdir(exist_ok=True)
        for team, h in handed.items():
            path = decisions_path(folder, n + 1, team)
            if not path.exists():  # a team that handed in early keeps its file
                write_atomic(path, template(c, market["seed"], n + 1, team, h.decisions))
    write_atomic(folder / "market.json", _dump(market))  # last: a crash above leaves the round unplayed
    return handed


def status(folder: str | Path) -> str:
    """Where the class is: rounds played, the standings (replayed), and who has handed in the next round."""
    folder = Path(folder)
    market = read_market(folder)
    company = companies.company(market["company"])
    n = len(market["played"])
    lines = [f"{company.name}, seed {market['seed']}: {n} of {market['rounds']} rounds played; "
             f"teams: {', '.join(market['teams'])}"]
    if n:
        game = replay(folder, market)
        lines.append(f"After round {n} (replayed from market.json):")
        lines.append(f"  {'team':<20} {'cash':>12} {'profit':>12} {'share':>7}  file in round {n}")
        for t in sorted(market["teams"], key=lambda t: -game.history[t][-1].cash):
            r, s = game.history[t][-1], market["played"][-1]["status"][t]
            lines.append(f"  {t:<20} {r.cash:>12,.1f} {r.profit:>12,.1f} {100 * r.market_share:>6.1f}%  {s['status']}")
    for played in market["played"]:
        for t in market["teams"]:
            path = decisions_path(folder, played["round"], t)
            try:
                now = json.loads(path.read_text(encoding="utf-8")).get("decisions")
            except (OSError, ValueError, AttributeError):
                continue
            if isinstance(now, dict) and {**played["decisions"][t], **now} != played["decisions"][t]:
                lines.append(f"Note: {path.relative_to(folder)} changed after round {played['round']} was played; "
                             f"the market keeps what was played.")
    if n < market["rounds"]:
        previous = market["played"][-1]["decisions"] if market["played"] else {
            t: company.decisions.defaults() for t in market["teams"]}
        lines.append(f"Round {n + 1}, handed in so far:")
        for t in market["teams"]:
            h = read_decisions(folder, market, n + 1, t, previous[t])
            lines.append(f"  {t:<20} {h.status:<10} {h.message}")
        lines.append(f"Play it with: course.py market run {folder}")
    else:
        lines.append("The market has ended: every team's results are in the last round's results/ folder.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course.py market", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("new", help="start a market: market.json and round 1's templates")
    make.add_argument("folder")
    make.add_argument("--company", required=True, help=f"{', '.join(companies.COMPANIES)}, optionally with pattern "
                      "add-ons: music+commitment, rides+automation+commitment")
    make.add_argument("--seed", required=True, type=int)
    make.add_argument("--teams", required=True, help="team names, comma-separated: red,blue,green")
    make.add_argument("--rounds", type=int, default=engine.DEFAULT_ROUNDS)
    play = sub.add_parser("run", help="play the next round from the teams' decision files")
    play.add_argument("folder")
    play.add_argument("--round", type=int, help="refuse unless this is the next round (safe to repeat)")
    show = sub.add_parser("status", help="where the class is")
    show.add_argument("folder")
    args = parser.parse_args(argv)
    try:
        if args.command == "new":
            new(args.folder, args.company, args.seed, args.teams.split(","), args.rounds)
            print(f"Market ready: hand each team its file in {round_dir(Path(args.folder), 1)}/")
        elif args.command == "run":
            handed = run(args.folder, args.round)
            market = read_market(Path(args.folder))
            n = len(market["played"])
            print(f"Round {n} played. Results in {round_dir(Path(args.folder), n) / 'results'}/")
            for team, h in handed.items():
                print(f"  {team:<20} {h.status:<10} {h.message}")
        else:
            print(status(args.folder))
    except ValueError as err:  # MarketError and the engine's own messages: one line, no traceback
        print(f"market: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
