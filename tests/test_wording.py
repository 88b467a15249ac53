"""Numbers in sentences: money that is there is never shown as zero."""

from __future__ import annotations

import pytest

from widgets.models import wording


@pytest.mark.parametrize("amount, shown", [
    (0, "$0"), (0.004, "less than $0.01"), (0.05, "$0.05"), (12.345, "$12.35"), (999.99, "$999.99"),
    (1000, "$1.00 thousand"), (45_600, "$45.6 thousand"), (1.234e6, "$1.23 M"), (45.6e6, "$45.6 M"),
    (123.4e6, "$123 M"), (1.23e9, "$1.23 bn"), (-1.08e9, "−$1.08 bn"), (-0.001, "minus less than $0.01"),
])
def test_money_scales_and_never_hides_an_amount(amount, shown):
    assert wording.money(amount, "$") == shown


def test_money_refuses_what_is_not_a_number():
    with pytest.raises(ValueError, match="finite"):
        wording.money(float("nan"), "$")
