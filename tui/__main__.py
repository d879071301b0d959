"""`python -m tui` runs the same command line as `cardoff-tui`."""

import sys

from tui.cli import main

sys.exit(main())
