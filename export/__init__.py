"""Export: the graph as views (networkx projections) written for graph tools
(yEd, Cytoscape, Gephi, Graphviz, JSON-LD) and as a self-contained browser
explorer of the follow-up trails. The last step of the pipeline: it only reads
the store."""
