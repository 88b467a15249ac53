"""Starting canvases for the canvas editor: Netflix, Spotify and a blank canvas.

Plain data, one dict per preset: ``title``, ``blocks`` (block key -> text) and ``sources`` (the
tags, defined in ``datasets/sources.csv``, of every figure the text quotes). Every figure is
quoted as the source gives it, with its tag in square brackets; the rest of the text describes
how each company works in general terms and quotes no numbers.
"""

from __future__ import annotations

from typing import Any

NETFLIX: dict[str, Any] = {
    "title": "Netflix",
    "sources": ("NF19", "NF24L", "GH-fixture"),
    "blocks": {
        "customer_segments": (
            "Households and individuals who watch series and films at home or on the move, in many "
            "countries.\n"
            "301,626 thousand paid memberships at the end of 2024 [GH-fixture, secondary source]."
        ),
        "value_propositions": (
            "A large library of series, films and documentaries, including Netflix's own productions, "
            "on demand and on any screen.\n"
            "Personal recommendations; no fixed schedule; cancel at any time."
        ),
        "channels": (
            "The Netflix apps on smart TVs, streaming devices, game consoles, phones and tablets, "
            "and the website.\n"
            "Sign-up and billing online; bundles sold by some TV and telecom operators."
        ),
        "customer_relationships": (
            "Self-service: members sign up, change plan and cancel on their own.\n"
            "Automated personalisation: rows, artwork and recommendations differ per profile."
        ),
        "revenue_streams": (
            "Monthly membership fees (Subscription), with plans at different prices.\n"
            "Revenue $39,001 million in 2024 [NF24L, derived: sum of the four quarters].\n"
            "Average monthly revenue per paid membership $10.82 in 2019 [NF19]."
        ),
        "key_resources": (
            "The content library: licensed titles and own productions.\n"
            "The streaming technology and the viewing data behind recommendations.\n"
            "The brand and the membership base."
        ),
        "key_activities": (
            "Licensing and commissioning content; producing originals.\n"
            "Running the streaming service and the recommendation system; marketing."
        ),
        "key_partnerships": (
            "Studios, producers and rights holders who license or make content.\n"
            "Device makers and TV platforms that carry the app; internet and telecom providers; "
            "payment providers."
        ),
        "cost_structure": (
            "Content: licence fees and production costs, the largest cost.\n"
            "Technology and development; marketing; streaming delivery; payment processing."
        ),
    },
}

SPOTIFY: dict[str, Any] = {
    "title": "Spotify",
    "sources": ("SP24", "SP25Q1", "SP-Meeker"),
    "blocks": {
        "customer_segments": (
            "Listeners on the free, ad-supported tier and on Premium; advertisers who want to reach "
            "them; artists, podcasters and rights holders (a multi-sided market).\n"
            "675 million monthly active users, of whom 263 million Premium subscribers and 425 million "
            "ad-supported users, in Q4 2024 [SP24]."
        ),
        "value_propositions": (
            "Listeners: a large catalogue of music and podcasts, free with ads or ad-free with "
            "Premium (offline listening, no ads).\n"
            "Advertisers: audio and display ads targeted at listeners.\n"
            "Artists and rights holders: royalties and a large audience."
        ),
        "channels": (
            "The Spotify apps on phones, computers, smart speakers, TVs, consoles and cars; the web "
            "player.\n"
            "Bundles with telecom operators; an advertising sales team and self-serve ad tools."
        ),
        "customer_relationships": (
            "Self-service and automated personalisation (playlists and recommendations per user).\n"
            "The free tier is the main route to Premium: free users made up about 60 % of gross "
            "Premium additions, as Spotify's CFO said in March 2018 [SP-Meeker, secondary source]."
        ),
        "revenue_streams": (
            "Premium subscriptions (Freemium, Subscription) and advertising on the free tier "
            "(Hidden Revenue).\n"
            "Q4 2024: Premium revenue €3,705 million, advertising revenue €537 million [SP25Q1]."
        ),
        "key_resources": (
            "Licences for the music and podcast catalogue.\n"
            "The listening data and the recommendation algorithms; the apps; the brand; the user base."
        ),
        "key_activities": (
            "Negotiating licences with rights holders; running the platform; personalising "
            "recommendations; converting free users to Premium; selling advertising."
        ),
        "key_partnerships": (
            "Record labels, music publishers and collecting societies; podcast creators.\n"
            "Device makers, car makers and telecom operators; advertisers and agencies."
        ),
        "cost_structure": (
            "Royalties paid to rights holders, which grow with listening and revenue, are the largest "
            "cost.\n"
            "Research and development; sales and marketing; streaming and hosting."
        ),
    },
}

BLANK: dict[str, Any] = {"title": "", "sources": (), "blocks": {}}

# The names the editor's dropdown shows, in that order.
PRESETS: dict[str, dict[str, Any]] = {"Netflix": NETFLIX, "Spotify": SPOTIFY, "Blank": BLANK}


# --- the pattern on the canvas, at the end of each pattern lesson --------------------------------
# lesson number -> (the company's canvas, block -> one line on what the pattern changes there, caption).
# Facts only from the lesson's own sourced text; the rest describes how the company works in general.

LESSON_CANVASES: dict[str, tuple[dict[str, Any], dict[str, str], str]] = {
    "22": (SPOTIFY, {
        "Customer Segments": "free listeners are a segment of their own, and the pool Premium is sold to",
        "Value Propositions": "two tiers: free with ads, Premium without ads and with offline listening",
        "Customer Relationships": "the free tier is the route to Premium (conversion, then keeping subscribers)",
        "Revenue Streams": "a monthly Premium subscription, and ads on the free tier",
        "Cost Structure": "every free user costs royalties and streaming, paid before anyone converts",
    }, "Spotify's canvas (sources as in lesson 01). The outlined blocks are the ones freemium and subscription "
       "change."),
}


def pattern_canvas(lesson: str):
    """The lesson's company on the canvas, read-only, with the blocks its pattern changes outlined."""
    from widgets.canvas import Canvas, canvas_view

    company, changed, caption = LESSON_CANVASES[lesson]
    canvas = Canvas(title=company["title"], blocks=company["blocks"])
    return canvas_view(canvas, changed=changed, caption=caption)
