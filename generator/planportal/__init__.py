"""Plan Portal: council improvement plans in YAML, published as a static site."""

__version__ = "0.1.0"
