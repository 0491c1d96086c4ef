"""The benchmark behind README's "Speed" section (issue 9): `python benchmarks/run.py`, see run.py."""
