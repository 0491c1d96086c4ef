"""Reading input: finding files, bytes to text within limits, YAML to a Document with positions."""
