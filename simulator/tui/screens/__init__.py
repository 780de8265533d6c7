"""Secondary screens: skills browser, device detail, event log and help."""

__all__: list[str] = []
