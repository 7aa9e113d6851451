"""Files and streams: what the program says on stderr, the terminal it holds, the pager."""

from execadvisor.streams.messages import say

__all__ = ["say"]
