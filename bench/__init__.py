"""Benchmarks and the deterministic data generator of the named data sizes (DESIGN.md §6).

Nothing here runs in the test suite except the tiny generator test (tests/test_bench_generator.py).
"""
