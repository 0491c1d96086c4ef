"""Competency suggestions for learning outcomes: offline, fast and explainable.

`rank(text, framework)` ranks the competencies of a framework for one outcome text and returns, for each, a score
and the words (or EDAM terms) that matched. It uses whatever the framework has (labels, descriptions, EDAM
mappings; level descriptors, keywords and tools where given) plus a small shipped lexicon of abbreviations and
tool names. `annotate` writes the top suggestions into a course file as comments for a person to accept.
"""

from __future__ import annotations

from .ranking import Match, Suggestion, explain, rank

__all__ = ["Match", "Suggestion", "explain", "rank"]
