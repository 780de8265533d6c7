"""Music: play the mock library on a speaker or TV of the home, on the virtual clock.

Try: "play some jazz", "play Blue Hour", "play music by Orbit Saloon", "play the album Paper
Moons", "play something relaxing", "play my Morning Coffee playlist", "play Late Night Jazz",
"play some music on the TV", then "what's playing?", "who sings this?", "next", "pause",
"resume", "shuffle", "repeat this song", "louder", "stop". In Chinese (``music.zh-CN.yaml``):
"播放一些爵士乐", "来点轻松的音乐", "暂停", "下一首", "现在放的是什么"; the library's English
titles and names are said as they are ("播放Blue Hour").

How it works: the skill never plays anything itself. It builds a play queue from the library
and hands it to a media device of the home (:class:`simulator.sdk.media.Player`); the device
plays through it on the virtual clock, so after ``:advance 10m`` "what's playing?" names a later
track, and the home pane shows the title. While the queue plays, the skill has the media focus:
"stop", "next" and "pause" reach it even though its conversation has ended. The intents marked
``context_only`` exist only then, because "next" or "louder" mean something else otherwise.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel

from simulator.sdk import FreeText, Response, Skill, SkillContext, SlotList
from simulator.sdk.home import MediaTarget, local_name
from simulator.sdk.media import NowPlaying, Player, format_clock_time
from simulator.sdk.slots import NO_VALUE, SlotEnv

from .library import LIBRARY, Track

__all__ = ["skill"]

skill = Skill(
    "music",
    description="Plays music from a made-up library on the home's speakers and TVs",
    rules={
        "play": (
            "(play|put on|start playing|[can|could|would] you play|please play|"
            "i (want|would like) to (hear|listen to)|let me hear|let us hear|listen to)"
        ),
        # "on the kitchen speaker", "in the kitchen", "on the TV".
        "on": "(on|in|through) [the] {where}",
        "music": "(music|songs|tracks|tunes)",
    },
)

_VOLUME_STEP = 10


# -- slot types built from the library ---------------------------------------------------


def _names(kind: str) -> list[str]:
    return [n.lower() for n in LIBRARY.names(kind)]


Song = Annotated[str, SlotList("song", [t.title.lower() for t in LIBRARY.tracks])]
Artist = Annotated[str, SlotList("artist", _names("artist"))]
Album = Annotated[str, SlotList("album", _names("album"))]
Playlist = Annotated[str, SlotList("playlist", _names("playlist"))]
Station = Annotated[str, SlotList("station", _names("station"))]
Genre = Annotated[
    str,
    SlotList(
        "genre",
        {
            g: {
                "hip hop": ["hiphop", "rap"],
                "classical": ["classic"],
                "electronic": ["electro"],
            }.get(g, [])
            for g in LIBRARY.genres
        },
    ),
]
# People describe moods in many words; each maps to one of the library's moods.
_MOOD_WORDS = {
    "relaxing": ["relaxed", "calm", "chill", "chilled", "mellow", "calming", "peaceful"],
    "happy": ["upbeat", "cheerful", "feel good", "joyful", "fun"],
    "energetic": ["lively", "pumped up", "high energy", "party", "workout"],
    "sad": ["melancholy", "gloomy", "sad sounding"],
    "focus": ["focused", "concentration", "concentrating", "studying", "study", "work"],
    "romantic": ["love", "romance"],
}
_MOOD_SPOKEN = {"focus": "music to focus to", "sad": "something melancholy"}
Mood = Annotated[str, SlotList("mood", {m: _MOOD_WORDS.get(m, []) for m in LIBRARY.moods})]


class _NotADevice(FreeText):
    """Any words that don't name a device of the home: "play despacito" but not "play the TV"
    (that one is the smart-home skill's, which switches the TV's playback on). Nor a game:
    music is played for someone, a game with them ("play chess with me")."""

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """Free text, unless the words name a device or end with a playmate."""
        if len(tokens) >= 3 and tokens[-2] == "with" and tokens[-1] in ("me", "us", "you"):
            return NO_VALUE
        parser = env.parsers.get("device_target")
        if parser is not None and parser(tokens) is not NO_VALUE:
            return NO_VALUE
        return super().parse(tokens, env)


Unknown = Annotated[str, _NotADevice(max_tokens=6, examples=("despacito", "the frog chorus"))]
# What a song is about: "songs about rain". The library has no lyrics, so the titles are searched.
# No appliance among the examples: the learned stage trains on them, and a "kettle" it had seen
# only in songs made "switch on the kettle" (a device the home lacks) a request for music.
Topic = Annotated[
    str, FreeText(max_tokens=4, examples=("frogs", "rain", "love", "trains", "the sea", "the moon"))
]


class PlaySlots(BaseModel):
    """What to play, and optionally where."""

    song: Song | None = None
    artist: Artist | None = None
    album: Album | None = None
    genre: Genre | None = None
    mood: Mood | None = None
    playlist: Playlist | None = None
    station: Station | None = None
    unknown: Unknown | None = None
    topic: Topic | None = None
    where: MediaTarget | None = None


# -- helpers -----------------------------------------------------------------------------


def _by(ctx: SkillContext, title: str, artist: str | None) -> str:
    """ "Blue Hour by Nina Vale"; in Chinese "Nina Vale的《Blue Hour》"."""
    if ctx.chinese:
        return f"{artist}的《{title}》" if artist else f"《{title}》"
    return title + (f" by {artist}" if artist else "")


def _now_card(response: Response, now: NowPlaying | None) -> Response:
    """Add the "Now playing" card (a speaker with a screen would show it)."""
    if now is None:
        return response
    duration = now.item.duration
    return response.card(
        "Now playing",
        now.card_text(),
        kind="now_playing",
        progress=now.position / duration if duration > 0 else None,
        progress_label=now.progress(),
    )


def _start(
    ctx: SkillContext,
    tracks: list[Track],
    speech: str,
    *,
    slots: PlaySlots | None = None,
    shuffle: bool = False,
    repeat: Literal["off", "one", "all"] = "off",
    **values: str,
) -> Response:
    """Hand ``tracks`` to the player and speak ``speech`` (through ``ctx.t``, with ``values``),
    in which ``{first}`` is the first track and its artist, ``{title}`` its title alone, and
    ``{where}`` " on the <device>"."""
    player = Player(ctx)
    problem = player.play(
        [t.item() for t in tracks],
        shuffle=shuffle,
        repeat=repeat,
        where=slots.where if slots else None,
    )
    if problem is not None:
        return Response.speak(ctx.t(problem)).with_error("NO_MEDIA_DEVICE", problem)
    now = player.now_playing()
    if now is None:  # the device took the queue but plays nothing (it cannot, here)
        return Response.speak(ctx.t("That didn't start playing.")).with_error("NOT_PLAYING")
    first = _by(ctx, now.item.title, now.item.artist)
    if ctx.chinese:
        where, title = f"用{local_name(now.device, ctx.language)}", f"《{now.item.title}》"
    else:
        where, title = f" on the {now.device.name}", now.item.title
    speech = ctx.t(speech, first=first, title=title, where=where, **values)
    # Under the kids profile: the song by name, no queue or device talk.
    kids = ctx.t("Here comes {title}. Enjoy the music!", title=title)
    return _now_card(Response.speak(speech).for_profile("kids", kids), now)


def _suggestions(ctx: SkillContext) -> str:
    """A few things that are in the library, picked with the seeded random numbers."""
    artists = ctx.rng.sample(LIBRARY.names("artist"), 2)
    genres = [ctx.t(g) for g in ctx.rng.sample(LIBRARY.genres, 2)]
    playlist = LIBRARY.playlists[0].name if LIBRARY.playlists else None
    out = ctx.t(
        "an artist like {a1} or {a2}, a genre like {g1} or {g2}",
        a1=artists[0],
        a2=artists[1],
        g1=genres[0],
        g2=genres[1],
    )
    return out + (ctx.t(", or the {playlist} playlist", playlist=playlist) if playlist else "")


def _closest(words: str) -> str | None:
    """The library name closest to what was said (a title, artist, album or playlist)."""
    names = [
        *(t.title for t in LIBRARY.tracks),
        *LIBRARY.names("artist"),
        *LIBRARY.names("album"),
        *LIBRARY.names("playlist"),
    ]
    lowered = {n.lower(): n for n in names}
    match = difflib.get_close_matches(words.lower(), list(lowered), n=1, cutoff=0.75)
    return lowered[match[0]] if match else None


# -- playing -------------------------------------------------------------------------------


@skill.intent(
    "PlayMusic",
    samples=[
        "<play> [the song|the track] {song} [<on>]",
        "<play> [the song|the track] {song} by {artist} [<on>]",
        "<play> [some] [<music>] (by|from) {artist} [<on>]",
        "<play> [some] {artist} [<on>]",
        "<play> [the] album {album} [by {artist}] [<on>]",
        "<play> [the] {album} album [<on>]",
        "<play> [some] {genre} [music] [<on>]",
        "i (want|would like) [to hear] some {genre} [music]",
        "<play> something {mood} [<on>]",
        "<play> [some] {mood} [<music>] [<on>]",
        "<play> [some] <music> (for|to) {mood} [<on>]",
        "<play> something (for|to) {mood} [to]",
        "<play> [my|the] {playlist} [playlist] [<on>]",
        "<play> [my|the] playlist {playlist} [<on>]",
        "<play> [the] {station} [station] [<on>]",
        "(tune in to|switch to) [the] {station} [station]",
        "<play> [some|a|any] (<music>|song|track) about {topic}",
        "<play> something about {topic}",
        "(is|are) there [any] (<music>|song|track) about {topic}",
        "<play> {unknown}",
    ],
)
def play_music(ctx: SkillContext, slots: PlaySlots) -> Response:
    """Play a song, an artist, an album, a genre, a mood, a playlist or a station."""
    if slots.song:
        track = LIBRARY.by_title(slots.song)
        if track is None:  # only if the slot list and the library disagree
            return Response.speak(ctx.t("I couldn't find {song}.", song=slots.song))
        if slots.artist and track.artist.lower() != slots.artist:
            return Response.speak(
                ctx.t(
                    "{title} in this library is by {artist}, not {other}. Say: play {title}.",
                    title=track.title,
                    artist=track.artist,
                    other=slots.artist.title(),
                )
            )
        # The rest of its album follows, like a real player would.
        album = LIBRARY.where(album=track.album)
        start = album.index(track)
        return _start(ctx, album[start:] + album[:start], "Playing {first}{where}.", slots=slots)
    if slots.album:
        tracks = LIBRARY.where(album=slots.album)
        return _start(
            ctx,
            tracks,
            "Playing the album {album} by {artist}{where}, starting with {title}.",
            slots=slots,
            album=tracks[0].album,
            artist=tracks[0].artist,
        )
    if slots.artist:
        tracks = LIBRARY.where(artist=slots.artist)
        return _start(
            ctx,
            tracks,
            "Playing songs by {artist}{where}, shuffled, starting with {title}.",
            slots=slots,
            shuffle=True,
            artist=tracks[0].artist,
        )
    if slots.genre:
        tracks = LIBRARY.where(genre=slots.genre)
        return _start(
            ctx,
            tracks,
            "Playing {genre}{where}: {first}.",
            slots=slots,
            shuffle=True,
            genre=ctx.t(slots.genre),
        )
    if slots.mood:
        tracks = LIBRARY.where(mood=slots.mood)
        said = ctx.t(_MOOD_SPOKEN.get(slots.mood, f"something {slots.mood}"))
        return _start(
            ctx, tracks, "Here's {mood}{where}: {first}.", slots=slots, shuffle=True, mood=said
        )
    if slots.playlist:
        playlist = next(p for p in LIBRARY.playlists if p.name.lower() == slots.playlist)
        tracks = [t for title in playlist.tracks if (t := LIBRARY.by_title(title))]
        return _start(
            ctx,
            tracks,
            "Playing your {playlist} playlist{where}, starting with {first}.",
            slots=slots,
            playlist=playlist.name,
        )
    if slots.station:
        station = next(s for s in LIBRARY.stations if s.name.lower() == slots.station)
        tracks = LIBRARY.station_tracks(station)
        # A station never runs out: its mix repeats, shuffled.
        return _start(
            ctx,
            tracks,
            "Tuning in to {station}{where}. First up: {first}.",
            slots=slots,
            shuffle=True,
            repeat="all",
            station=station.name,
        )
    if slots.topic:
        topic = slots.topic.strip()
        found = LIBRARY.about(topic)
        if found:
            return _start(
                ctx,
                found,
                "The library has no lyrics, but this title fits {topic}{where}: {first}.",
                slots=slots,
                topic=topic,
            )
        message = ctx.t(
            "No title in the music library mentions {topic}; it has no lyrics to search. "
            "This library is made up; you could try {suggestions}.",
            topic=topic,
            suggestions=_suggestions(ctx),
        )
        return Response.speak(message).with_error("NOT_FOUND", f"no title about {topic!r}")
    said = (slots.unknown or "that").strip()
    guess = _closest(said)
    found_not = ctx.t("I couldn't find {said} in the music library.", said=said)
    hint = ctx.t("Did you mean {guess}? Say: play {guess}.", guess=guess) if guess else ""
    made_up = ctx.t(
        "This library is made up; you could try {suggestions}.", suggestions=_suggestions(ctx)
    )
    message = ("" if ctx.chinese else " ").join(p for p in (found_not, hint, made_up) if p)
    return Response.speak(message).with_error("NOT_FOUND", f"no library match for {said!r}")


class Where(BaseModel):
    """Optionally, where to play."""

    where: MediaTarget | None = None


@skill.intent(
    "PlayAnything",
    samples=[
        "<play> [some|any] <music> [<on>]",
        "<play> [me] (something|anything) [<on>]",
        "<play> (a|any) (song|track) [<on>]",
        "<play> [me] some (good|nice) <music>",
        "play [my] music on shuffle",
        "surprise me with [some] music",
        "music please",
        "i want to listen to [some] music",
    ],
)
def play_anything(ctx: SkillContext, slots: Where) -> Response:
    """Play the whole library, shuffled."""
    return _start(
        ctx,
        list(LIBRARY.tracks),
        "Shuffling the library{where}: {first}.",
        slots=PlaySlots(where=slots.where),
        shuffle=True,
    )


# -- what is playing -------------------------------------------------------------------------


def _nothing(ctx: SkillContext) -> Response:
    player = Player(ctx)
    if player.device() is None:
        return Response.speak(ctx.t("There's no speaker or TV in this home to play music on."))
    return Response.speak(ctx.t("Nothing is playing. Try: play some jazz."))


@skill.intent(
    "WhatsPlaying",
    samples=[
        "what is playing [now|right now]",
        "what (song|track) is (this|that|playing|on)",
        "what music is this",
        "what (song|track) is playing [now|right now]",
        "what is (this|that) (song|track|tune) [called]",
        "what am i listening to",
        "what is the name of (this|that) (song|track)",
        "name (this|that) (song|tune|track)",
        "what are we listening to",
        "which song is (this|playing)",
        "now playing",
    ],
)
def whats_playing(ctx: SkillContext) -> Response:
    """Say which track is playing, how far in, and show the now-playing card."""
    now = Player(ctx).now_playing()
    if now is None:
        return _nothing(ctx)
    item = now.item
    values = {
        "track": _by(ctx, item.title, item.artist),
        "album": item.album or "",
        "at": format_clock_time(now.position),
        "length": format_clock_time(item.duration),
        "device": local_name(now.device, ctx.language) if ctx.chinese else now.device.name,
    }
    paused = now.playback == "paused"
    if item.album:
        speech = ctx.t(
            "Paused on {track}, from {album}, {at} of {length}, on the {device}."
            if paused
            else "This is {track}, from {album}, {at} of {length}, on the {device}.",
            **values,
        )
    else:
        speech = ctx.t(
            "Paused on {track}, {at} of {length}, on the {device}."
            if paused
            else "This is {track}, {at} of {length}, on the {device}.",
            **values,
        )
    return _now_card(Response.speak(speech), now)


@skill.intent(
    "WhoSings",
    samples=[
        "who (sings|sang|is singing|performs|plays|is playing|wrote) (this|that|it) [song|track]",
        "who is (this|that) [song|track] by",
        "who is (this|the) (artist|singer|band)",
        "who is this",
        "(which|what) (artist|band|singer) is (this|that|playing)",
        "who is the (artist|singer|band) [of this song]",
        "what album is (this|that) [song] (on|from)",
        "which album is this [from]",
    ],
)
def who_sings(ctx: SkillContext) -> Response:
    """Name the artist (and album) of what is playing."""
    now = Player(ctx).now_playing()
    if now is None:
        return _nothing(ctx)
    item = now.item
    return _now_card(
        Response.speak(
            ctx.t(
                "That's {artist}, with {title}, from the album {album}.",
                artist=item.artist,
                title=f"《{item.title}》" if ctx.chinese else item.title,
                album=f"《{item.album}》" if ctx.chinese else item.album,
            )
        ),
        now,
    )


# -- transport: only while the music plays (the smart-home skill has the same words) --------


def _after(ctx: SkillContext, problem: str | None, done: str) -> Response:
    if problem is not None:
        return Response.speak(ctx.t(problem))
    now = Player(ctx).now_playing()
    title = _by(ctx, now.item.title, now.item.artist) if now else ""
    return _now_card(Response.speak(ctx.t(done, title=title)), now)


@skill.intent(
    "Pause",
    samples=["pause [it|this]", "pause [the|this] (music|song|track|playback)", "hold the music"],
    context_only=True,
)
def pause(ctx: SkillContext) -> Response:
    """Pause the music."""
    return _after(ctx, Player(ctx).pause(), "Paused {title}.")


@skill.intent(
    "Resume",
    samples=[
        "(resume|unpause) [it|the music|the song|playback]",
        "(continue|keep) playing",
        "(continue|carry on) [with] the music",
        "play (it|the music) again",
    ],
    context_only=True,
)
def resume(ctx: SkillContext) -> Response:
    """Resume paused music."""
    return _after(ctx, Player(ctx).resume(), "Resuming {title}.")


@skill.intent(
    "StopMusic",
    samples=[
        "stop [the|this] (music|song|track|playback)",
        "stop playing [music|this]",
        "(turn|switch) off the music",
        "(turn|switch) the music off",
        "music off",
        # Blunt verbs that stop a thing ("kill the music"): the music is named, so this is
        # the music's own stop, not a device turned off.
        "(kill|cut|end) [the|this] (music|song|track|tunes)",
        "that is enough [of] [the|this] (music|song) [now|for now]",
    ],
    context_only=True,
)
def stop_music(ctx: SkillContext) -> Response:
    """Stop the music (the queue stays, "play it again" starts it over)."""
    problem = Player(ctx).stop()
    return Response.speak(ctx.t(problem or "Okay, the music is off."))


@skill.on_stop
def on_stop(ctx: SkillContext) -> Response:
    """A bare "stop" while the music plays (or while music holds the conversation)."""
    if Player(ctx).now_playing() is None:
        return Response.speak(ctx.t("Okay."))
    return stop_music(ctx)


@skill.intent(
    "NextTrack",
    samples=[
        "next [one|song|track|please]",
        "skip [it|this|this one|this song|this track|the song|the track|ahead]",
        "(play|skip to) the next (song|track|one)",
        "next (song|track) please",
        "i do not like this [song|one]",
    ],
    context_only=True,
)
def next_track(ctx: SkillContext) -> Response:
    """Skip to the next track."""
    return _after(ctx, Player(ctx).next(), "Next up: {title}.")


@skill.intent(
    "PreviousTrack",
    samples=[
        "previous [song|track|one]",
        "go back [a song|a track|one]",
        "(play|go to) the (previous|last) (song|track|one) [again]",
        "back one (song|track)",
        "play that [song] again",
    ],
    context_only=True,
)
def previous_track(ctx: SkillContext) -> Response:
    """Go back a track (from the first one, start it again)."""
    return _after(ctx, Player(ctx).previous(), "Playing {title}.")


class Way(BaseModel):
    """Which way the volume goes."""

    way: Annotated[
        str,
        SlotList(
            "way",
            {"up": ["louder", "up", "higher"], "down": ["quieter", "softer", "down", "lower"]},
        ),
    ]


@skill.intent(
    "ChangeVolume",
    samples=[
        "{way}",
        "(play|make|turn) (it|this|the music) {way}",
        "(play|make) (it|this|the music) a (bit|little) {way}",
        "turn {way} the music",
        "(a bit|a little) {way} [please]",
        "{way} please",
    ],
    context_only=True,
)
def change_volume(ctx: SkillContext, slots: Way) -> Response:
    """Play it louder or quieter (steps of 10 percent)."""
    player = Player(ctx)
    up = slots.way == "up"
    problem = player.change_volume(_VOLUME_STEP if up else -_VOLUME_STEP)
    now = player.now_playing()
    if problem is not None:
        return Response.speak(ctx.t(problem))
    if now is None:
        return _nothing(ctx)
    return Response.speak(
        ctx.t("Louder: volume {volume}." if up else "Quieter: volume {volume}.", volume=now.volume)
    )


# -- modes -------------------------------------------------------------------------------------


class Switch(BaseModel):
    """On or off (shuffle and repeat)."""

    state: Annotated[str, SlotList("switch", {"on": ["on"], "off": ["off"]})] | None = None


@skill.intent(
    "Shuffle",
    samples=[
        "shuffle [the|this|my|all my] [music|songs|playlist|queue|album|library]",
        "(turn|switch) shuffle {state}",
        "(turn|switch) {state} shuffle",
        "shuffle {state}",
        "(shuffle|mix up) (the|this) (playlist|queue|album)",
        "play [the|these] songs in random order",
    ],
)
def shuffle(ctx: SkillContext, slots: Switch) -> Response:
    """Shuffle what is playing (or, with nothing playing, the whole library)."""
    player = Player(ctx)
    if player.now_playing() is None:
        if slots.state == "off":
            return _nothing(ctx)
        return play_anything(ctx, Where())
    on = slots.state != "off"
    return _after(
        ctx,
        player.set_shuffle(on),
        "Shuffle is on. Still playing {title}." if on else "Shuffle is off.",
    )


class RepeatSlots(BaseModel):
    """What to repeat."""

    mode: (
        Annotated[
            # Not "it": "repeat it" already means "say that again" (the built-in Repeat).
            str,
            SlotList(
                "repeat",
                {
                    "one": ["this song", "the song", "this track", "the track", "this one"],
                    "all": [
                        "the playlist",
                        "this playlist",
                        "the album",
                        "this album",
                        "all",
                        "everything",
                        "the queue",
                    ],
                    "off": ["off"],
                },
            ),
        ]
        | None
    ) = None


@skill.intent(
    "Repeat",
    samples=[
        "repeat {mode}",
        "loop {mode}",
        "put {mode} on repeat",
        "(turn|switch) (on|off) repeat",
        "(turn|switch) repeat {mode}",
        "stop repeating",
        "repeat mode {mode}",
    ],
)
def repeat(ctx: SkillContext, slots: RepeatSlots) -> Response:
    """Repeat this song, the whole queue, or nothing."""
    if Player(ctx).now_playing() is None:
        return _nothing(ctx)
    words = ctx.text.lower()
    mode = slots.mode or ("off" if ("off" in words or "stop" in words) else "all")
    said = {
        "one": "Repeating {title}.",
        "all": "Repeating the whole queue.",
        "off": "Repeat is off.",
    }
    return _after(ctx, Player(ctx).set_repeat(mode), said[mode])  # type: ignore[arg-type]


# -- what there is ------------------------------------------------------------------------------


class Kind(BaseModel):
    """Which part of the library to list."""

    kind: (
        Annotated[
            str,
            SlotList(
                "library_part",
                {
                    "artist": ["artists", "bands", "singers"],
                    "genre": ["genres", "styles", "kinds of music"],
                    "playlist": ["playlists"],
                    "station": ["stations", "radio stations"],
                    "album": ["albums"],
                },
            ),
        ]
        | None
    ) = None


@skill.intent(
    "WhatCanIPlay",
    samples=[
        "(what|which) {kind} (do you have|have you got|are there|can i play|can you play)",
        "(list|name) [the|your|my] {kind}",
        "what music (do you have|can you play|is there)",
        "what can i listen to",
        "what is in the music library",
    ],
)
def what_can_i_play(ctx: SkillContext, slots: Kind) -> Response:
    """Describe the library, or list its artists, genres, playlists, stations or albums."""
    if slots.kind is None:
        return Response.speak(
            ctx.t(
                "The library is made up for this simulator: {tracks} tracks by {artists} "
                "artists, {playlists} playlists and {stations} stations. Try {suggestions}.",
                tracks=len(LIBRARY.tracks),
                artists=len(LIBRARY.names("artist")),
                playlists=len(LIBRARY.playlists),
                stations=len(LIBRARY.stations),
                suggestions=_suggestions(ctx),
            )
        ).card(
            ctx.t("Music library"), "\n".join(t.title + " - " + t.artist for t in LIBRARY.tracks)
        )
    names = LIBRARY.genres if slots.kind == "genre" else LIBRARY.names(slots.kind)
    if ctx.chinese:
        said = [ctx.t(n) for n in names] if slots.kind == "genre" else names
        return Response.speak(
            ctx.t(f"The {slots.kind}s are: {{listing}}.", listing="、".join(said))
        ).card(ctx.t(f"The {slots.kind}s"), "\n".join(said))
    listing = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
    return Response.speak(f"The {slots.kind}s are: {listing}.").card(
        f"{slots.kind.capitalize()}s", "\n".join(names)
    )


@skill.on_help
def music_help(ctx: SkillContext) -> Response:
    """What to say to the music skill."""
    return Response.ask(
        ctx.t(
            "You can say: play some jazz, play Blue Hour, play my Morning Coffee playlist, "
            "what's playing, next, pause, or stop. What would you like to hear?"
        ),
        ctx.t("Try: play some jazz."),
    )
