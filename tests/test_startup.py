"""Start-up helpers: slot models built on first use, and the start-up benchmark's table."""

from __future__ import annotations

import re
import threading
from typing import Any

from pydantic import BaseModel, ValidationError

from simulator.loader import load_skills
from simulator.startup import models_built_on_first_use
from simulator.tools.startup_bench import format_startup, skill_modules_in_importtime


def test_models_defined_in_the_block_build_on_first_use() -> None:
    # The run's background training loads the bundled skills (deferring too): let it finish,
    # so that the default seen after the block is this block's doing.
    for thread in threading.enumerate():
        if thread.name == "bundled-model-training":
            thread.join(600)
    with models_built_on_first_use():

        class Deferred(BaseModel):
            minutes: int

    class Immediate(BaseModel):
        minutes: int

    assert not Deferred.__pydantic_complete__
    assert Immediate.__pydantic_complete__  # the default is restored after the block
    assert list(Deferred.model_fields) == ["minutes"]  # fields are known at once
    assert Deferred(minutes="5").minutes == 5  # built now, and validates as usual
    try:
        Deferred(minutes="five")
    except ValidationError as exc:
        assert "minutes" in str(exc)
    else:  # pragma: no cover - a failure message
        raise AssertionError("an invalid value was accepted")


def test_bundled_slot_models_validate_after_a_deferred_load() -> None:
    intents = {
        f"{s.name}.{i.name}": i
        for s in load_skills(None, entry_point_skills=False).skills
        for i in s.intents.values()
    }
    model = intents["hello.MyNameIs"].model
    assert model is not None and "name" in model.model_fields
    assert model.model_validate({"name": "Ada"}).model_dump()["name"] == "Ada"


def test_startup_table_names_every_row() -> None:
    timing = {"cpu_median_s": 1.0, "wall_median_s": 2.0, "wall_min_s": 1.5, "runs": 3}
    result: dict[str, Any] = {
        "rounds": 3,
        "baseline_python": {**timing, "cpu_median_s": 0.05},
        "cold": timing,
        "cold_learned": {**timing, "cpu_median_s": 4.5},
        "model_train_seconds_median": 2.5,
        "model_train_detail": {"import": 0.9, "samples": 0.4, "fit": 1.2, "fit_cpu": 2.3},
        "model_file_bytes": 4_000_000,
        "warm_template": {**timing, "skills_imported": ["knowledge", "smart_home"]},
        "warm_learned": {**timing, "cpu_median_s": 1.2, "skills_imported": []},
        "warm_start_extra": {"cpu_median_s": 0.2, "wall_median_s": 0.3},
        "cpu_ratio_to_python": {"cold": 20.0, "cold_learned": 90.0},
        "targets_cpu_s": {"cold_learned": 5.0, "warm_start_extra": 0.3},
        "tui_memory": {"rss_mb": 120.5, "peak_rss_mb": 130.0},
        "load_average": {"before": 1.0, "after": 2.0},
    }
    table = format_startup(result)
    assert "4.50 s CPU" in table and "90x python; target <= 5 s CPU" in table
    assert "0.20 s CPU, 0.30 s wall; target <= 0.3 s CPU" in table
    assert "120.5 MiB now, 130.0 MiB peak" in table
    assert "4.0 MB" in table
    assert "importing scikit-learn 0.90 s, samples 0.40 s, fits 1.20 s" in table
    assert "fits' CPU 2.30 s" in table
    imported = re.findall(r"skill modules imported +(.+)", table)
    assert imported == ["knowledge, smart_home", "none"]


def test_the_skill_modules_a_start_imported_are_read_from_importtime() -> None:
    report = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       675 |        675 |     skills.smart_home.chinese\n"
        "import time:     12800 |      12800 | skills.knowledge.maths\n"
        "import time:       200 |     300000 | skills.knowledge\n"
        "import time:       100 |        100 | skillsets.other\n"
        "import time:       100 |        100 |   simulator.skills\n"
    )
    assert skill_modules_in_importtime(report) == ["knowledge", "smart_home"]
    assert skill_modules_in_importtime("") == []
