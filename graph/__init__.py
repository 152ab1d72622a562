"""The knowledge graph: mapping reports to RDF, storing, validating, querying."""
