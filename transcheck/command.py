"""The entry point of the `transcheck` command (`[project.scripts]`, `python -m transcheck`).

The cycle collector's thresholds are raised before the command's modules are imported:
their classes, functions and regexes, some 300,000 objects, live as long as the process,
and the default thresholds walked them 35 times before the first file was read (4-5 ms,
3% of checking a short article). This module imports nothing else until then.
"""

from __future__ import annotations

import gc
from typing import NoReturn

# The cycle collector's thresholds for a run. A run allocates millions of objects and
# frees nearly all by reference counting: the default thresholds spent 7% of it in
# collections finding nothing, and 100,000 young objects still 3% on a megabyte of MT
# output (each collection walks every analysis still alive); a million, 0.5%.
GC_THRESHOLDS = (1_000_000, 20, 20)


def run() -> NoReturn:
    gc.set_threshold(*GC_THRESHOLDS)  # mypy raises them for the same reason
    from transcheck.cli import run as command

    command()
