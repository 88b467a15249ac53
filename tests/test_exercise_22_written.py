"""Exercise 22, Question 6 (written): the question gives every figure its model answer uses.

The figures must be one point in time each (year-end users with the fourth quarter's revenue,
as Spotify reports them and ``datasets/spotify.csv`` holds them), and every figure in millions
that the model answer divides by must appear in the question, so a student can reproduce it.
"""

from __future__ import annotations

import json
import re

from widgets import data
from widgets.grading import masters

from conftest import SOLUTIONS

MASTER = SOLUTIONS / "22_freemium_and_subscription.ipynb"


def _question_and_answer(name: str) -> tuple[str, str]:
    question, answer, state = "", "", None
    for cell in json.loads(MASTER.read_text(encoding="utf-8"))["cells"]:
        text = masters.source(cell)
        if cell["cell_type"] == "raw" and text.strip().startswith("# BEGIN QUESTION"):
            state = "question" if f"name: {name}" in text else None
        elif cell["cell_type"] == "raw" and text.strip().startswith("# BEGIN SOLUTION") and state:
            state = "answer"
        elif cell["cell_type"] == "raw" and text.strip().startswith("# END QUESTION"):
            state = None
        elif cell["cell_type"] == "markdown" and state == "question":
            question += text
        elif cell["cell_type"] == "markdown" and state == "answer":
            answer += text
    return question, answer.split("**Rubric", 1)[0]


def _millions(text: str) -> set[str]:
    return set(re.findall(r"(\d[\d,.]*)\s?M\b", text))


def test_q6_figures_are_spotify_year_end_figures():
    question, _ = _question_and_answer("q6")
    spotify = data.load("spotify").set_index("year")
    for year in (2019, 2023):
        row = spotify.loc[year]
        for column in ("premium_subscribers_m", "ad_supported_mau_m", "mau_m",
                       "q4_premium_revenue_eur_m", "q4_ad_revenue_eur_m"):
            assert f"{int(row[column]):,}" in question, f"{year} {column} = {row[column]}"
    assert "Q1" not in question, "users of one quarter with revenue of another"


def test_q6_model_answer_uses_only_figures_the_question_gives():
    question, answer = _question_and_answer("q6")
    used = _millions(answer)
    assert used, "the model answer quantifies the trade-off"
    assert used <= _millions(question), f"not given in the question: {used - _millions(question)}"
