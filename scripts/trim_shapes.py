"""Keep the Course, CourseInstance and TrainingMaterial shapes of the Bioschemas SHACL file.

    python scripts/trim_shapes.py bioschemas-profiles-shacl.ttl \
        > globias_curriculum/data/bioschemas-training-shapes.ttl

The combined file also targets Person, Organization, DefinedTerm and CreativeWork, which would flag the nested
nodes every course needs; the three training profiles are what registries such as TeSS read.
Source: Bioschemas, pages/_profiles/bioschemas_profiles_shacl.ttl (CC BY 4.0).
"""

from __future__ import annotations

import sys

from rdflib import Graph, URIRef
from rdflib.term import BNode

SHAPES = [
    URIRef("https://bioschemas.org/profiles/Course/1.0-RELEASE"),
    URIRef("https://bioschemas.org/profiles/CourseInstance/1.0-RELEASE"),
    URIRef("https://bioschemas.org/profiles/TrainingMaterial/1.0-RELEASE"),
]


def main() -> int:
    full = Graph().parse(sys.argv[1], format="turtle")
    out = Graph()
    for prefix, namespace in full.namespaces():
        out.bind(prefix, namespace)
    todo: list[URIRef | BNode] = list(SHAPES)
    seen: set[URIRef | BNode] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in full.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    sys.stdout.write("# Trimmed from the Bioschemas SHACL shapes (CC BY 4.0) by scripts/trim_shapes.py.\n")
    sys.stdout.write(out.serialize(format="turtle"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
