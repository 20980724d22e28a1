"""Labs: seeded experiments that show each concept, on from-scratch NumPy models (``labs.models``)."""
