"""The capstone: run a company through 8–12 quarters built from the course's own models, then debrief.

``companies`` (who you run), ``engine`` (the rounds; one team as ``Game``, a class as ``Market``),
``log`` (the decision log: save, load, verify by replay). See docs/capstone.md.
"""
