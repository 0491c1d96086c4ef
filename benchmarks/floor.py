"""The floor our commands are compared with: start Python, import yaml, compose every file named on the
command line (or every *.yaml in a folder named) with PyYAML's C loader, text in, node graph with positions
out, and nothing else.

    python benchmarks/floor.py FILE_OR_FOLDER...

It runs as its own process, started cold exactly like our command, so both pay the interpreter start-up.
A file that is not YAML makes it fail, so it cannot be timed doing less than composing.
"""

import glob
import os
import sys

import yaml

for argument in sys.argv[1:]:
    paths = sorted(glob.glob(os.path.join(argument, "*.yaml"))) if os.path.isdir(argument) else [argument]
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            yaml.compose(handle.read(), Loader=yaml.CSafeLoader)
