"""clusterfolio: python build.py [build|check|serve|new-member|report] — see README.md."""
import sys

from clusterfolio.cli import main

if __name__ == "__main__":
    sys.exit(main())
