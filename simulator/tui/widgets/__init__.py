"""Widgets of the main screen: conversation, input line, home, inspector and status."""

__all__: list[str] = []
