"""`harvest`: the one command that touches the network, and only the URLs it is given.

Crawls publishers the way ELIXIR TeSS does (a sitemap, then every page in it), politely: robots.txt is obeyed,
each host gets at most `rate` requests a second, at most `workers` requests are in flight, every request has a
timeout and failures that may pass are retried with backoff; pages seen before are asked for with their ETag
and Last-Modified and not downloaded again when unchanged. Each page goes through the reader `tess-preview`
uses and becomes course files through `import bioschemas` (importing/bioschemas.py), with its address and the
date it was fetched. The output folder is owned as `import` owns its own (a file harvest did not write is never
replaced) and remembers each page (`state.Journal`), so an interrupted harvest resumes where it stopped.
"""

from __future__ import annotations

from .run import HarvestSummary, harvest_sources

__all__ = ["HarvestSummary", "harvest_sources"]
