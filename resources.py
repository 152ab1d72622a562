"""Files shipped inside the package: ontology, shapes, queries, sample corpus.

Loaded through importlib.resources so that an installed wheel works from any
directory, never from the source tree.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = files("inspectkg")


def ontology_file(name: str) -> Traversable:
    return PACKAGE / "ontology" / name


def ontology_files() -> list[Traversable]:
    """The ontology, its vocabularies and the themes thesaurus (not the shapes)."""
    return [ontology_file("inspectkg.ttl"), ontology_file("vocabularies.ttl"), ontology_file("themes.ttl")]


def shapes_file() -> Traversable:
    return ontology_file("shapes.ttl")


def query_files() -> list[Traversable]:
    return sorted((f for f in (PACKAGE / "queries").iterdir() if f.name.endswith(".rq")),
                  key=lambda f: f.name)


def sample_dir() -> Path:
    """The bundled Hertfordshire sample as a real directory path."""
    with as_file(PACKAGE / "data" / "sample" / "hertfordshire") as path:
        return Path(path)
