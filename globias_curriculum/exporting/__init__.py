"""Export to registries: pure JSON-LD builders, pages for people, and a writer that stages and commits."""
