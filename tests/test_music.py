"""The music skill: every intent in conversation, playback on the virtual clock, the media focus,
homes without a speaker, and a library file with a mistake in it."""

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
from skills.music import skill as music
from skills.music.library import LIBRARY, load_library
from skills.smart_home import skill as smart_home

NOW = datetime(2026, 6, 5, 19, 30)
CONVERSATIONS = Path(__file__).parent.parent / "skills" / "music"


@pytest.fixture
def conv() -> Iterator[Conversation]:
    c = Conversation(skills=[music, smart_home], home="demo", now=NOW, seed=1)
    yield c
    c.close()


def _speaker(conv: Conversation) -> dict[str, object]:
    return dict(conv.home.device("kitchen_speaker").state)


def test_the_library_is_big_enough_and_made_of_known_genres_and_moods() -> None:
    assert len(LIBRARY.tracks) >= 60
    assert len(LIBRARY.playlists) >= 3 and len(LIBRARY.stations) >= 3
    for track in LIBRARY.tracks:
        assert track.genre in LIBRARY.genres and set(track.mood) <= set(LIBRARY.moods)


@pytest.mark.parametrize(
    ("utterance", "slot", "speech"),
    [
        ("play blue hour", "song", "Playing Blue Hour by Nina Vale on the Kitchen speaker."),
        ("play the song smoke over lisbon by nina vale", "song", "Playing Smoke Over Lisbon"),
        ("play some music by orbit saloon", "artist", "Playing songs by Orbit Saloon"),
        ("put on the album paper moons", "album", "Playing the album Paper Moons by Juniper Ash"),
        ("play some jazz", "genre", "Playing jazz on the Kitchen speaker:"),
        ("i want to hear some hip hop", "genre", "Playing hip hop"),
        ("play something chill", "mood", "Here's something relaxing"),
        ("play music for studying", "mood", "Here's music to focus to"),
        ("play my morning coffee playlist", "playlist", "Playing your Morning Coffee playlist"),
        ("play late night jazz", "station", "Tuning in to Late Night Jazz"),
    ],
)
def test_play_by_every_kind_of_name(
    conv: Conversation, utterance: str, slot: str, speech: str
) -> None:
    turn = conv.say(utterance, expect_intent="PlayMusic")
    assert slot in turn.slots
    assert speech in (turn.speech or "")
    assert turn.card is not None and turn.card.title == "Now playing"
    state = _speaker(conv)
    assert state["playback"] == "playing"
    assert state["media_title"] and state["media_title"] in (turn.speech or "")


def test_play_something_shuffles_the_library(conv: Conversation) -> None:
    turn = conv.say("play some music", expect_intent="PlayAnything")
    assert (turn.speech or "").startswith("Shuffling the library on the Kitchen speaker:")
    assert _speaker(conv)["shuffle"] is True


def test_playback_runs_on_the_virtual_clock(conv: Conversation) -> None:
    conv.say("play the album salt and timber")
    assert _speaker(conv)["media_title"] == "Harbour Lights"
    conv.advance("10m")  # 226 + 193 s of the first two tracks, then 181 s into the third
    turn = conv.say("what's playing", expect_intent="WhatsPlaying")
    assert turn.speech == (
        "This is The Ferryman Sings by The Lantern Society, from Salt and Timber, 3:01 of 4:07, "
        "on the Kitchen speaker."
    )
    assert _speaker(conv)["media_title"] == "The Ferryman Sings"
    assert turn.card is not None and "3:01 / 4:07" in turn.card.text


def test_the_queue_ends_and_the_music_stops(conv: Conversation) -> None:
    conv.say("play the album salt and timber")
    conv.advance("30m")  # the album is about 21 minutes long
    assert _speaker(conv)["playback"] == "stopped"
    conv.say("what's playing", expect_speech="Nothing is playing. Try: play some jazz.")


def test_repeat_all_wraps_round_and_repeat_off_stops(conv: Conversation) -> None:
    conv.say("play the album salt and timber")
    conv.say("repeat the album", expect_speech="Repeating the whole queue.")
    conv.advance("30m")
    assert _speaker(conv)["playback"] == "playing"
    conv.say("turn off repeat", expect_speech="Repeat is off.")
    conv.advance("30m")
    assert _speaker(conv)["playback"] == "stopped"


def test_a_station_never_runs_out(conv: Conversation) -> None:
    conv.say("play rock radio", expect_intent="PlayMusic")
    conv.advance("3h")
    turn = conv.say("what's playing")
    assert (turn.speech or "").startswith("This is ")


def test_transport_while_playing(conv: Conversation) -> None:
    conv.say("play the album blue hour sessions")
    conv.say(
        "skip this song",
        expect_intent="NextTrack",
        expect_speech="Next up: Velvet Rain by Nina Vale.",
    )
    conv.say(
        "previous song",
        expect_intent="PreviousTrack",
        expect_speech="Playing Blue Hour by Nina Vale.",
    )
    conv.say(
        "pause the music", expect_intent="Pause", expect_speech="Paused Blue Hour by Nina Vale."
    )
    assert _speaker(conv)["playback"] == "paused"
    conv.say("resume", expect_intent="Resume", expect_speech="Resuming Blue Hour by Nina Vale.")
    conv.say("louder", expect_intent="ChangeVolume", expect_speech="Louder: volume 35.")
    conv.say("make it quieter", expect_intent="ChangeVolume", expect_speech="Quieter: volume 25.")
    conv.say("stop the music", expect_intent="StopMusic", expect_speech="Okay, the music is off.")
    assert _speaker(conv)["playback"] == "stopped"


def test_a_bare_stop_reaches_the_music_after_its_conversation_ended(conv: Conversation) -> None:
    played = conv.say("play some jazz")
    assert played.session_ended is True
    turn = conv.say("stop")
    assert (turn.skill, turn.speech) == ("music", "Okay, the music is off.")
    assert _speaker(conv)["playback"] == "stopped"
    # Nothing plays now: "stop" is the speaker's own again.
    assert conv.say("stop").skill != "music"


def test_shuffle_keeps_the_current_track_and_reorders_the_rest(conv: Conversation) -> None:
    conv.say("play the album studies in light")
    conv.advance("1m")
    turn = conv.say("shuffle", expect_intent="Shuffle")
    assert (
        turn.speech
        == "Shuffle is on. Still playing Study in Morning Light by Quiet Orchard Ensemble."
    )
    conv.say("what's playing", expect_contains="1:00 of 6:24")
    conv.say("turn shuffle off", expect_speech="Shuffle is off.")


def test_shuffle_with_nothing_playing_plays_everything(conv: Conversation) -> None:
    turn = conv.say("shuffle my music", expect_intent="Shuffle")
    assert (turn.speech or "").startswith("Shuffling the library")


def test_who_sings_this(conv: Conversation) -> None:
    conv.say("who sings this", expect_speech="Nothing is playing. Try: play some jazz.")
    conv.say("play kettle song")
    conv.say(
        "who is the artist",
        expect_intent="WhoSings",
        expect_speech="That's The Lantern Society, with Kettle Song, from the album Salt and Timber.",
    )


def test_play_on_the_tv_switches_it_on(conv: Conversation) -> None:
    turn = conv.say("play some soul on the tv", expect_intent="PlayMusic")
    assert "on the Living room TV" in (turn.speech or "")
    tv = conv.home.device("living_room_tv").state
    assert tv["on"] is True and tv["playback"] == "playing"
    assert conv.say("pause").skill == "music"
    assert conv.home.device("living_room_tv").state["playback"] == "paused"


def test_unknown_song_names_what_there_is(conv: Conversation) -> None:
    turn = conv.say("play despacito", expect_intent="PlayMusic")
    assert (turn.speech or "").startswith("I couldn't find despacito in the music library.")
    assert "you could try an artist like" in (turn.speech or "")
    assert turn.error is not None and turn.error.code == "NOT_FOUND"
    close = conv.say("play blue houre")
    assert "Did you mean Blue Hour?" in (close.speech or "")


def test_songs_about_a_topic_search_the_titles(conv: Conversation) -> None:
    turn = conv.say("play songs about rain", expect_intent="PlayMusic")
    assert turn.slots["topic"].raw == "rain"
    assert (turn.speech or "").startswith("The library has no lyrics, but this title fits rain")
    assert "Velvet Rain by Nina Vale" in (turn.speech or "")
    trains = conv.say("could you play songs about trains").speech or ""
    assert "Midnight Train to Nowhere Special" in trains


def test_songs_about_an_unknown_topic_name_what_there_is(conv: Conversation) -> None:
    turn = conv.say("i want to hear songs about frogs", expect_intent="PlayMusic")
    assert (turn.speech or "").startswith("No title in the music library mentions frogs")
    assert "you could try an artist like" in (turn.speech or "")
    assert turn.error is not None and turn.error.code == "NOT_FOUND"


def test_a_song_by_the_wrong_artist_is_corrected(conv: Conversation) -> None:
    conv.say(
        "play blue hour by orbit saloon",
        expect_speech="Blue Hour in this library is by Nina Vale, not Orbit Saloon. Say: play Blue Hour.",
    )


def test_play_the_tv_stays_with_the_smart_home(conv: Conversation) -> None:
    assert conv.say("play the tv").skill == "smart_home"


def test_what_can_i_play(conv: Conversation) -> None:
    turn = conv.say("what can i listen to", expect_intent="WhatCanIPlay")
    assert "made up" in (turn.speech or "") and "65 tracks" in (turn.speech or "")
    conv.say("what playlists do you have", expect_contains="Morning Coffee")
    conv.say("list the genres", expect_contains="jazz")


def test_help_and_launch_inside_music(conv: Conversation) -> None:
    conv.say("open music")
    turn = conv.say("help")
    assert (turn.speech or "").startswith("You can say: play some jazz")


def test_without_a_home_music_says_so() -> None:
    conv = Conversation(skills=[music], now=NOW)
    try:
        turn = conv.say("play some jazz")
        assert turn.speech == "There's no speaker or TV in this home to play on."
        conv.say(
            "what's playing",
            expect_speech="There's no speaker or TV in this home to play music on.",
        )
    finally:
        conv.close()


def test_a_home_without_a_media_device(tmp_path: Path) -> None:
    home = tmp_path / "flat.yaml"
    home.write_text(
        "name: Flat\nrooms:\n  - {id: lounge, name: Lounge}\n"
        "devices:\n  - {id: lamp, name: Lamp, type: light, room: lounge}\n",
        encoding="utf-8",
    )
    conv = Conversation(skills=[music], home=home, now=NOW)
    try:
        turn = conv.say("play the album paper moons")
        assert turn.speech == "There's no speaker or TV in this home to play on."
        assert turn.error is not None and turn.error.code == "NO_MEDIA_DEVICE"
    finally:
        conv.close()


def test_the_music_evening_conversation_file() -> None:
    turns = run_conversation_file(CONVERSATIONS / "test_music_evening.yaml")
    assert turns[-1].speech == "Nothing is playing. Try: play some jazz."


def test_a_library_with_a_mistake_names_file_line_and_cause(tmp_path: Path) -> None:
    bad = tmp_path / "library.yaml"
    bad.write_text(
        "genres: [jazz]\nmoods: [happy]\ntracks:\n"
        "  - {title: A, artist: B, album: C, genre: jazz, duration: 100}\n"
        "playlists:\n  - name: Mine\n    tracks: [A, Missing Song]\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        load_library(bad)
    assert str(caught.value) == f"{bad}:7: playlists[0].tracks[1]: no track called 'Missing Song'"
    bad.write_text("genres: [jazz]\nmoods: [happy]\ntracks:\n  - {title: A, duration: -1}\n")
    with pytest.raises(DataFileError, match=r"library.yaml:4: tracks\[0\]"):
        load_library(bad)


def test_a_bad_library_from_the_environment_stops_the_cli_with_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "library.yaml"
    bad.write_text("genres: [jazz]\nmoods: [happy]\ntracks: []\n", encoding="utf-8")
    env = {**os.environ, "SPEAKER_SIM_MUSIC_LIBRARY": str(bad)}
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "say", "play jazz", "--state", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2
    assert f"{bad}:3: tracks:" in done.stderr
    assert "Traceback" not in done.stderr


async def test_a_music_turn_updates_the_home_pane() -> None:
    from simulator.engine import Simulator
    from simulator.tui.app import SpeakerApp
    from simulator.tui.widgets.home import HomePane
    from tests.tui_helpers import put_on_line

    sim = Simulator.create(now=NOW, seed=0)
    sim.clock.paused = True
    app = SpeakerApp(sim, words_per_second=0)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            assert "Blue Hour" not in app.query_one(HomePane).plain_text()
            await put_on_line(pilot, "play blue hour")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            pane = app.query_one(HomePane).plain_text()
            assert "Kitchen speaker playing “Blue Hour” by Nina Vale" in pane
    finally:
        sim.close()
