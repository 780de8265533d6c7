"""News: a flash briefing read from a feed file, one story at a time.

Try: "what's the news", then "next", "previous" or "stop"; "any sports news", "what's new in
science", "what kinds of news are there".

The bundled feed (``feed.yaml``) is made up: every headline is fictional, and the skill says so.
To hear your own feed, point ``SPEAKER_SIM_NEWS_FEED`` at a YAML file of the same shape (see the
comments in ``feed.yaml``). A mistake in it stops the simulator with the file, line and cause.

How it works: a briefing is a list of stories kept in the session (which stories, and which one
was read last). "next" and "previous" are ``context_only`` intents: they mean "the next story"
only while the news skill holds the conversation, and belong to other skills (music) otherwise.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import FreeText, Response, Skill, SkillContext, SlotList

from .feed import FEED, Story

__all__ = ["SAY", "skill"]

skill = Skill(
    "news",
    description="A flash briefing of fictional headlines from a news feed file",
    examples=("what's the news", "any sports news", "what kinds of news are there"),
    rules={
        "tell": "[(can|could|would|will) you] [please] (tell|give|read) [me|us]",
        "news": "(news|headlines|stories|latest news|news headlines)",
    },
)

SAY = {
    "first": (
        "Here's the news from {feed}. These headlines are fictional, made up for this simulator. "
        "{count}. {story}"
    ),
    "first_more": " Say next for the next story.",
    "count_one": "There is one story",
    "count_many": "There are {n} stories",
    "story": "In {category} news: {headline} {summary}",
    "more": "Say next for the next story, or stop.",
    "after_last": "Say previous to hear it again, or stop.",
    "next": "{story} Say next for more.",
    "last": "{story} That was the last story.",
    "end": "That's all the news in the feed. Say: what's the news, to hear it again.",
    "start": "This is the first story. {story} Say next for more.",
    "none_open": "There's no briefing going. Say: what's the news.",
    "no_category": (
        "The feed has no {wanted} news. It has news about {categories}. Try: any {example} news."
    ),
    "categories": "The feed has news about {categories}. Try: any {example} news.",
    "help": (
        "You can say: what's the news, any sports news, next, previous, or stop. "
        "What would you like to hear?"
    ),
    "help_reprompt": "Try: what's the news.",
    "stop": "Okay, that's enough news.",
}
"""Everything the skill says, in one place (a translation replaces just this table)."""


def _and(words: list[str]) -> str:
    """``a, b and c``."""
    return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else words[0]


# A few everyday words for the bundled feed's categories; a user's feed may use any category
# names, which are then their own spoken forms.
_CATEGORY_WORDS = {
    "sports": ["sport", "sporting", "football", "soccer"],
    "technology": ["tech", "technical", "gadget", "gadgets", "computer"],
    "science": ["scientific", "space"],
    "business": ["money", "economy", "economic", "financial", "finance", "market", "markets"],
    "world": ["international", "global", "foreign", "world wide"],
    "local": ["town", "nearby", "neighbourhood", "neighborhood", "community"],
    "entertainment": ["arts", "culture", "showbiz", "celebrity", "movie", "film", "books"],
}
Category = Annotated[
    str, SlotList("news_category", {c: _CATEGORY_WORDS.get(c, []) for c in FEED.categories})
]
# A category the feed lacks ("any fashion news"), so the answer can name what there is. The
# rejected words keep "any more news" and "the latest news" from reading as a category.
OtherCategory = Annotated[
    str,
    FreeText(
        max_tokens=3,
        examples=("fashion", "gardening", "weather"),
        reject=("the", "my", "more", "other", "latest", "new", "todays", "today", "good", "some"),
    ),
]


class Briefing(BaseModel):
    """Which news: a category of the feed, or one it lacks; neither means all of it."""

    category: Category | None = None
    other: OtherCategory | None = None


def _spoken(story: Story) -> str:
    return SAY["story"].format(
        category=story.category, headline=story.headline, summary=story.summary
    )


def _read(ctx: SkillContext, index: int, template: str) -> Response:
    """Read story ``index`` of the briefing in the session.

    The session stays open after the last story too, so a "next" then hears that the briefing
    is over instead of reaching another skill's "next" (the music's, the smart home's).
    """
    stories: list[int] = ctx.session.attributes["briefing"]
    ctx.session.attributes["at"] = index
    story = FEED.stories[stories[index]]
    last = index == len(stories) - 1
    speech = SAY["last" if last and template == "next" else template].format(story=_spoken(story))
    response = Response.ask(speech, SAY["after_last"] if last else SAY["more"])
    return response.card(f"{story.category.capitalize()} news", story.headline)


def _move(ctx: SkillContext, step: int) -> Response:
    """Read the story ``step`` places from the current one (+1 next, -1 previous).

    Past the end the briefing is over; before the start the first story is read again.
    """
    stories = ctx.session.attributes.get("briefing")
    if not stories:
        return Response.speak(SAY["none_open"])
    at = int(ctx.session.attributes.get("at", 0)) + step
    if at >= len(stories):
        return Response.speak(SAY["end"])
    if at < 0:
        return _read(ctx, 0, "start")
    return _read(ctx, at, "next")


@skill.intent(
    "GetNews",
    samples=[
        "what is [the] <news> [today|this morning|tonight]",
        "what is in the news [today]",
        "<tell> [the|today's] <news>",
        "(play|read) [me] [the|today's] <news>",
        "[play|give me|read me] [my] (flash briefing|news briefing|briefing)",
        "(any|is there any) news [today]",
        "news please",
        "what is happening in the world [today]",
        "catch me up [on the news]",
        "what is new today",
        "(any|is there any|what is the) [latest] {category} news",
        "what is [the] [latest] {category} news",
        "<tell> [the] [latest] {category} <news>",
        "what is new in {category}",
        "{category} (news|headlines) [please]",
        "news about {category}",
        "(any|is there any) {other} news",
        "<tell> [the] [latest] {other} news",
    ],
)
def get_news(ctx: SkillContext, slots: Briefing) -> Response:
    """Start a briefing: all the stories, or those of one category."""
    categories = FEED.categories
    if slots.other and not slots.category:
        return Response.speak(
            SAY["no_category"].format(
                wanted=slots.other, categories=_and(categories), example=categories[0]
            )
        ).with_error("NOT_FOUND", f"no {slots.other!r} category in the feed")
    stories = [
        i
        for i, story in enumerate(FEED.stories)
        if slots.category is None or story.category == slots.category
    ]
    ctx.session.attributes["briefing"] = stories
    n = len(stories)
    count = SAY["count_one"] if n == 1 else SAY["count_many"].format(n=n)
    if slots.category:
        count += f" in {slots.category}"
    first = FEED.stories[stories[0]]
    speech = SAY["first"].format(feed=FEED.name, count=count, story=_spoken(first))
    ctx.session.attributes["at"] = 0
    response = (
        Response.ask(speech + SAY["first_more"], SAY["more"])
        if n > 1
        else Response.ask(speech, SAY["after_last"])
    )
    return response.card(f"News from {FEED.name} (fictional)", first.headline)


@skill.intent(
    "NextStory",
    samples=[
        "next [story|one|headline|item|please]",
        "(the|go to the|read the) next (story|one|headline)",
        "skip [this|that] [one|story]",
        "what else",
        "(and|what) then",
        "more news",
        "keep going",
    ],
    context_only=True,
)
def next_story(ctx: SkillContext) -> Response:
    """Read the next story of the briefing."""
    return _move(ctx, +1)


@skill.intent(
    "PreviousStory",
    samples=[
        "previous [story|one|headline]",
        "(the|go to the|read the) previous (story|one|headline)",
        "go back [one|a story]",
        "the last (story|one) again",
    ],
    context_only=True,
)
def previous_story(ctx: SkillContext) -> Response:
    """Read the story before the current one again."""
    return _move(ctx, -1)


@skill.intent(
    "NewsCategories",
    samples=[
        "what (kind|kinds|sort|sorts|type|types) of news (do you have|is there|are there|can you read)",
        "what news (categories|topics|sections) (do you have|are there|is there)",
        "which news (categories|topics|sections) [do you have]",
        "what news can you (read|tell me)",
    ],
)
def news_categories(ctx: SkillContext) -> Response:
    """Name the categories of the feed."""
    categories = FEED.categories
    return Response.speak(
        SAY["categories"].format(categories=_and(categories), example=categories[0])
    ).card(f"{FEED.name}: categories", "\n".join(categories))


@skill.on_help
def news_help(ctx: SkillContext) -> Response:
    """What to say to the news skill."""
    return Response.ask(SAY["help"], SAY["help_reprompt"])


@skill.on_stop
def news_stop(ctx: SkillContext) -> Response:
    """Stop reading; the briefing is forgotten."""
    ctx.session.attributes.pop("briefing", None)
    return Response.speak(SAY["stop"])
