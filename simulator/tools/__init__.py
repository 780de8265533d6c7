"""Developer tools built on the engine: `speaker-sim bench` and `speaker-sim eval ha-tests`."""

__all__: list[str] = []
