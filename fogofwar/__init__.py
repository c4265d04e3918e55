"""fogofwar: news reports about armed conflict -> event data, every figure traced to its claimant."""

__version__ = "0.1.0"
