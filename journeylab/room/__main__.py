"""``python -m journeylab.room --workshop FOLDER``: the room server in its own process."""

import sys

from .serve import main

sys.exit(main())
