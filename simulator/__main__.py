"""``python -m simulator``: the same as the ``speaker-sim`` command."""

import sys

from simulator.cli import main

sys.exit(main())
