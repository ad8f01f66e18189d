"""`python -m portal ...` runs the `certscope` command (as the worker processes are started)."""

import sys

from portal.cli import main

if __name__ == "__main__":
    sys.exit(main())
