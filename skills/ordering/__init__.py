"""Ordering: voice ordering from Byte Burger, a made-up fast-food restaurant, for pickup.

Try: "order two chicken burgers and a large coffee", "make the coffee a small", "remove the
fries", "what's in my order", "set up my voice PIN", "check out" (it reads the order back with
the total and asks to place it), "yes", then your PIN; "pick it up at Harbour Street";
"where is my order". In ``speaker-sim chat``, ``:advance 15m`` brings "your order is ready".

It is a simulation and says so: nothing is really ordered or paid. The voice PIN is a secret
slot: the simulator redacts it from turns, traces and the conversation log, and the skill keeps
only a salted hash. Three wrong tries lock payment for 15 minutes.

The menu, sizes, extras, prices and stores (with opening hours) are in ``menu.yaml``; set
``SPEAKER_SIM_MENU`` to use your own file. One module per topic, all on the one `skill`:

============  ================================================================================
module        what it handles
============  ================================================================================
``menu``      reading ``menu.yaml`` and the words for items, sizes, extras and stores
``core``      the `Skill`, the cart and how it is said
``cart``      order (several items at once), change, remove, read back, clear; the menu, prices
``stores``    choosing a pickup store, opening hours
``payment``   the voice PIN (set, change, lock), checkout, yes/no, paying
``status``    order status on the virtual clock, and "your order is ready"
============  ================================================================================
"""

from __future__ import annotations

# Importing the modules registers their intents on `skill`.
from . import cart, menu, payment, status, stores
from .core import skill

__all__ = ["cart", "menu", "payment", "skill", "status", "stores"]
