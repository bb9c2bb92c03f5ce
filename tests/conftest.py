"""Test setup: no display and no sound device, set before pygame is ever imported."""

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import hypothesis_profiles  # noqa: E402 - beside this file: derandomized in CI, HYPOTHESIS_PROFILE=explore

hypothesis_profiles.load()

# Saves, settings, exports and kiosk logs go to a throwaway folder, never the user's real one.
if "ON_THE_LIST_HOME" not in os.environ:
    import tempfile

    os.environ["ON_THE_LIST_HOME"] = tempfile.mkdtemp(prefix="on-the-list-tests-")


@pytest.fixture
def user_home(tmp_path, monkeypatch):
    """A fresh user folder for saves, settings, exports and logs, with writing switched on.

    A kiosk switches writing off for the whole process, so it is switched back on afterwards too.
    """
    from game.modes import paths

    home = tmp_path / "home"
    monkeypatch.setenv(paths.ENV_HOME, str(home))
    paths.set_writes_enabled(True)
    yield home
    paths.set_writes_enabled(True)


@pytest.fixture(scope="module")
def story():
    """The example story (docs/example-story), loaded and checked once per test module.

    Modules about another story (the runtime fixture, the shipped lives) define their own ``story``.
    """
    from game.engine.validate import load_and_validate

    result = load_and_validate(ROOT / "docs" / "example-story")
    assert result.story is not None and not result.report.errors
    return result.story


@pytest.fixture(autouse=True)
def interface_in_english_afterwards():
    """The interface language is the process's (``i18n.use``): a test that plays in Chinese must not leave
    the next test's words in Chinese."""
    yield
    from game import i18n

    i18n.use(None)
