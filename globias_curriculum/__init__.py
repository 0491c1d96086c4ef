"""globias-curriculum: check BioImage Analysis course descriptions against a GloBIAS-aligned framework."""

__version__ = "0.1.0"
