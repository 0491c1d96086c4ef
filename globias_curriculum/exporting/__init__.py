"""Export to registries: pure JSON-LD builders, pages for people, and a writer that stages and commits.

- `jsonld.py`: a course and the framework as schema.org/Bioschemas nodes (pure: same input, same bytes);
- `site.py`: the HTML pages, each embedding its node;
- `writer.py`: runs the per-file pipeline, stages each course's output, then commits the folder it owns
  (writing/folder.py: lock, manifest, journal; nothing outside it is touched).

To add an export target (a format of `export --format`): give `writer.course_output` the file each course
becomes and `writer.shared_outputs` the files built from every course at once, add the name to
the `--format` choice in cli/export.py and to the API's `export` docstring, and add its golden output to
tests/test_export.py. A target that only reshapes the JSON-LD node needs no change in `jsonld.py`.
"""
