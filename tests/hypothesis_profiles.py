"""Hypothesis profiles, chosen with the environment variable HYPOTHESIS_PROFILE (see tests/README.md).

- ``ci`` (the default): derandomized, so every run tries the same examples and CI is never red by luck;
  no example database is written.
- ``explore``: a maintainer's longer run. Random examples, new ones each run; ``HYPOTHESIS_EXPLORE``
  (default 10) times as many examples per test; failures kept in ``.hypothesis/`` and tried first next
  time. ``HYPOTHESIS_SEED`` (or pytest's ``--hypothesis-seed``) replays one run.

Tests take their example counts through ``examples(n)`` so that the profile can scale them (an explicit
``max_examples`` in a test would otherwise win over any profile).
"""

from __future__ import annotations

import os

from hypothesis import settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
FACTOR = max(1, int(os.environ.get("HYPOTHESIS_EXPLORE", "10") or 10)) if PROFILE == "explore" else 1

settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)


def examples(n: int) -> int:
    """The number of examples for a test that tries ``n`` in CI."""
    return n * FACTOR


def load() -> None:
    if PROFILE not in ("ci", "explore"):
        raise SystemExit(f"HYPOTHESIS_PROFILE must be ci or explore, not {PROFILE!r}")
    settings.load_profile(PROFILE)
