"""The decision log: the result of a game is its decisions and seed, recomputed on every read, never trusted.

A log is one JSON file (format ``bmpl-capstone-log/1``) with the company, the seed, the number of
rounds, the team and every round's decisions; ``reported`` repeats a few results for people reading
the file. A team's log from a class market also carries ``market``: every team's name and decisions,
since its results depend on theirs (shared demand) and only the whole market replays them. :func:`verify` replays the decisions and compares: a file whose reported numbers differ from
the replay is "edited" (forged or hand-edited) and is reported, not ranked. Nothing raises out of
:func:`verify`; :func:`load` raises :class:`LogError` with a message that says what is wrong.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Union

from ..canvas import write_atomic
from . import companies, engine

FORMAT = "bmpl-capstone-log/1"
MAX_BYTES = 1_000_000          # a real log is a few kilobytes
# Reported numbers are rounded to 3 decimals (currency thousands: a unit of money). Another machine's maths
# library may flip a last digit now and then, and cash carries such flips over, so a difference of up to ten
# units (0.01), or a relative 1e-12 on huge sums, is the same number; anything more is an edit.
TOLERANCE = 0.01
REPORTED = ("round", "cash", "profit", "users", "value_created")


class LogError(ValueError):
    """A decision log that cannot be read: the message says what is wrong with it."""


@dataclass(frozen=True)
class DecisionLog:
    """A decision log as read: what to replay (company, seed, rounds, team, decisions) and what it claims."""

    company: Any
    seed: Any
    rounds: Any
    team: str
    decisions: list[dict[str, Any]]
    reported: list[dict[str, Any]]
    market: dict[str, Any] | None = None   # a class market's teams and their decisions, if the log is from one


@dataclass(frozen=True)
class Verdict:
    """The replay's verdict: ok, in progress, edited, invalid or unreadable; the replayed history; why."""

    status: str
    history: list[engine.RoundResult] | None
    message: str


def _reported(result: engine.RoundResult) -> dict[str, Any]:
    """What a log repeats of a round for people reading it."""
    return {"round": result.round, "cash": result.cash, "profit": result.profit, "users": dict(result.users),
            "value_created": result.value_created}


def to_dict(game_or_market_team: Union["engine.Game", tuple["engine.Market", str]]) -> dict[str, Any]:
    """The JSON-ready log of a Game, or of one team of a Market given as (market, team)."""
    if isinstance(game_or_market_team, engine.Game):
        market, team = game_or_market_team.market, game_or_market_team.team
    else:
        market, team = game_or_market_team
        if team not in market.teams:
            raise ValueError(f"team {team!r} is not in this market; its teams are {', '.join(market.teams)}")
    out = {"format": FORMAT, "company": market.company, "seed": market.seed, "rounds": market.rounds, "team": team,
           "decisions": [dict(d) for d in market.decisions[team]],
           "reported": [_reported(r) for r in market.history[team]]}
    if len(market.teams) > 1:
        out["market"] = {"teams": list(market.teams),
                         "decisions": {t: [dict(d) for d in market.decisions[t]] for t in market.teams}}
    return out


def save(game_or_market_team: Union["engine.Game", tuple["engine.Market", str]], path: str | os.PathLike) -> Path:
    """Write the log atomically (a crash never leaves half a file); returns the path."""
    path = Path(path)
    write_atomic(path, json.dumps(to_dict(game_or_market_team), indent=1, ensure_ascii=False, allow_nan=False) + "\n")
    return path


def _parse(data: Any) -> DecisionLog:
    """Check the shape of a log (not its values: verify replays those)."""
    if not isinstance(data, dict):
        raise LogError(f"a decision log is a JSON object; got {type(data).__name__}")
    if data.get("format") != FORMAT:
        raise LogError(f"not a capstone decision log: format should be {FORMAT!r}; got {str(data.get('format'))[:60]!r}")
    missing = [k for k in ("company", "seed", "rounds", "team", "decisions", "reported") if k not in data]
    if missing:
        raise LogError(f"the log lacks {', '.join(missing)}")
    if not isinstance(data["decisions"], list) or not all(isinstance(d, dict) for d in data["decisions"]):
        raise LogError("decisions must be a list with one object of decision name -> value per round")
    if not isinstance(data["reported"], list) or not all(isinstance(d, dict) for d in data["reported"]):
        raise LogError("reported must be a list with one object per round")
    if not isinstance(data["team"], str):
        raise LogError(f"team must be a name; got {data['team']!r}"[:120])
    market = data.get("market")
    if market is not None and not (isinstance(market, dict) and isinstance(market.get("teams"), list)
                                   and isinstance(market.get("decisions"), dict)):
        raise LogError("market must be an object with the teams (a list) and their decisions (an object)")
    return DecisionLog(data["company"], data["seed"], data["rounds"], data["team"], data["decisions"], data["reported"],
                       market)


def load(path: str | os.PathLike) -> DecisionLog:
    """Read a log file; LogError says why a file cannot be read (too large, not UTF-8, not JSON, not a log)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LogError(f"{path.name} is {size:,} bytes; a decision log is at most {MAX_BYTES:,}")
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise LogError(f"{path.name} is not UTF-8 text") from None
    except OSError as err:
        raise LogError(f"{path.name} cannot be read ({err.strerror or err})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise LogError(f"{path.name} is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from None
    except RecursionError:
        raise LogError(f"{path.name} is nested too deeply to be a decision log") from None
    try:
        return _parse(data)
    except LogError as err:
        raise LogError(f"{path.name}: {err}") from None


def replay(log: DecisionLog) -> tuple[list[engine.RoundResult], int]:
    """The team's history played again from the decisions, and the game's rounds (ValueError if they are invalid)."""
    teams = tuple(log.market["teams"]) if log.market else (log.team,)
    market = engine.Market(log.company, log.seed, teams, log.rounds)
    if log.team not in market.teams:
        raise ValueError(f"the team {log.team!r} is not among the market's teams")
    plans = log.market["decisions"] if log.market else {log.team: log.decisions}
    if set(plans) != set(market.teams) or plans[log.team] != log.decisions:
        raise ValueError("the market's decisions must list every team once, this team's as in decisions")
    played = len(log.decisions)
    if played > market.rounds or any(not isinstance(p, list) or len(p) != played for p in plans.values()):
        raise ValueError(f"the log has {played} rounds of decisions for a game of {market.rounds}, "
                         "or teams with different numbers of rounds")
    known = companies.company(market.company).decisions
    for i in range(played):
        chosen = {t: plans[t][i] for t in market.teams}
        for t, d in chosen.items():
            unknown = [k for k in (d if isinstance(d, dict) else {}) if k not in known]
            if unknown:
                raise ValueError(f"round {i + 1}: unknown decision(s) {', '.join(map(str, unknown))}")
        try:
            market.play(chosen)
        except ValueError as err:
            raise ValueError(f"round {i + 1}: {err}") from None
    return list(market.history[log.team]), market.rounds


def _same(claimed: Any, actual: Any) -> bool:
    """A reported number (or mapping of numbers) equals the replay's, to the rounding of the log."""
    if isinstance(actual, Mapping):
        return isinstance(claimed, Mapping) and set(claimed) == set(actual) and all(
            _same(claimed[k], actual[k]) for k in actual)
    if isinstance(claimed, bool) or not isinstance(claimed, (int, float)) or not math.isfinite(claimed):
        return False
    return abs(claimed - actual) <= TOLERANCE + 1e-12 * abs(actual)


def _shown(value: float | Mapping[str, float]) -> str:
    """A replayed number (or one per side) as a person reads it: two decimals, thousands separated.

    Only the replay's numbers are shown: a forged file's own never reaches a report."""
    if isinstance(value, Mapping):
        return ", ".join(f"{side} {amount:,.2f}" for side, amount in value.items())
    return f"{value:,.2f}"


def verify(path_or_log: str | os.PathLike | DecisionLog) -> Verdict:
    """Replay a log and say whether its reported numbers are the replay's: never raises."""
    try:
        log = path_or_log if isinstance(path_or_log, DecisionLog) else load(path_or_log)
    except LogError as err:
        return Verdict("unreadable", None, str(err))
    except Exception as err:  # noqa: BLE001 — a verdict, never a traceback
        return Verdict("unreadable", None, f"cannot be read ({type(err).__name__})")
    try:
        history, rounds = replay(log)
    except (ValueError, TypeError, KeyError, OverflowError) as err:
        return Verdict("invalid", None, str(err)[:300])
    except Exception as err:  # noqa: BLE001 — a verdict, never a traceback
        return Verdict("invalid", None, f"cannot be replayed ({type(err).__name__}: {str(err)[:200]})")
    if len(log.reported) != len(history):
        return Verdict("edited", history, f"the log reports {len(log.reported)} rounds but has decisions for "
                                          f"{len(history)}")
    for claimed, result in zip(log.reported, history):
        actual = _reported(result)
        for key in REPORTED:
            if key not in claimed or not _same(claimed[key], actual[key]):
                return Verdict("edited", history, f"round {result.round}: the reported {key} differs from the replay "
                                                  f"(the replay gives {_shown(actual[key])})")
    if len(history) < rounds:
        return Verdict("in progress", history, f"{len(history)} of {rounds} rounds played")
    return Verdict("ok", history, f"all {rounds} rounds replay to the reported numbers")
