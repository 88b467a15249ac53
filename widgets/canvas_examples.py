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


# --- the companies of the pattern lessons (facts from each lesson's own sourced text) ----------------

def _company(title: str, *blocks: str) -> dict[str, Any]:
    """A canvas in block order: customer segments, value propositions, channels, customer
    relationships, revenue streams, key resources, key activities, key partnerships, cost structure."""
    keys = ("customer_segments", "value_propositions", "channels", "customer_relationships", "revenue_streams",
            "key_resources", "key_activities", "key_partnerships", "cost_structure")
    return {"title": title, "sources": (), "blocks": dict(zip(keys, blocks))}


KICKSTARTER_CREATOR = _company(
    "A creator funded on Kickstarter",
    "Backers who pre-order the product or buy a reward; the creator's own network first, then strangers.",
    "A product or a record before it exists, and a reward (a copy, the gadget, a thank-you in the credits).",
    "The campaign page on Kickstarter; the creator's network, who tell others.",
    "Updates to the backers during the campaign and until the rewards are delivered.",
    "Pledges, received only if the goal is reached by the deadline (all-or-nothing), minus Kickstarter's "
    "5 % fee and the payment processor's fee.",
    "The idea or prototype, the creator's network and reputation.",
    "Running the campaign; making and delivering the rewards once funded.",
    "Kickstarter (the platform) and the payment processor.",
    "Development and tooling, spent only once the market has said yes; making and shipping the rewards; fees.",
)

THREADLESS = _company(
    "Threadless",
    "A community of designers and T-shirt buyers (often the same people).",
    "T-shirts with designs the community chose; for designers, a stage, a score and a payment.",
    "Design challenges on the website; the community's votes and word of mouth.",
    "Co-creation: the community submits and scores designs.",
    "Sales of the printed T-shirts.",
    "The community and its scores (evidence of demand before production).",
    "Running the challenges, printing the winners, selling them.",
    "The designers who submit; printers and shippers.",
    "Awards to the creators of winning designs; running the community; printing.",
)

RED_HAT = _company(
    "Red Hat",
    "Companies running Linux on their servers that need it tested, certified and supported.",
    "A Linux operating system anyone may use, with tested releases, updates, certification with other "
    "vendors' software and support for subscribers.",
    "Direct sales to companies; the free code spreads the product by itself.",
    "A subscription with support: a long relationship, renewed each year.",
    "Subscriptions to the certified, supported versions (more than USD 1 billion in fiscal 2012).",
    "Engineers who know the code; the brand; the certifications.",
    "Testing and certifying releases, support, contributing to the code.",
    "The open-source community that develops much of the code; other software and hardware vendors who "
    "certify with it.",
    "Engineering, support and sales; no licence fees for the code it did not invent.",
)

BMG_BOOK = _company(
    "Business Model Generation (the book, 2010)",
    "Managers, consultants and entrepreneurs who design business models.",
    "A visual handbook that introduced the Business Model Canvas.",
    "Wiley's bookshops, and the practitioners who co-created it and were its first marketers.",
    "Co-creation and a community: 470 practitioners from 45 countries wrote, reviewed and spread it.",
    "Sales of the book.",
    "The Canvas and the authors' reputation; the community of co-creators.",
    "Writing, editing and designing the book with the crowd.",
    "The 470 co-creators; the publisher (Wiley).",
    "Writing, design and publishing; the community's work is not paid as staff time.",
)

AMAZON = _company(
    "Amazon",
    "Shoppers; the sellers and brands who want to be shown to them.",
    "Shoppers: a large choice, and recommendations of what customers who bought this also bought. "
    "Sellers and brands: advertising shown to the right shoppers.",
    "The website and apps; sponsored listings for advertisers.",
    "Automated and personal: the store differs per shopper.",
    "Sales to shoppers; advertising sold to sellers and brands.",
    "What customers search, view and buy; the recommendation algorithm (item-to-item collaborative "
    "filtering); the user base.",
    "Collecting and analysing customer data; recommending; selling advertising.",
    "Sellers and brands on the marketplace.",
    "Technology and data systems, and keeping data (a cost, and a risk, that grows with what is kept).",
)

META = _company(
    "Meta (Facebook, Instagram, Messenger, WhatsApp)",
    "Users, who pay nothing; advertisers, who pay for the users' attention.",
    "Users: free social apps. Advertisers: ads shown to exactly the right people, with proof they worked.",
    "The apps on phones and the web; ad tools for advertisers.",
    "Self-service for users and advertisers; automated personalisation of the feed and the ads.",
    "Advertising: about 98 % of revenue (impressions × price per impression).",
    "The users' time and what the firm knows about them; the apps; the ad system.",
    "Running the apps and the feed; targeting and measuring ads.",
    "Advertisers and agencies; app stores and phone makers, whose rules (such as Apple's App Tracking "
    "Transparency, April 2021) decide what can be tracked.",
    "Engineering, data centres, content moderation, sales.",
)

AWS = _company(
    "Amazon Web Services",
    "Developers, start-ups and companies that need computing and storage, from light to heavy users.",
    "Servers and storage by the hour, with no contract; lower prices for a committed spend (Savings Plans).",
    "Self-service on the web and by API; sales teams for large customers.",
    "Self-service; long commitments with the largest customers.",
    "On-Demand use metered by the hour since 2006; since 2019 Savings Plans: a spend per hour committed for "
    "one or three years, at a lower price, with anything above it at the On-Demand price.",
    "Data centres and the software that meters and runs them.",
    "Running and metering the infrastructure; pricing the plans.",
    "Chip and hardware suppliers; software vendors who sell on it.",
    "Data centres, power and hardware: a large fixed cost, a small cost per unit used.",
)

UBER = _company(
    "Uber (a city launch)",
    "Riders and drivers: two sides that come for each other.",
    "Riders: a car in minutes. Drivers: riders to earn from, without an employer.",
    "The rider and driver apps.",
    "Automated matching; ratings on both sides.",
    "A share of every fare (the take rate), paid from the drivers' side.",
    "The two sides and the matching software.",
    "Matching riders with drivers; launching city by city.",
    "The drivers, who supply the cars and the work.",
    "Launch subsidies: guaranteed hourly earnings for drivers and free first rides; technology; marketing.",
)

KLARNA = _company(
    "Klarna (customer service with an AI assistant)",
    "Shoppers who pay with Klarna, and the merchants who offer it.",
    "Payments; customer errands resolved in under 2 minutes instead of 11 (Klarna's own figures).",
    "The app and the checkout of merchants' shops.",
    "Customer chats, two-thirds of them handled by the AI assistant in its first month (2.3 million chats).",
    "Revenue from its payment services.",
    "The AI assistant and the payment data; the people who still check part of the work.",
    "Answering customer chats, now mostly by the assistant; payments and credit.",
    "The AI model's provider, paid per token used.",
    "Inference paid per token, integration and monitoring, and the people still in the loop, instead of "
    "agents' wages (Klarna equated the assistant to 700 full-time agents).",
)

BITSO = _company(
    "Bitso (remittances over a ledger, United States to Mexico)",
    "Remittance companies and other business customers that move migrants' money home.",
    "Cross-border payments over crypto rails, mostly stablecoins, instead of through banks.",
    "Business accounts and integrations with remittance companies.",
    "Business-to-business service.",
    "Fees on the value moved (about USD 6.5 billion in 2024, by its own account).",
    "The exchange, its licences and its liquidity in both currencies.",
    "Turning money into tokens at one end and back into pesos at the other; checking identities.",
    "Remittance companies; the stablecoin's issuer; banks at each end.",
    "Network fees, converting into and out of tokens, compliance checks.",
)

AIRBNB = _company(
    "Airbnb",
    "Guests and hosts: two sides that need each other.",
    "Guests: a place to stay, ranked and recommended. Hosts: guests and suggested prices.",
    "The website and apps.",
    "Reviews on both sides, identity checks, guarantees: trust between strangers.",
    "A share of every booking (the take rate).",
    "The listings, the reviews and the data behind ranking and recommendations.",
    "Matching guests with places (ranking, recommendations); building trust; holding payments until the stay.",
    "Hosts, who supply the rooms; payment providers.",
    "Data scientists and tooling for matching; trust and safety; payments.",
)


# --- the pattern on the canvas, at the end of each pattern lesson --------------------------------
# lesson number -> (the company's canvas, block -> one line on what the pattern changes there, caption).
# Facts only from the lesson's own sourced text; the rest describes how the company works in general.

LESSON_CANVASES: dict[str, tuple[dict[str, Any], dict[str, str], str]] = {
    "23": (AWS, {
        "Revenue Streams": "a meter for every hour used, and a commitment bought for one or three years",
        "Customer Segments": "the price structure decides who buys: heavy users commit, light ones pay as they go",
        "Customer Relationships": "a commitment turns one-off use into a relationship of years",
        "Cost Structure": "a fixed cost that commitments help to fill",
    }, "Amazon Web Services, from lesson 23's case. The outlined blocks are the ones subscription and pay-per-use "
       "change."),
    "30": (UBER, {
        "Customer Segments": "two sides, each coming for the other",
        "Key Partnerships": "the supply is others' cars and time, not the platform's",
        "Revenue Streams": "a take rate on each match, charged to the side that values the other most",
        "Cost Structure": "subsidies to one side until the platform passes critical mass",
    }, "Uber's city launch, from lesson 30's case. The outlined blocks are the ones a two-sided platform changes."),
    "31": (KLARNA, {
        "Key Activities": "chats handled by the AI, with people still checking part of the work",
        "Key Partnerships": "an AI model provider, paid per token",
        "Cost Structure": "inference and fixed costs instead of agents' time",
        "Customer Relationships": "automated service, with quality a cost-only view misses",
    }, "Klarna's customer service, from lesson 31's case (Klarna's own figures). The outlined blocks are the ones "
       "automating tasks with AI changes."),
    "32": (BITSO, {
        "Value Propositions": "moving money over a shared ledger instead of through a bank's network",
        "Key Activities": "converting into and out of tokens, and checking identities, still at each end",
        "Key Partnerships": "the stablecoin's issuer and the banks at each end",
        "Cost Structure": "network fees and compliance instead of the intermediary's margin",
    }, "Bitso, from lesson 32's case (its own figures). The outlined blocks are the ones a shared ledger changes."),
    "33": (AIRBNB, {
        "Key Activities": "AI matching: ranking and recommendations",
        "Customer Relationships": "trust from reviews, identity checks and payments held, not from a ledger",
        "Key Resources": "the data that matching learns from",
        "Cost Structure": "data scientists and tooling, which pay only with many searches",
    }, "Airbnb, from lesson 33's case. The outlined blocks are the ones AI matching and trust change."),
    "20": (AMAZON, {
        "Key Resources": "customer data becomes a resource that grows with every purchase",
        "Value Propositions": "better matching: recommendations for shoppers, targeting for advertisers",
        "Customer Segments": "a second paying segment: sellers and brands who buy advertising",
        "Revenue Streams": "advertising on top of sales",
        "Cost Structure": "holding data costs money, and stale data adds little",
    }, "Amazon, from lesson 20's case. The outlined blocks are the ones leveraging customer data changes."),
    "21": (META, {
        "Customer Segments": "the user is not the customer: advertisers pay for the users",
        "Value Propositions": "free for users; attention and targeting for advertisers",
        "Revenue Streams": "impressions × price per impression, not a price the user pays",
        "Key Partnerships": "platform owners who decide what can be tracked (ATT)",
    }, "Meta, from lesson 21's case. The outlined blocks are the ones hidden revenue changes."),
    "10": (KICKSTARTER_CREATOR, {
        "Customer Segments": "the first customers are backers who pay before anything is made",
        "Revenue Streams": "money comes first, and only if the goal is reached (all-or-nothing)",
        "Key Partnerships": "the platform collects the pledges and takes a fee",
        "Cost Structure": "development and tooling are spent only after the market said yes",
    }, "A creator's canvas from lesson 10's case. The outlined blocks are the ones crowdfunding changes."),
    "11": (THREADLESS, {
        "Customer Relationships": "the community designs and votes: co-creation",
        "Key Activities": "running challenges instead of designing in-house",
        "Key Partnerships": "an open crowd of designers instead of a design team",
        "Cost Structure": "awards paid only for winners: a fixed cost becomes variable",
        "Key Resources": "the community's votes: evidence of demand before production",
    }, "Threadless, from lesson 11's case. The outlined blocks are the ones crowdsourcing and user design change."),
    "12": (RED_HAT, {
        "Value Propositions": "the code is free; certainty that it works is what is sold",
        "Revenue Streams": "subscriptions to complements, not licences for the code",
        "Key Partnerships": "a community develops much of the product",
        "Cost Structure": "development is shared with the community",
    }, "Red Hat, from lesson 12's case. The outlined blocks are the ones open source changes."),
    "13": (BMG_BOOK, {
        "Customer Relationships": "customers co-create: a community, not only firm to customer",
        "Channels": "awareness moves into the co-creators' hands",
        "Key Partnerships": "co-authors and reviewers become partners",
        "Key Activities": "writing with a crowd instead of alone",
    }, "The book that introduced the Canvas, from lesson 13's case. The outlined blocks are the ones co-creation "
       "and conversations move most."),
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
