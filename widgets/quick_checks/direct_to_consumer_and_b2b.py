"""Lesson 41's quick checks, computed by the channels model (widgets/models/channels.py)."""

from __future__ import annotations

from widgets.claims import money, num
from widgets.claims.direct_to_consumer_and_b2b import NIKE

from . import Choice, LessonChecks, Mistake, Number, Option

CHECKS = LessonChecks("41_direct_to_consumer_and_b2b", (
    Choice(
        "41-1", "Selling direct, a brand keeps the whole price instead of a wholesale price. What does it take on in "
                "return?",
        hint="What did the partners bring that the brand must now build or buy itself?",
        worked="It must find every customer itself and pay to win them, ship, take returns and build the reach the "
               "partners' shelves, shoppers and sales people already had. Nike's turn back to wholesale in 2024 "
               "shows that reach is not free.",
        options=(
            Option("Finding and winning every customer, shipping, returns, and building the partners' reach.",
                   "Right: the partner's margin paid for reach; selling direct the brand pays for it in other ways.",
                   right=True),
            Option("Nothing: the partner's margin was pure cost.",
                   "The partner's margin bought shelves, shoppers and sales people; without them the brand must win "
                   "each customer itself."),
            Option("A lower price for the customer.",
                   "The brand keeps the whole price; nothing in the pattern forces a lower price to the customer."),
        )),
    Number(
        "41-2", "At the Nike (FY2023) preset, what is the lifetime value of a customer won direct (in USD)?",
        answer=lambda: NIKE.run().lifetime_value, unit="USD", tolerance=0.05,
        hint="The sentence gives the lifetime value next to the cost to win a customer (LTV/CAC).",
        worked="A direct customer earns {direct} a year after serving and replacing customers; over its lifetime that "
               "is worth USD {answer}, against {cac} to win it (LTV/CAC {ratio}).",
        facts=lambda: dict(direct=money(NIKE.run().direct_net_per_customer, 2),
                           cac=money(NIKE.values.acquisition_cost, 2),
                           ratio=num(NIKE.run().ltv_to_cac, 2)),
        mistakes=(Mistake(lambda: NIKE.run().direct_net_per_customer,
                          "That is what a direct customer earns in one year. The lifetime value adds up the years the "
                          "customer stays, discounted."),)),
))
