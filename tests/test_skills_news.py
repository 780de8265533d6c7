"""The news skill: the briefing, one category, next and previous, a category the feed lacks, and
a feed file with a mistake in it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from simulator.sdk.data import DataFileError
from simulator.sdk.testing import Conversation, run_conversation_file
from skills.news import skill as news
from skills.news.feed import FEED, feed_path, load_feed

NOW = datetime(2026, 6, 1, 7, 30)
CONVERSATIONS = Path(__file__).parent.parent / "skills" / "news"


@pytest.fixture
def conv() -> Iterator[Conversation]:
    c = Conversation(skills=[news], now=NOW)
    yield c
    c.close()


def test_the_bundled_feed_is_fictional_and_has_several_categories() -> None:
    assert len(FEED.stories) >= 12 and len(FEED.categories) >= 5
    assert "sports" in FEED.categories


@pytest.mark.parametrize(
    "text", ["what's the news", "read me the headlines", "give me my flash briefing", "news please"]
)
def test_the_briefing_starts_with_the_first_story_and_says_it_is_fictional(
    conv: Conversation, text: str
) -> None:
    turn = conv.say(text, expect_intent="GetNews")
    speech = turn.speech or ""
    assert speech.startswith("Here's the news from The Wobbleton Gazette. These headlines are")
    assert "fictional" in speech
    assert f"There are {len(FEED.stories)} stories." in speech
    assert FEED.stories[0].headline in speech
    assert turn.session_ended is False
    assert turn.card is not None and "(fictional)" in turn.card.title


def test_next_and_previous_walk_through_the_briefing(conv: Conversation) -> None:
    conv.say("what's the news")
    second = conv.say("next", expect_intent="NextStory")
    assert FEED.stories[1].headline in (second.speech or "")
    third = conv.say("what else", expect_intent="NextStory")
    assert FEED.stories[2].headline in (third.speech or "")
    back = conv.say("previous", expect_intent="PreviousStory")
    assert FEED.stories[1].headline in (back.speech or "")
    conv.say("go back")
    first = conv.say("go back", expect_intent="PreviousStory")
    assert (first.speech or "").startswith("This is the first story.")


def test_a_category_reads_only_its_stories_and_ends_after_the_last(conv: Conversation) -> None:
    sports = [s for s in FEED.stories if s.category == "sports"]
    turn = conv.say("any sports news", expect_intent="GetNews")
    assert turn.slots["category"].value == "sports"
    assert f"There are {len(sports)} stories in sports." in (turn.speech or "")
    assert sports[0].headline in (turn.speech or "")
    for story in sports[1:-1]:
        assert story.headline in (conv.say("next").speech or "")
    last = conv.say("next")
    assert sports[-1].headline in (last.speech or "")
    assert (last.speech or "").endswith("That was the last story.")
    # Still listening: a "next" now is the news skill's, not the music's or the smart home's.
    assert last.session_ended is False
    after = conv.say("next", expect_intent="NextStory")
    assert (after.speech or "").startswith("That's all the news in the feed.")
    assert after.session_ended is True


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("what's new in science", "science"),
        ("tech news", "technology"),
        ("tell me the latest business headlines", "business"),
        ("is there any local news", "local"),
    ],
)
def test_categories_by_their_everyday_names(conv: Conversation, text: str, category: str) -> None:
    turn = conv.say(text, expect_intent="GetNews")
    assert turn.slots["category"].value == category


def test_a_category_the_feed_lacks_names_those_it_has(conv: Conversation) -> None:
    turn = conv.say("any fashion news", expect_intent="GetNews")
    assert turn.speech == (
        "The feed has no fashion news. It has news about world, local, sports, science, "
        "business, technology and entertainment. Try: any world news."
    )
    assert turn.error is not None and turn.error.code == "NOT_FOUND"


def test_what_kinds_of_news(conv: Conversation) -> None:
    turn = conv.say("what kinds of news do you have", expect_intent="NewsCategories")
    assert (turn.speech or "").startswith("The feed has news about world, local, sports")


def test_next_means_nothing_to_the_news_without_a_briefing(conv: Conversation) -> None:
    assert conv.say("next").intent != "NextStory"


def test_stop_ends_the_briefing_and_help_says_what_to_try(conv: Conversation) -> None:
    conv.say("what's the news")
    help_turn = conv.say("help")
    assert (help_turn.speech or "").startswith("You can say: what's the news, any sports news")
    conv.say("stop", expect_speech="Okay, that's enough news.")
    assert conv.say("next").intent != "NextStory"


def test_the_news_conversation_file() -> None:
    turns = run_conversation_file(CONVERSATIONS / "test_news.yaml")
    assert turns[-1].skill == "music"


def test_a_feed_with_a_mistake_names_file_line_and_cause(tmp_path: Path) -> None:
    bad = tmp_path / "feed.yaml"
    bad.write_text(
        "name: Mine\nstories:\n"
        "  - {category: sports, headline: A, summary: B}\n"
        "  - {category: Big Sports!, headline: C, summary: D}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        load_feed(bad)
    assert str(caught.value) == (
        f"{bad}:4: stories[1].category: 'Big Sports!' is not one or two lower-case words "
        "(like 'sports')"
    )
    bad.write_text("name: Mine\nstories:\n  - {category: sports, headline: A}\n")
    with pytest.raises(DataFileError, match=r"feed.yaml:3: stories\[0\]\.summary"):
        load_feed(bad)
    bad.write_text("name: Mine\nstories: [\n")
    with pytest.raises(DataFileError, match=r"feed.yaml"):
        load_feed(bad)


def test_a_users_feed_is_named_by_the_environment_and_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "name: The Home Bulletin\nstories:\n"
        "  - {category: garden, headline: The tomatoes are ripe., summary: Pick them today.}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SPEAKER_SIM_NEWS_FEED", str(mine))
    assert feed_path() == mine
    feed = load_feed()
    assert feed.name == "The Home Bulletin" and feed.categories == ["garden"]


def test_a_bad_feed_from_the_environment_stops_the_cli_with_exit_2(tmp_path: Path) -> None:
    # One process: the feed is read when the skill is imported, before anything is trained.
    mine = tmp_path / "mine.yaml"
    mine.write_text("name: The Home Bulletin\nstories: []\n", encoding="utf-8")
    cli = [sys.executable, "-m", "simulator", "say", "any news", "--state", str(tmp_path)]
    env = {**os.environ, "SPEAKER_SIM_NEWS_FEED": str(mine)}
    done = subprocess.run(cli, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 2
    assert f"{mine}:2: stories" in done.stderr
    assert "Traceback" not in done.stderr
