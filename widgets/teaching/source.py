"""A teaching note's source: what only an instructor's judgment can write, one YAML file per lesson, checked."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml

SESSION_MINUTES = 75
MODES = {  # plan step kind -> how the plan table names it
    "show": "you show",
    "drive": "the class drives the explorer",
    "discuss": "discussion",
    "pairs": "pairs or groups",
    "wrap": "wrap-up",
}


@dataclass(frozen=True)
class Step:
    minutes: int
    mode: str
    what: str


@dataclass(frozen=True)
class Answer:
    expect: str
    draw_out: str


@dataclass(frozen=True)
class Pairing:
    case: str
    why: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class NoteSource:
    """A lesson's plan, answers to its discussion questions, cold-call prompts and cases to pair with."""

    lesson: str
    plan: tuple[Step, ...]
    answers: dict[int, Answer]
    cold_calls: tuple[str, ...]
    pairs: tuple[Pairing, ...]


def citations(root: Path) -> dict[str, str]:
    """datasets/sources.csv as {tag: citation}."""
    with open(root / "datasets" / "sources.csv", encoding="utf-8", newline="") as f:
        return {row["tag"]: row["citation"] for row in csv.DictReader(f)}


def load(path: Path, questions: dict[int, str], known_tags: dict[str, str]) -> NoteSource:
    """Read and check a source; ValueError naming the file and what is wrong with it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    where = path.name
    plan = tuple(Step(int(s["minutes"]), str(s["mode"]), str(s["what"]).strip()) for s in data.get("plan", ()))
    answers = {int(k): Answer(str(v["expect"]).strip(), str(v["draw_out"]).strip())
               for k, v in (data.get("answers") or {}).items()}
    pairs = tuple(Pairing(str(p["case"]).strip(), str(p["why"]).strip(), tuple(p.get("tags", ())))
                  for p in data.get("pairs", ()))
    problems = []
    if data.get("lesson") != path.stem:
        problems.append(f"`lesson` must be {path.stem!r}")
    if sum(s.minutes for s in plan) != SESSION_MINUTES:
        problems.append(f"the plan's steps add up to {sum(s.minutes for s in plan)} minutes, not {SESSION_MINUTES}")
    problems += [f"plan step {s.what[:30]!r}: mode {s.mode!r} is not one of {', '.join(MODES)}"
                 for s in plan if s.mode not in MODES]
    problems += [f"the plan needs a {mode!r} step" for mode in ("drive", "discuss") if mode not in {s.mode for s in plan}]
    if sorted(answers) != sorted(questions):
        problems.append(f"answers are given for questions {sorted(answers)} but the lesson asks {sorted(questions)}")
    if len(data.get("cold_calls", ())) < 3:
        problems.append("give at least three cold-call prompts")
    if not pairs:
        problems.append("pair the lesson with at least one case")
    problems += [f"case {p.case[:30]!r}: source tag {t!r} is not in datasets/sources.csv"
                 for p in pairs for t in p.tags if t not in known_tags]
    problems += [f"case {p.case[:30]!r}: cite at least one source tag" for p in pairs if not p.tags]
    if problems:
        raise ValueError(f"docs/instructors/sources/{where}: " + "; ".join(problems))
    return NoteSource(path.stem, plan, answers, tuple(str(c).strip() for c in data["cold_calls"]), pairs)
