"""`python -m generator` runs the command-line interface."""

import sys

from .commands.main import main

sys.exit(main())
