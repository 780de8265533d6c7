"""The Textual terminal UI of speaker-sim: a thin view over one `simulator.engine.Simulator`.

Nothing outside this package imports it except ``simulator.cli`` (lazily), so the headless
engine never loads Textual. Start it with :func:`simulator.tui.app.run_app`.
"""

__all__: list[str] = []
