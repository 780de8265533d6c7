"""speaker-sim: an illustrative, offline smart-speaker skill simulator.

It is inspired by consumer smart speakers but implements no vendor's real protocol, cloud API or
device format. Everything here except :mod:`simulator.tui` runs headless and never imports Textual.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
