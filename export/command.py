"""`inspectkg export`: options in, one library call (run.export), a summary line out."""

from __future__ import annotations

import sys

import click
from click.core import ParameterSource

from ..graph.store import open_store
from ..reports.errors import InspectkgError
from .filters import STATUSES, make_filters
from .run import FORMATS, check_request, choose_format, export
from .views import VIEWS

EXIT_ERROR = 2


@click.command("export")
@click.option("--view", type=click.Choice(VIEWS), default="trail", show_default=True,
              help="trail: points, later documents and findings, edges labelled with verdicts; "
                   "authority: documents over time with judgements and grades; themes: themes and the "
                   "points and findings tagged with them; full: the whole knowledge graph.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from the --output file's extension). turtle and nquads dump "
                   "the whole store; html writes the self-contained explorer of the trail view.")
@click.option("--output", "-o", default="-", show_default=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write (- for standard output).")
@click.option("--authority", "authorities", multiple=True, metavar="NAME",
              help="Only this authority (name or GSS code; repeatable).")
@click.option("--since", metavar="DATE", help="Only documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Only documents dated on or before DATE.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only improvement points with this current status (repeatable).")
@click.option("--theme", "themes", multiple=True, metavar="NOTATION",
              help="Only points (and findings) tagged with this practice theme or a narrower one (repeatable).")
@click.pass_context
def export_cmd(ctx: click.Context, view: str, fmt: str | None, output: str, authorities: tuple[str, ...],
               since: str | None, until: str | None, statuses: tuple[str, ...], themes: tuple[str, ...]) -> None:
    """Export a view of the graph for yEd, Cytoscape, Gephi, Graphviz or a
    JSON-LD tool, dump the store, or write the browser explorer.

    Exit code 2 for bad input (unknown authority or theme, bad date, a view and
    format that do not go together, an output that cannot be written).
    """
    try:
        fmt = choose_format(fmt, output)
        filters = make_filters(authorities, since, until, statuses, themes)
        view_given = ctx.get_parameter_source("view") is not ParameterSource.DEFAULT
        check_request(view, view_given, fmt, filters, output)
        with open_store(ctx.obj, read_only=True) as store:
            summary = export(store, view, fmt, filters, output)
    except InspectkgError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(summary.describe(), err=True)
