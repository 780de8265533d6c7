"""Knowledge: answers that need no internet.

Arithmetic in words ("what's fifteen times seven", "what is 20 percent of 80"), unit conversions
("how many feet are in a mile", "convert 70 fahrenheit to celsius"), the time in another city
("what time is it in Tokyo"), days until a date ("how many days until christmas"), spelling
("how do you spell necessary") and a small bundled fact table of capitals and planets that says
plainly what it doesn't know.

Everything comes from the YAML files next to this code (``units.yaml``, ``facts.yaml``; the
cities are the SDK's table, ``simulator/sdk/cities.yaml``, shared with the weather): edit them to
teach the speaker more. Like the smart-home skill it is one `skill`
object, with one small module per topic:

==============  ===============================================================================
module          what it handles
==============  ===============================================================================
``core``        the `Skill`, the data files, shared speech helpers
``maths``       arithmetic in words, with its own slot type (an expression)
``units``       conversions between units of length, weight, volume, speed and temperature
``world``       the time in another city, and the speaker's own time zone
``dates``       days until a date or a holiday
``spelling``    "how do you spell ..."
``facts``       capitals, planets, and the honest "I can't look that up" for everything else
==============  ===============================================================================
"""

from __future__ import annotations

# Importing the modules registers their intents on `skill`.
from . import dates, facts, maths, spelling, units, world
from .core import skill

__all__ = ["dates", "facts", "maths", "skill", "spelling", "units", "world"]
