"""JourneyLab: customer journey mapping workshops in JupyterLab.

The names a notebook or a script needs are here; everything else lives in the submodules.
"""

from .edit import new_workshop, remove
from .errors import (ConflictError, InUseError, JourneyLabError, SchemaTooNewError,
                     WorkshopFileError, WorkshopInvalid)
from .i18n import LANGUAGES, set_language
from .model import Workshop, validate_workshop
from .store import WorkshopFile, load_workshop

__version__ = "0.1.0"

__all__ = [
    "LANGUAGES", "ConflictError", "InUseError", "JourneyLabError", "SchemaTooNewError",
    "Workshop", "WorkshopFile", "WorkshopFileError", "WorkshopInvalid", "load_workshop",
    "new_workshop", "remove", "set_language", "validate_workshop",
]
