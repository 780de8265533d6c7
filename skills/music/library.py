"""The music library: tracks, playlists and stations read from ``library.yaml``, and lookups.

The bundled library is made up. Point ``SPEAKER_SIM_MUSIC_LIBRARY`` at your own file (same
format) to use another; a mistake in it stops the simulator with the file, line and cause.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field

from simulator.sdk.data import Loc, load_data
from simulator.sdk.media import MediaItem

__all__ = [
    "LIBRARY",
    "LIBRARY_ENV",
    "Library",
    "Playlist",
    "Station",
    "Track",
    "library_path",
    "load_library",
]

LIBRARY_ENV = "SPEAKER_SIM_MUSIC_LIBRARY"
"""Environment variable naming a library file to use instead of the bundled one."""


class Track(BaseModel):
    """One track of the library."""

    title: str = Field(min_length=1)
    artist: str = Field(min_length=1)
    album: str = Field(min_length=1)
    genre: str
    mood: list[str] = Field(default_factory=list)
    duration: int = Field(gt=0, le=3600)
    """Length in seconds."""

    def item(self) -> MediaItem:
        """This track as an item of a play queue."""
        return MediaItem(
            title=self.title,
            artist=self.artist,
            album=self.album,
            duration=self.duration,
            extra={"genre": self.genre},
        )


class Playlist(BaseModel):
    """A named list of track titles."""

    name: str = Field(min_length=1)
    tracks: list[str] = Field(min_length=1)


class Station(BaseModel):
    """An endless mix of one genre or one mood."""

    name: str = Field(min_length=1)
    genre: str | None = None
    mood: str | None = None


class Library(BaseModel):
    """The whole library file."""

    genres: list[str] = Field(min_length=1)
    moods: list[str] = Field(min_length=1)
    tracks: list[Track] = Field(min_length=1)
    playlists: list[Playlist] = Field(default_factory=list)
    stations: list[Station] = Field(default_factory=list)

    def by_title(self, title: str) -> Track | None:
        """The track with this title (any case)."""
        wanted = title.lower()
        return next((t for t in self.tracks if t.title.lower() == wanted), None)

    def where(self, **match: str) -> list[Track]:
        """Tracks whose ``artist``/``album``/``genre`` equals, or whose ``mood`` includes, a value."""
        out = []
        for track in self.tracks:
            ok = True
            for key, value in match.items():
                if key == "mood":
                    ok = ok and value in track.mood
                else:
                    ok = ok and str(getattr(track, key)).lower() == value.lower()
            if ok:
                out.append(track)
        return out

    def station_tracks(self, station: Station) -> list[Track]:
        """The tracks a station plays."""
        if station.genre:
            return self.where(genre=station.genre)
        if station.mood:
            return self.where(mood=station.mood)
        return list(self.tracks)

    def about(self, topic: str) -> list[Track]:
        """Tracks whose title or album has a word of ``topic`` in it ("songs about rain" finds
        "Velvet Rain"). The library has no lyrics, so titles are all there is to go on; a
        plural matches its singular ("trains" finds "Midnight Train ...")."""
        stop = {"a", "an", "the", "my", "of", "and", "in", "on", "to", "for", "some", "about"}
        wanted = {w for w in topic.lower().split() if w not in stop}
        wanted |= {w[:-1] for w in wanted if len(w) > 3 and w.endswith("s")}
        return [
            t
            for t in self.tracks
            if wanted & set(f"{t.title} {t.album}".lower().replace("'", "").split())
        ]

    def names(self, kind: str) -> list[str]:
        """Every distinct artist, album, playlist or station name, in file order."""
        if kind == "playlist":
            return [p.name for p in self.playlists]
        if kind == "station":
            return [s.name for s in self.stations]
        return list(dict.fromkeys(str(getattr(t, kind)) for t in self.tracks))


def _check(library: Library) -> tuple[Loc, str] | None:
    """Rules across fields, each pointing at the line at fault."""
    seen: set[str] = set()
    for i, track in enumerate(library.tracks):
        if track.title.lower() in seen:
            return ("tracks", i, "title"), f"a second track is called {track.title!r}"
        seen.add(track.title.lower())
        if track.genre not in library.genres:
            return ("tracks", i, "genre"), f"unknown genre {track.genre!r} (not in genres)"
        for j, mood in enumerate(track.mood):
            if mood not in library.moods:
                return ("tracks", i, "mood", j), f"unknown mood {mood!r} (not in moods)"
    for i, playlist in enumerate(library.playlists):
        for j, title in enumerate(playlist.tracks):
            if title.lower() not in seen:
                return ("playlists", i, "tracks", j), f"no track called {title!r}"
    for i, station in enumerate(library.stations):
        if station.genre is None and station.mood is None:
            return ("stations", i), "a station needs a genre or a mood"
        if station.genre is not None and station.genre not in library.genres:
            return ("stations", i, "genre"), f"unknown genre {station.genre!r}"
        if station.mood is not None and station.mood not in library.moods:
            return ("stations", i, "mood"), f"unknown mood {station.mood!r}"
    return None


def library_path() -> Path:
    """The library file in use: ``$SPEAKER_SIM_MUSIC_LIBRARY`` or the bundled one."""
    given = os.environ.get(LIBRARY_ENV)
    return Path(given) if given else Path(__file__).with_name("library.yaml")


def load_library(path: Path | None = None) -> Library:
    """Read and check a library file; raises `DataFileError` with the file and line."""
    return load_data(path or library_path(), Library, what="music library", check=_check)


LIBRARY = load_library()
"""The library, read once when the skill loads."""
