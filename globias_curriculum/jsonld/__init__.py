"""Reading JSON-LD as registries do: offline expansion, Bioschemas profile conformance, the TeSS preview."""
