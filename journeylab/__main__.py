"""``python -m journeylab``: the same command line as ``journeylab``."""

from .cli import main

raise SystemExit(main())
