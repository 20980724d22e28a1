"""Gauntlet: practise machine-learning interviews locally.

The core (``bank``, ``grade``, ``review``, ``labs``, ``drills``, ``store``) knows nothing of the
shells (``cli``, ``web``), which are thin layers that parse input, call the core and render.
"""

__version__ = "0.1.0"
