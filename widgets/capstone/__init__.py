"""The capstone: run a company through 8–12 quarters built from the course's own models, then debrief.

``companies`` (who you run), ``engine`` (the rounds; one team as ``Game``, a class as ``Market``),
``log`` (the decision log: save, load, verify by replay), ``addons`` (compose your own company: a base
plus pattern add-ons, keyed "music+commitment"). See docs/capstone.md.
"""
