"""Pure chart functions: workshop data in, matplotlib ``Figure`` out, never displayed here.

One module per subject; :mod:`.style` holds the shared palette and label helpers.
"""
