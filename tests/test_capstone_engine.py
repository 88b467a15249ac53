"""The capstone engine keeps its promises: the API contract, accounting identities, determinism, errors, undo."""

from __future__ import annotations

import math

import pytest

from widgets.capstone import companies, engine

COMPANIES = list(companies.COMPANIES)


@pytest.mark.parametrize("key", COMPANIES)
def test_eight_default_rounds_keep_the_accounts(key):
    game = engine.Game(key, seed=7)
    cash = companies.STARTING_CASH[key]
    while not game.finished:
        r = game.play({})
        assert r.profit == sum(r.revenue.values()) - sum(r.costs.values())
        assert r.cash == cash + r.profit
        cash = r.cash
        assert all(v >= 0 for v in r.users.values()) and all(v >= 0 for v in r.revenue.values())
        assert 0 <= r.market_share <= 1
    assert game.round == 8 and len(game.history) == 8 and len(game.decisions) == 8


def test_playing_after_the_last_round_says_the_game_has_ended():
    game = engine.Game("music", 1)
    for _ in range(8):
        game.play({})
    with pytest.raises(ValueError, match=r"^the game has ended after 8 rounds$"):
        game.play({})


def test_a_decision_out_of_range_names_the_decision_its_range_and_the_value():
    game = engine.Game("music", 1)
    with pytest.raises(ValueError, match=r"price \(Premium price\) must be from 1 to 15 € / month; got 99"):
        game.play({"price": 99})
    assert game.round == 0


def test_undo_drops_the_last_round_and_replays_to_the_same_numbers():
    game = engine.Game("ai_api", 4)
    game.play({"price": 30})
    first = game.history[0]
    game.play({"price": 20})
    game.undo()
    assert game.round == 1 and game.history == [first]
