"""Coding drills: implement an algorithm from first principles; hidden tests judge it in a sandbox."""
