"""Graph: authority identity, the NetworkX graph and its metrics.

`identify` gives every citation its authority (parallels united, short forms
resolved, corpus opinions linked); `build` turns the result into a DiGraph (with
PageRank and HITS from `metrics`); `from_tables` builds it again from a build's tables.
"""

from .identity import identify
from .metrics import add_metrics
from .network import build
from .tables import Tables, from_tables, read_tables

__all__ = ["identify", "build", "add_metrics", "from_tables", "read_tables", "Tables"]
