"""The class debrief: replay every submitted capstone log and write a report to project.

    python3 course.py debrief SUBMISSIONS_DIR [--metric cash|value|users] [--out DIR] [--jobs N]

Every ``*.json`` file under SUBMISSIONS_DIR, at any depth (LMS exports nest them; hidden folders
and ``.ipynb_checkpoints`` are skipped), is read as data (JSON only, at most MAX_BYTES) and
REPLAYED from its company, seed and decisions (log.verify); the numbers it reports are used only
to detect editing. Writes ``debrief.csv`` (one row per file, whatever its status) and
``debrief.html`` (large type for a projector): per group of comparable games (same company, seed
and number of quarters, so the same events; a class market's teams form a group of their own), the ranking by the instructor's metric among the
"ok" logs, every team's trajectory on one chart, what the leaders decided against the rest, where
the field split, and discussion questions each computed from the result. Edited, invalid,
unreadable and unfinished files are rows with their status, never ranked and never a crash.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from widgets.canvas import write_atomic
from widgets.capstone import companies, engine, log
from widgets.capstone.brief import esc, number, page, table
from widgets.capstone.svg import Series, bar_chart, line_chart

MAX_BYTES = 1_000_000  # a 12-quarter log is a few kilobytes; anything larger is not a log
STATUSES = ("ok", "in progress", "edited", "invalid", "unreadable")
LEADER_SHARE = 1 / 3   # "the leaders": the top third of a group (at least one team)
NAMED_LINES = 10       # past this many teams, only the best ones get a colour and a legend entry
FIELD_GREY = "#b8b8b8"
CSS = """
body{font-family:Inter,'Helvetica Neue',Arial,sans-serif;color:#222;max-width:1400px;margin:0 auto;padding:24px;
font-size:22px;line-height:1.45}
h1{font-size:36px;margin:0 0 8px}h2{font-size:30px;margin:40px 0 10px;border-bottom:2px solid #ccc}h3{font-size:25px}
table{border-collapse:collapse;font-size:20px;margin:8px 0}th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}
th{background:#f2f2f2}td.text,th.text{text-align:left}svg{max-width:100%!important}
li{margin:8px 0}.note{color:#555;font-size:18px}.question{font-weight:bold}
@media print{body{font-size:12px;max-width:none}h1{font-size:20px}h2{font-size:16px}table{font-size:11px}}
"""


@dataclass
class Entry:
    """One submitted file, replayed: what the CSV row and the report need, as plain data."""

    file: str
    status: str
    message: str
    team: str = ""
    company: str = ""
    seed: Any = ""
    rounds: Any = ""
    market: str = ""  # a class market's teams ("red, blue, …"), or "" for a game against the rival alone
    metrics: dict[str, float] = field(default_factory=dict)         # final value of each engine.METRICS
    paths: dict[str, list[float]] = field(default_factory=dict)     # each metric after quarter 1, 2, …
    means: dict[str, float] = field(default_factory=dict)           # each decision's mean over the quarters
    events: list[tuple[int, str]] = field(default_factory=list)     # (quarter, title) of the events met
    rank: int | None = None

    @property
    def group(self) -> tuple[str, str, str, str]:
        return (str(self.company), str(self.seed), str(self.rounds), self.market)


def find_logs(folder: Path) -> list[Path]:
    """Every ``*.json`` under ``folder``, at any depth, hidden folders and checkpoints aside."""
    folder = Path(folder)
    return sorted(p for p in folder.rglob("*.json") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts[:-1])
                  and ".ipynb_checkpoints" not in p.parts)


def replay(path: Path, root: Path) -> Entry:
    """Read one file as data, replay it, and keep what the report needs (never raises)."""
    name = str(path.relative_to(root))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Entry(name, "unreadable", f"the file has {size:,} bytes; a decision log has under {MAX_BYTES:,}")
        loaded = log.load(path)
    except log.LogError as err:
        return Entry(name, "unreadable", str(err))
    except Exception as err:  # noqa: BLE001 — one bad file is one row, whatever went wrong
        return Entry(name, "unreadable", f"cannot be read ({type(err).__name__})")
    market = getattr(loaded, "market", None)
    teams = ", ".join(str(t)[:40] for t in market["teams"][:50]) if isinstance(market, dict) and isinstance(
        market.get("teams"), list) else ""
    entry = Entry(name, "unreadable", "", str(loaded.team)[:80], str(loaded.company)[:40], loaded.seed, loaded.rounds,
                  teams)
    try:
        verdict = log.verify(loaded)
    except Exception as err:  # noqa: BLE001
        entry.status, entry.message = "invalid", f"cannot be replayed ({type(err).__name__}: {str(err)[:200]})"
        return entry
    entry.status, entry.message = verdict.status, str(verdict.message)[:300]
    if verdict.status == "ok" and verdict.history:
        history = list(verdict.history)
        for key, (_, fn) in engine.METRICS.items():
            entry.metrics[key] = float(fn(history))
            entry.paths[key] = [float(fn(history[:k])) for k in range(1, len(history) + 1)]
        names = list(dict.fromkeys(n for r in history for n in r.decisions))
        entry.means = {n: statistics.fmean(float(r.decisions[n]) for r in history if n in r.decisions) for n in names}
        entry.events = [(e.round, e.title) for r in history for e in r.events]
    return entry


def _replay_job(args: tuple[str, str]) -> Entry:
    return replay(Path(args[0]), Path(args[1]))


def replay_all(folder: Path, jobs: int | None = None) -> list[Entry]:
    """Replay every log under ``folder``, ``jobs`` processes at once (default: one per core)."""
    files = find_logs(folder)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(files) or 1))
    if jobs == 1:
        return [replay(p, Path(folder)) for p in files]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_replay_job, [(str(p), str(folder)) for p in files], chunksize=8))


def rank(entries: Sequence[Entry], metric: str) -> dict[tuple[str, str, str, str], list[Entry]]:
    """The "ok" entries by group, best first by ``metric``; ties share a rank (1, 2, 2, 4)."""
    groups: dict[tuple[str, str, str, str], list[Entry]] = {}
    for e in entries:
        if e.status == "ok":
            groups.setdefault(e.group, []).append(e)
    for members in groups.values():
        members.sort(key=lambda e: (-e.metrics[metric], e.team, e.file))
        for i, e in enumerate(members):
            same = i > 0 and members[i - 1].metrics[metric] == e.metrics[metric]
            e.rank = members[i - 1].rank if same else i + 1
    return dict(sorted(groups.items()))


def leaders(members: Sequence[Entry]) -> tuple[list[Entry], list[Entry]]:
    """The top third of a ranked group (at least one team) and the rest."""
    k = max(1, math.floor(len(members) * LEADER_SHARE + 1e-9))
    return list(members[:k]), list(members[k:])


def _param(company: str, name: str):
    c = companies.lookup(company)
    return c.decisions[name] if c is not None and name in c.decisions else None


def position(company: str, name: str, value: float) -> float:
    """Where a decision sits in its allowed range, 0 (the lowest allowed) to 1 (the highest)."""
    p = _param(company, name)
    return (value - p.min) / (p.max - p.min) if p is not None and p.max > p.min else 0.0


def shown(company: str, name: str, value: float) -> str:
    """A decision's (mean) value with its unit, as the learner set it (a share as a percent), to 3 figures."""
    p = _param(company, name)
    if p is not None and p.integer and (p.min, p.max) == (0, 1):
        return f"on in {number(100 * value)} % of the quarters"
    scale, unit = (100, " %") if p is not None and p.percent else (1, f" {p.unit}" if p is not None and p.unit else "")
    x = value * scale
    return number(x, 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2) + unit


def label(company: str, name: str) -> str:
    p = _param(company, name)
    return p.label if p is not None else name


def _switch(company: str, name: str) -> bool:
    p = _param(company, name)
    return p is not None and p.integer and (p.min, p.max) == (0, 1)


def more(company: str, name: str, higher: bool) -> str:
    """'a higher premium price', or for an on/off decision 'free tier with ads on more often'."""
    if _switch(company, name):
        return f"{label(company, name).lower()} on {'more' if higher else 'less'} often"
    return f"a {'higher' if higher else 'lower'} {label(company, name).lower()}"


def above(company: str, name: str, median: float) -> str:
    """'above 8.50 € / month', or for an on/off decision 'with free tier with ads on in over 50 % of the quarters'."""
    if _switch(company, name):
        return f"with {label(company, name).lower()} on in over {number(100 * median)} % of the quarters"
    return f"above {shown(company, name, median)}"


def metric_unit(company: str, metric: str) -> str:
    """The unit of a metric: users in thousands, money in the company's currency, thousands."""
    c = companies.lookup(company)
    return "thousand users" if metric == "users" else f"{c.currency if c else ''} thousand".strip()


def amount(x: float) -> str:
    """A metric's value: whole numbers from a thousand up, one decimal below."""
    return number(x, 0 if abs(x) >= 1000 else 1)


@dataclass(frozen=True)
class Finding:
    """A computed fact about a group and the discussion question it raises."""

    fact: str
    question: str


def leader_gap(company: str, top: Sequence[Entry], rest: Sequence[Entry]) -> tuple[str, float, float] | None:
    """The decision on which the leaders' mean differs most from the rest's (relative to its range)."""
    names = [n for n in top[0].means] if top else []
    gaps = [(abs(position(company, n, statistics.fmean(e.means[n] for e in top))
                 - position(company, n, statistics.fmean(e.means[n] for e in rest))), n) for n in names]
    if not rest or not gaps:
        return None
    _, name = max(gaps)
    return name, statistics.fmean(e.means[name] for e in top), statistics.fmean(e.means[name] for e in rest)


def split(company: str, members: Sequence[Entry], metric: str) -> tuple[str, float, list[Entry], list[Entry]] | None:
    """Where the field split: the decision with the widest spread (relative to its range), and the
    teams above its median against those at or below it."""
    names = list(members[0].means) if members else []
    spreads = [(statistics.pstdev(position(company, n, e.means[n]) for e in members), n) for n in names]
    if len(members) < 2 or not spreads or max(spreads)[0] == 0:
        return None
    _, name = max(spreads)
    median = statistics.median(e.means[name] for e in members)
    high = [e for e in members if e.means[name] > median]
    low = [e for e in members if e.means[name] <= median]
    return (name, median, high, low) if high and low else None


def findings(company: str, members: Sequence[Entry], metric: str) -> list[Finding]:
    """Discussion questions for one group, each from a fact computed on its replayed results."""
    out: list[Finding] = []
    if len(members) < 2:
        return out
    mlabel = engine.METRICS[metric][0].lower()
    top, rest = leaders(members)
    gap = leader_gap(company, top, rest)
    if gap is not None:
        name, a, b = gap
        who = "The leader" if len(top) == 1 else f"The {len(top)} leaders"
        out.append(Finding(
            f"{who} set {label(company, name)} at {shown(company, name, a)} on average over the game; "
            f"the other {len(rest)} teams at {shown(company, name, b)}.",
            f"Did {more(company, name, a > b)} make the difference, or did the leaders differ in something else? "
            f"Which relation in the simulation would carry it, and would it hold for the real company?"))
    cut = split(company, members, metric)
    if cut is not None:
        name, median, high, low = cut
        mh = statistics.fmean(e.metrics[metric] for e in high)
        ml = statistics.fmean(e.metrics[metric] for e in low)
        unit = metric_unit(company, metric)
        out.append(Finding(
            f"The field split most on {label(company, name)}: the {len(high)} teams {above(company, name, median)} "
            f"ended with {mlabel} {amount(mh)} {unit} on average, the other {len(low)} with {amount(ml)}.",
            f"What did the teams that chose {more(company, name, mh >= ml)} gain, and what did they give up?"))
    spread = [statistics.pstdev(e.paths[metric][k] for e in members) for k in range(len(members[0].paths[metric]))]
    if len(spread) > 1:
        k = max(range(1, len(spread)), key=lambda i: spread[i] - spread[i - 1])
        if spread[k] > spread[k - 1]:
            titles = sorted({t for e in members for q, t in e.events if q == k + 1})
            during = f"quarter {k + 1} ({'; '.join(titles)})" if titles else f"quarter {k + 1}"
            best = max(members, key=lambda e: e.paths[metric][k] - e.paths[metric][k - 1])
            out.append(Finding(
                f"The gap between teams grew most in {during}: the spread (standard deviation) of {mlabel} went "
                f"from {amount(spread[k - 1])} to {amount(spread[k])} {metric_unit(company, metric)}; {best.team} gained "
                f"most in that quarter.",
                f"What had {best.team} decided before " + (f"“{titles[0]}”" if titles else f"quarter {k + 1}")
                + " that the others had not?"))
    others = [m for m in engine.METRICS if m != metric]
    for other in others:
        by_other = sorted(members, key=lambda e: -e.metrics[other])
        if by_other[0] is not members[0]:
            place = by_other.index(members[0]) + 1
            out.append(Finding(
                f"{members[0].team} leads on {mlabel} but ranks {place} of {len(members)} on "
                f"{engine.METRICS[other][0].lower()} (led by {by_other[0].team}).",
                f"Which of the two measures should a board judge these teams by, and what does the gap "
                f"say about {members[0].team}'s business model?"))
            break
    broke = [e for e in members if min(e.paths["cash"]) < 0] if "cash" in engine.METRICS else []
    if broke:
        out.append(Finding(
            f"{len(broke)} of {len(members)} teams ran out of cash (below zero) in some quarter.",
            "What would a real company have had to do at that point: raise money, cut costs, or change the model?"))
    return out


def group_section(key: tuple[str, str, str, str], members: list[Entry], metric: str) -> str:
    """One group of comparable games: ranking, trajectories, leaders' decisions, the split, questions."""
    company_key, seed, rounds, market = key
    company = companies.lookup(company_key)
    mlabel, _ = engine.METRICS[metric]
    title = f"{company.name if company else company_key} · seed {seed} · {rounds} quarters" + (
        f" · class market of {market}" if market else "")
    parts = [f"<h2>{esc(title)}</h2>",
             f"<p>{len(members)} verified games, ranked by {esc(mlabel.lower())} (replayed). Same company and seed: "
             f"every team met the same market and the same events.</p>"]
    if company is not None:
        parts.append(f"<p class='note'>Patterns in play: {esc(', '.join(company.patterns))}.</p>")
    metric_cols = list(engine.METRICS)
    rows = [[e.rank, e.team, *[amount(e.metrics[m]) for m in metric_cols], e.file] for e in members]
    parts.append(table(["Rank", "Team", *[f"{engine.METRICS[m][0]} ({metric_unit(company_key, m)})"
                                          for m in metric_cols], "File"], rows, text=(1, 2 + len(metric_cols))))
    n = len(members[0].paths[metric])
    named = members if len(members) <= NAMED_LINES else leaders(members)[0][:NAMED_LINES]
    lines = [Series(e.team or e.file, tuple(e.paths[metric]), e.rank == 1,
                    None if i < len(named) else FIELD_GREY, i < len(named)) for i, e in enumerate(members)]
    parts.append(line_chart(lines, list(range(1, n + 1)), title=f"{mlabel}, every team, quarter by quarter",
                            x_label="Quarter", y_label=f"{mlabel} ({metric_unit(company_key, metric)})",
                            unit=metric_unit(company_key, metric), width=900, height=420))
    if len(named) < len(members):
        parts.append(f"<p class='note'>Coloured and named: the {len(named)} best; grey: the other "
                     f"{len(members) - len(named)} teams.</p>")
    top, rest = leaders(members)
    names = list(members[0].means)
    if rest and names:
        lab = [label(company_key, nm) for nm in names]
        mean_top = [statistics.fmean(e.means[nm] for e in top) for nm in names]
        mean_rest = [statistics.fmean(e.means[nm] for e in rest) for nm in names]
        parts.append(f"<h3>What the leaders decided ({len(top)} of {len(members)}, the top third) against the rest</h3>")
        parts.append(table(["Decision", "Leaders (mean over the game)", "The rest"],
                           [[lb, shown(company_key, nm, a), shown(company_key, nm, b)]
                            for lb, nm, a, b in zip(lab, names, mean_top, mean_rest)], text=(0,)))
        parts.append(bar_chart(lab, [Series("leaders", tuple(100 * position(company_key, nm, v)
                                                             for nm, v in zip(names, mean_top))),
                                     Series("the rest", tuple(100 * position(company_key, nm, v)
                                                              for nm, v in zip(names, mean_rest)))],
                               title="Where in the allowed range each decision sat",
                               x_label="% of the way from the lowest to the highest allowed value", unit="%",
                               width=900))
    found = findings(company_key, members, metric)
    if found:
        items = "".join(f"<li>{esc(f.fact)}<br><span class='question'>{esc(f.question)}</span></li>" for f in found)
        parts.append(f"<h3>Discussion questions (each from a fact above)</h3><ol>{items}</ol>")
    return "".join(parts)


def report(entries: Sequence[Entry], metric: str, folder_name: str) -> str:
    """The whole debrief page."""
    groups = rank(entries, metric)
    counts = {s: sum(e.status == s for e in entries) for s in STATUSES}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    parts = [f"<h1>Capstone debrief: {esc(folder_name)}</h1>",
             f"<p>{len(entries)} files: {esc(summary or 'none')}. Every result was recomputed from the decisions "
             f"and the seed; only verified (ok) games are ranked, each within its group.</p>"]
    if len(groups) > 1:
        parts.append(f"<p class='note'>{len(groups)} groups (company, seed, quarters, and the class market if any): "
                     f"games on different seeds met different events, and the teams of a class market shared "
                     f"their customers, so each group has its own ranking.</p>")
    parts += [group_section(key, members, metric) for key, members in groups.items()]
    bad = [e for e in entries if e.status != "ok"]
    if bad:
        parts.append("<h2>Files not ranked</h2>")
        parts.append(table(["File", "Team", "Status", "Why"], [[e.file, e.team, e.status, e.message] for e in bad],
                           text=range(4)))
    return page(f"Capstone debrief: {folder_name}", "".join(parts), CSS)


def _cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula (=, +, -, @ at the start)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def write_csv(path: Path, entries: Sequence[Entry], metric: str) -> Path:
    """debrief.csv: one row per file: file, team, company, seed, quarters, status, message, metrics, rank."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "team", "company", "seed", "rounds", "market", "status", "message",
                         *engine.METRICS, f"rank by {metric} in group"])
        for e in entries:
            writer.writerow([_cell(v) for v in (e.file, e.team, e.company, e.seed, e.rounds, e.market, e.status, e.message,
                             *[f"{e.metrics[m]:.3f}" if m in e.metrics else "" for m in engine.METRICS],
                             "" if e.rank is None else e.rank)])
    return path


def debrief(folder: str | os.PathLike, metric: str = "cash", out: str | os.PathLike | None = None,
            jobs: int | None = None) -> tuple[Path, Path]:
    """Replay every log under ``folder`` and write debrief.html and debrief.csv into ``out``."""
    if metric not in engine.METRICS:
        raise ValueError(f"metric must be one of {', '.join(engine.METRICS)}; got {metric!r}")
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder of decision logs")
    out_dir = Path(out) if out is not None else folder
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = replay_all(folder, jobs)
    rank(entries, metric)
    html_path = out_dir / "debrief.html"
    write_atomic(html_path, report(entries, metric, folder.resolve().name))
    return html_path, write_csv(out_dir / "debrief.csv", entries, metric)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course.py debrief", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="the folder of submitted decision logs (*.json, at any depth)")
    parser.add_argument("--metric", default="cash", choices=list(engine.METRICS), help="what ranks the teams")
    parser.add_argument("--out", help="where to write debrief.html and debrief.csv (default: the folder)")
    parser.add_argument("--jobs", type=int, help="logs replayed at once (default: one per core)")
    args = parser.parse_args(argv)
    try:
        html_path, csv_path = debrief(args.folder, args.metric, args.out, args.jobs)
    except ValueError as err:
        print(f"debrief: {err}", file=sys.stderr)
        return 2
    print(f"Wrote {html_path} and {csv_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
