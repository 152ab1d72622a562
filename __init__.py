"""inspectkg: a knowledge graph of inspection findings and recommendations."""

__version__ = "0.1.0"
