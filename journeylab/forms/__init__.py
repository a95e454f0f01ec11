"""ipywidgets forms over the model and the store: one module per workshop step."""

from .start import open_workshop

__all__ = ["open_workshop"]
