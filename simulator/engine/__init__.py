"""The engine: runs turns through the pipeline and keeps the simulated world.

``from simulator.engine import Simulator`` is the entry point. The package's modules, one job each:

* `simulator.engine.simulator`: the `Simulator` façade that composes the parts below;
* `simulator.engine.pipeline`: one utterance (or fired clock item) through every stage;
* `simulator.engine.turn`: `TurnRun`, the per-turn object the stages fill in;
* `simulator.engine.isolation`: skill handlers in a worker thread, under a timeout;
* `simulator.engine.record`: the `Turn` and `RouteResult` records (pure functions);
* `simulator.engine.persistence`: loading the saved world and saving each turn;
* `simulator.engine.timeline`: clock advance, device simulation, firing due items;
* `simulator.engine.slot_env`: the runtime data slot parsers need.
"""

from simulator.engine.simulator import DEFAULT_WAKE_WORD, Simulator, TurnListener

__all__ = ["DEFAULT_WAKE_WORD", "Simulator", "TurnListener"]
