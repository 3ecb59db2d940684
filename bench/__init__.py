"""Benchmarks (``python -m bench.<name>``) and synthetic-content generators; not timed tests."""
