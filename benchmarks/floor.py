"""The floor our validate is compared with: start Python, import yaml, compose every file named on the
command line with PyYAML's C loader (text in, node graph with positions out), and nothing else.

    python benchmarks/floor.py FILE...

It runs as its own process, started cold exactly like our command, so both pay the interpreter start-up.
A file that is not YAML makes it fail, so it cannot be timed doing less than composing.
"""

import sys

import yaml

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        yaml.compose(handle.read(), Loader=yaml.CSafeLoader)
