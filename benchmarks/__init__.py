"""Benchmarks for claimcheck: a story generator and a runner that prints one table.

Run from the repository root: ``.venv/bin/python -m benchmarks.run`` (see docs/performance.md).
"""
