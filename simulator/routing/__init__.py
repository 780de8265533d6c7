"""Routing: from normalised words to ranked intents with typed slots, and example utterances.

It sits above `simulator.nlu` (templates, matcher, parsers: a pure bottom layer) and the SDK's
skill model, and below the dialog manager and the engine.
"""

__all__: list[str] = []
