"""Graph: authority identity, the NetworkX graph and its metrics.

`identify` gives every citation its authority (parallels united, short forms
resolved, corpus opinions linked); `build` turns the result into a DiGraph.
"""

from .identity import identify
from .network import build

__all__ = ["identify", "build"]
