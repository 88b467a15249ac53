"""Shared test setup: paths of the course and hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"

# CI draws the same examples on every run (derandomize): a property passes or fails by the code,
# never by the seed. A developer's run explores new examples each time.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=30, deadline=None)
# Mutation testing (benchmarks/mutation.md) runs the model tests once per mutant: few, fixed examples.
settings.register_profile("mutation", max_examples=10, deadline=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Chromium for the whole test session, shared by every browser test module:
    Playwright's sync API runs an event loop on the thread, so a second one in the same run fails."""
    from playwright.sync_api import sync_playwright

    from browser_lab import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
