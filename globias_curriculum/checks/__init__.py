"""Checks, one module per family of rules. Each exposes `iter_*` generators of Diagnostics."""
