"""`python -m clusterfolio`: the same command line as `clusterfolio` and `python build.py`."""
import sys

from clusterfolio.cli import main

if __name__ == "__main__":  # not when a spawned build worker imports the parent's main module
    sys.exit(main())
