"""The news feed: stories read from ``feed.yaml`` or from the file ``$SPEAKER_SIM_NEWS_FEED`` names.

A feed file that does not fit raises `DataFileError` (file, line and cause) while the skill
loads, which stops the simulator with exit status 2.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, Field

from simulator.sdk.data import Loc, data_path, load_data

__all__ = ["FEED", "FEED_ENV", "Feed", "Story", "feed_path", "load_feed"]

FEED_ENV = "SPEAKER_SIM_NEWS_FEED"
"""Environment variable naming a feed file to read instead of the bundled one."""

# A category is spoken ("any sports news") and matched as words, so it is plain lower-case words.
_CATEGORY = re.compile(r"[a-z]+( [a-z]+)?")


class Story(BaseModel):
    """One story: its category, a headline and a short summary."""

    category: str = Field(min_length=1)
    headline: str = Field(min_length=1)
    summary: str = Field(min_length=1)


class Feed(BaseModel):
    """A feed file: the briefing's name and its stories, in reading order."""

    name: str = Field(min_length=1)
    stories: list[Story] = Field(min_length=1)

    @property
    def categories(self) -> list[str]:
        """Every category, in the order they first appear."""
        return list(dict.fromkeys(s.category for s in self.stories))


def _check(feed: Feed) -> tuple[Loc, str] | None:
    """Rules across stories, each pointing at the line at fault."""
    seen: set[str] = set()
    for i, story in enumerate(feed.stories):
        if not _CATEGORY.fullmatch(story.category):
            return (
                ("stories", i, "category"),
                f"{story.category!r} is not one or two lower-case words (like 'sports')",
            )
        if story.headline in seen:
            return (("stories", i, "headline"), f"the headline {story.headline!r} comes twice")
        seen.add(story.headline)
    return None


def feed_path() -> Path:
    """The feed file in use: ``$SPEAKER_SIM_NEWS_FEED`` or the bundled one."""
    return data_path(FEED_ENV, Path(__file__).with_name("feed.yaml"))


def load_feed(path: Path | None = None) -> Feed:
    """Read and check a feed file; raises `DataFileError` with the file and line."""
    return load_data(path or feed_path(), Feed, what="news feed", check=_check)


FEED = load_feed()
"""The feed, read once when the skill loads."""
