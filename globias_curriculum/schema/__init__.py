"""The schema stage: the JSON Schema generated from schema/globias_curriculum.yaml, compiled once per process.

`artefacts` loads what `scripts/generate_artefacts.py` wrote into `globias_curriculum/generated/`; `compiled`
turns the JSON Schema into closures that report every structural error with its path.
"""
