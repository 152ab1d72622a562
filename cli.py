"""The `inspectkg` command: a thin layer that parses options, calls the library,
prints the result, and turns the library's errors into a message and an exit code.

Exit codes: 0 success; 1 the command ran but found a problem (input files
rejected by `build`, violations found by `validate`); 2 usage or runtime error
(unknown query, missing parameter, store that cannot be opened).
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__, resources
from .graph.build import Outcome, build, compact_if_grown
from .graph.iris import CURRENT_STATUSES
from .graph.queries import catalogue, find_query, library
from .graph.results import to_csv, to_json, to_table
from .graph.store import STORE_ENV, GraphStore, default_store_path, open_store
from .graph.summary import DocumentFilter, counted, document_summaries, store_stats
from .graph.validate import validate_store
from .reports.errors import InspectkgError
from .reports.load import readable

EXIT_PROBLEM = 1
EXIT_ERROR = 2


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Library errors become one clear line on stderr and exit code 2, not a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InspectkgError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


def format_option(*choices: str, default: str = "table") -> Callable[..., Any]:
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="inspectkg")
@click.option("--store", "store_spec", envvar=STORE_ENV, default=None, metavar="DIR|URL",
              help=f"Where the graph lives: a directory of the embedded store (default: ${STORE_ENV} "
                   f"or {default_store_path()}), the http(s) URL of a SPARQL 1.1 server, or "
                   "'memory:' (nothing kept).")
@click.pass_context
def main(ctx: click.Context, store_spec: str | None) -> None:
    """inspectkg: a knowledge graph of inspection findings and recommendations.

    Read inspection reports (text, PDF, HTML) into an RDF graph, validate it
    with SHACL and ask it questions with SPARQL.
    """
    ctx.obj = store_spec or str(default_store_path())


def _store(ctx: click.Context, read_only: bool = False) -> GraphStore:
    return open_store(ctx.obj, read_only=read_only)


def _describe(o: Outcome) -> str:
    path = readable(o.path)
    if o.status == "rejected":
        return f"rejected  {path}: {o.reason}"
    if o.status == "skipped":
        return f"skipped   {path}: {o.reason}"
    line = f"{o.status:<9} {path}: {o.kind}, {o.authority}, {o.date}"
    return f"{line}: {o.reason}" if o.reason else line


class Progress:
    """One self-overwriting line on a terminal: items settled and items per second
    ("[120/1922] 15.3 files/s")."""

    def __init__(self, enabled: bool, unit: str = "files", label: str = ""):
        import time

        self.total, self.enabled, self.done, self.unit = 0, enabled, 0, unit
        self.label = f"{label} " if label else ""
        self.clock = time.perf_counter
        self.t0 = self.clock()

    def start(self, total: int) -> None:
        self.total = total

    def step(self) -> None:
        self.done += 1
        if self.enabled:
            rate = self.done / max(self.clock() - self.t0, 1e-9)
            click.echo(f"\r{self.label}[{self.done}/{self.total}] {rate:.1f} {self.unit}/s ", nl=False, err=True)

    def reached(self, done: int, total: int) -> None:
        """For a phase that reports how far it is rather than each step."""
        self.total, self.done = total, done - 1
        self.step()

    def clear(self) -> None:
        if self.enabled and self.done:
            click.echo("\r\033[K", nl=False, err=True)


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Stop at the first rejected input.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
@click.option("--curations", type=click.Path(dir_okay=False, path_type=Path),
              help="Then apply and store an analyst's curation file (see `inspectkg curate`).")
@click.pass_context
@handle_errors
def build_cmd(ctx: click.Context, paths: tuple[Path, ...], strict: bool, quiet: bool,
              curations: Path | None) -> None:
    """Read reports into the store (no PATH: the bundled Hertfordshire sample).

    PATH may be files (.pdf, .html, .txt) or folders of them. Each file is
    ingested, skipped (already stored), replaced (a new version, or one that an
    earlier version of inspectkg read, read again) or rejected
    with the reason; the run goes on past rejected files. The improvement
    points of every authority with a new or changed document (or one an
    interrupted build stored but did not follow up) are then followed through
    its later documents (as `inspectkg trace` does). Exit code 1 when any file
    was rejected.
    """
    from .followup.curation import read_curations, store_curations
    from .followup.trace import compact_if_rewritten, follow_up_stale
    from .graph.mapping import READER_VERSION
    from .reports.load import expand_paths

    # A curation file that cannot be used is said before the reading, not after a long build.
    curation_rows = read_curations(curations) if curations else None
    targets = list(paths) or [resources.sample_dir()]
    missing = [p for p in targets if not p.exists()]
    for p in missing:
        click.echo(f"missing   {readable(p)}: no such file or folder", err=True)
    if strict and missing:
        click.echo("Stopped at the first rejected input (--strict).", err=True)
        sys.exit(EXIT_PROBLEM)
    targets = [p for p in targets if p.exists()]
    # A folder with nothing in it is named, not passed over: "0 files" alone does not say
    # which of several folders was the wrong one.
    empty = [p for p in targets if p.is_dir() and not expand_paths([p])]
    for p in empty:
        click.echo(f"empty     {readable(p)}: a folder with no files in it (inspectkg reads .pdf, .html, .htm "
                   "and .txt files, in subfolders too)", err=True)
    if strict and empty:
        click.echo("Stopped at the first rejected input (--strict).", err=True)
        sys.exit(EXIT_PROBLEM)
    progress = Progress(enabled=not quiet and sys.stderr.isatty())

    class Stop(Exception):
        pass

    def report(o: Outcome) -> None:
        progress.clear()
        if not quiet or o.status == "rejected":
            click.echo(_describe(o), err=o.status == "rejected")
        progress.step()
        if strict and o.status == "rejected":
            raise Stop

    try:
        with _store(ctx) as store:
            result = build(targets, store, on_outcome=report, on_start=progress.start)
            # Every authority with a document no follow-up has read: this run's new
            # ones, and any an interrupted earlier build stored but did not follow up.
            progress.clear()
            # Following up a national store takes minutes after the last file.
            following = Progress(enabled=progress.enabled, unit="authorities", label="following up")
            followed, changed = follow_up_stale(store, on_authority=following.reached)
            following.clear()
            outcome = store_curations(store, curation_rows) if curation_rows is not None else None
            # A follow-up of many authorities (a new method version) rewrites their graphs too.
            compact_if_grown(store, result) or compact_if_rewritten(store, changed)
            older = sum(1 for _, version in store.reader_versions().values() if version < READER_VERSION)
    except Stop:
        click.echo("Stopped at the first rejected input (--strict).", err=True)
        sys.exit(EXIT_PROBLEM)
    except KeyboardInterrupt:
        progress.clear()
        click.echo("Interrupted: every file reported above is stored whole; run the same build "
                   "again to go on (stored files are skipped, and authorities not yet followed up "
                   "are followed up then).", err=True)
        sys.exit(130)
    progress.clear()
    counts = ", ".join(f"{result.count(s)} {s}" for s in ("ingested", "replaced", "skipped", "rejected"))
    rate = len(result.outcomes) / result.seconds if result.seconds else 0.0
    click.echo(f"{counted(len(result.outcomes) + len(missing), 'file')}: {counts}"
               f"{f', {len(missing)} missing' if missing else ''} in {result.seconds:.1f} s "
               f"({rate:.1f} files/s). Store: {ctx.obj}")
    if changed:
        click.echo(f"Followed {counted(followed, 'improvement point')} of "
                   f"{counted(changed, 'authority', 'authorities')} "
                   "through their later documents (see `inspectkg trace`).")
    if older:
        click.echo(f"{counted(older, 'stored document')} read by an earlier version of inspectkg: build "
                   "their files again to read them with this one (it reads them better).")
    if outcome is not None:
        click.echo(f"{len(outcome.applied)} curations applied, {len(outcome.stale)} stale.")
        for c, why in outcome.stale:
            click.echo(f"stale: line {c.line}: {why}: {c.point}", err=True)
    if result.rejected or missing or empty or (outcome is not None and outcome.stale):
        sys.exit(EXIT_PROBLEM)


@main.command("reports")
@format_option("table", "json")
@click.option("--authority", "authorities", multiple=True, metavar="NAME",
              help="Only documents about this authority (name or GSS code; repeatable).")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only documents of this kind (focused-visit, ilacs-inspection, ...; repeatable).")
@click.option("--since", metavar="DATE", help="Only documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Only documents dated on or before DATE.")
@click.pass_context
@handle_errors
def reports_cmd(ctx: click.Context, fmt: str, authorities: tuple[str, ...], kinds: tuple[str, ...],
                since: str | None, until: str | None) -> None:
    """List the documents in the store with kind, dates, grades and points.

    Exit code 2 for bad input (an unknown authority or kind, a bad date, an
    authority the store holds nothing about)."""
    only = _document_filter(authorities, kinds, since, until)
    with _store(ctx, read_only=True) as store:
        docs = document_summaries(store, only)
        if not docs and only.authorities:
            _check_authorities_stored(store, authorities)
    if fmt == "json":
        click.echo(json.dumps(docs, indent=2, ensure_ascii=False))
        return
    if not docs:
        click.echo("No stored document matches the options given." if only != DocumentFilter() else
                   "The store holds no documents: run `inspectkg build` first.")
        return
    for d in docs:
        dates = d["start_date"] or d["published"] or ""
        if d["end_date"] and d["end_date"] != d["start_date"]:
            dates += f" to {d['end_date']}"
        click.echo(f"{d['authority']['name']} ({d['authority']['gss']})  {d['kind']}  {dates}")
        click.echo(f"  source: {d['source']}")
        if d["inspectors"]:
            click.echo(f"  inspectors: {', '.join(d['inspectors'])}")
        if d["judgements"]:
            click.echo("  judgements: " + "; ".join(_judgement_line(j, d["judgements"]) for j in d["judgements"]))
        click.echo(f"  improvement points: {len(d['improvement_points'])}, findings: {d['findings']}")
        for c in d["cited_inspections"]:
            grade = f", {c['grade']}" if c["grade"] else ""
            roughly = "about " if c["approximate"] else ""
            stored = "" if c["in_store"] else "; not in the store"
            click.echo(f"  cites: {c['subject']} ({roughly}{c['date']}{grade}{stored})")
        for c in d["claims"]:
            said = f"grade {c['grade']}" if c["kind"] == "grade" and c["grade"] else c["kind"]
            click.echo(f"  claims ({said}): {c['text']}")


@main.command("validate")
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="sparql: the shapes compiled to SPARQL, all graphs at once (fast); pyshacl: the "
                   "reference SHACL implementation, graph by graph.")
@click.option("--full", is_flag=True,
              help="Validate every graph again, not only those written since the last validation.")
@click.pass_context
def validate_cmd(ctx: click.Context, engine: str, full: bool) -> None:
    """Check the store against the SHACL shapes and the *-violation queries.

    The default engine answers every shape with one SPARQL query over the
    store (tested to report what pySHACL reports). Either engine checks again
    only what changed since the last validation of an embedded store; the
    cross-document queries always run. Exit code 0: conforms; 1: violations
    (listed); 2: error.
    """
    try:
        with _store(ctx, read_only=True) as store:
            report = validate_store(store, incremental=not full, engine=engine)
    except InspectkgError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    for check in report.checks:
        click.echo(f"checked: {check}")
    if report.conforms:
        click.echo(f"Conforms: {report.documents} documents, no violations.")
        return
    click.echo(f"Does not conform: {len(report.violations)} violations.")
    for v in report.violations:
        where = f" {v.path}" if v.path else ""
        value = f" = {v.value}" if v.value else ""
        click.echo(f"- [{v.constraint}] {v.focus}{where}{value}: {v.message}  (graph {v.graph})")
    sys.exit(EXIT_PROBLEM)


@main.command("query")
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter (repeatable).")
@click.option("--list", "list_queries", is_flag=True, help="List the library of named queries.")
@format_option("table", "csv", "json")
@click.pass_context
@handle_errors
def query_cmd(ctx: click.Context, name: str | None, params: tuple[str, ...], list_queries: bool,
              fmt: str) -> None:
    """Run a named query from the library, or a .rq file.

    Results as a table, or as the W3C SPARQL results formats (csv, json).
    """
    if list_queries or not name:
        click.echo(catalogue(library(), fmt), nl=fmt != "csv")
        return
    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r}: expected NAME=VALUE", param_hint="--param")
        if key.strip() in values and values[key.strip()] != value:
            # A query binds one value to a parameter: the last one silently winning hid the first.
            raise click.BadParameter(f"{key.strip()} is given twice ({values[key.strip()]!r} and {value!r}); "
                                     "a query takes one value for each parameter", param_hint="--param")
        values[key.strip()] = value
    q = find_query(name)
    with _store(ctx, read_only=True) as store:
        result = q.run(store, values)
    if result.is_graph:  # CONSTRUCT: Turtle to read, N-Triples for csv, JSON-LD for json
        click.echo(result.serialize({"table": "turtle", "csv": "nt", "json": "json-ld"}[fmt]))
        return
    if fmt == "json":
        click.echo(to_json(result.variables, result.rows))
    elif fmt == "csv":
        click.echo(to_csv(result.variables, result.rows), nl=False)
    else:
        click.echo(to_table(result.variables, result.rows))


@main.command("stats")
@click.pass_context
@handle_errors
def stats_cmd(ctx: click.Context) -> None:
    """Counts of what the store holds."""
    with _store(ctx, read_only=True) as store:
        stats = store_stats(store)
    width = max(map(len, stats))
    for key, value in stats.items():
        click.echo(f"{key:>{width}}: {value}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.pass_context
@handle_errors
def serve_cmd(ctx: click.Context, host: str, port: int) -> None:
    """Serve the store over the SPARQL 1.1 Protocol (read-only) at /sparql.

    For your own SPARQL client, YASGUI or a notebook. Results in SPARQL JSON,
    XML, CSV or TSV by the Accept header; updates are refused. Stop with Ctrl-C.
    """
    from .graph.server import make_server
    from .graph.store import Store

    with _store(ctx, read_only=True) as store:
        if not isinstance(store, Store):
            raise InspectkgError("`serve` publishes an embedded store; a SPARQL server or "
                                 "'memory:' store needs no second endpoint")
        try:
            server = make_server(store, host, port)
        except OSError as exc:
            raise InspectkgError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        bound_host, bound_port = server.server_address[:2]
        click.echo(f"SPARQL endpoint (read-only): http://{bound_host}:{bound_port}/sparql  (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped")
        finally:
            server.server_close()


def _judgement_line(j: dict[str, Any], judgements: list[dict[str, Any]]) -> str:
    """"area: grade"; an area judged under two services (2009-12) is named with its service."""
    twice = "parent" in j and sum(k["area"] == j["area"] for k in judgements) > 1
    return f"{j['area']} ({j['parent']}): {j['grade']}" if twice else f"{j['area']}: {j['grade']}"


def _authority_iri(name: str | None) -> Any:
    from .graph import iris
    from .reports.authorities import lookup

    if name is None:
        return None
    try:
        return iris.authority(lookup(name).gss)
    except ValueError as exc:
        raise click.BadParameter(f"{name!r}: {exc}", param_hint="'--authority'") from None


def _document_filter(authorities: tuple[str, ...], kinds: tuple[str, ...], since: str | None,
                     until: str | None) -> DocumentFilter:
    """The options of `reports`, checked: the same authority names and dates `export` takes,
    and kinds from the vocabulary of document kinds."""
    from .export.filters import make_filters
    from .graph.queries import check_notation

    for kind in kinds:
        try:
            check_notation("kind", kind)
        except ValueError as exc:
            raise click.BadParameter(f"{kind!r}: {exc}", param_hint="'--kind'") from None
    dated = make_filters(authorities, since, until)
    return DocumentFilter(frozenset(str(a) for a in dated.authorities), frozenset(kinds), dated.since, dated.until)


def _check_authorities_stored(store: GraphStore, authorities: tuple[str, ...]) -> None:
    """An authority the store holds nothing about is an error, as `trace` and `export` say it:
    "no documents match" would read as a filter too narrow."""
    from .followup.trace import stored_authorities

    present = stored_authorities(store)
    for name in authorities:
        if _authority_iri(name) not in present:
            raise InspectkgError(f"--authority {name}: the store holds no documents about this authority "
                                 "(`inspectkg reports` lists what it holds)")


def _point_authority(store: GraphStore, point: str) -> Any:
    from .followup.trace import point_authority
    from .graph.queries import Param, QueryError, to_term

    try:
        iri = to_term(Param("point", "iri", "", ""), point)
    except QueryError:  # not an IRI: not a point of the store either
        return None
    return point_authority(store, iri)  # type: ignore[arg-type]


@main.command("trace")
@click.argument("point", required=False)
@click.option("--authority", "authorities", multiple=True, metavar="NAME",
              help="Only this authority (name or GSS code; repeatable).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(CURRENT_STATUSES),
              help="Only points with this current status (repeatable).")
@click.option("--since", metavar="DATE",
              help="Only points raised in documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Only points raised in documents dated on or before DATE.")
@click.option("--theme", "themes", multiple=True, metavar="NOTATION",
              help="Only points tagged with this practice theme or a narrower one (repeatable).")
@click.option("--curations", type=click.Path(dir_okay=False, path_type=Path),
              help="Apply an analyst's curation file to the output (see `inspectkg curate`).")
@click.option("--nearest", type=click.IntRange(0, 50), default=0, show_default=True, metavar="N",
              help="For review: under each verdict, N sentences of the later document close to the "
                   "point that the method did not cite (shown, never used as evidence).")
@format_option("table", "json", "markdown", "csv")
@click.pass_context
@handle_errors
def trace_cmd(ctx: click.Context, point: str | None, authorities: tuple[str, ...], statuses: tuple[str, ...],
              since: str | None, until: str | None, themes: tuple[str, ...], curations: Path | None,
              nearest: int, fmt: str) -> None:
    """Follow improvement points through every later inspection.

    For each point (all, one POINT IRI, or those the options keep): its
    verdict in each later inspectorate document with the quoted evidence
    sentences, its current status, recurrences, regressions and secondary
    claims. The automatic follow-up is also stored, for SPARQL. Without
    --curations the output is purely automatic.

    --format csv writes a review sheet: a row per verdict in the columns of a
    curation file, the decision left blank for an analyst to fill in and give
    to `inspectkg curate`.

    --nearest N shows, under each verdict, N sentences of the later document
    close to the point that the method did not cite (the best by its score
    and the best by word overlap, in turn): where to look first for a
    sentence it missed.

    Exit code 2 for bad input (an unknown authority or theme, a bad date, an
    authority the store holds nothing about, a point not in the store).
    """
    from .export.filters import make_filters
    from .followup.curation import apply_curations, read_curations
    from .followup.present import as_markdown, as_table
    from .followup.select import TrailFilter
    from .followup.trace import run_followup, stale_authorities, trail_dict

    # Every option is checked before the store is opened: a typo costs no trace of the country.
    scope = {_authority_iri(name) for name in authorities} or None
    dated = make_filters((), since, until)
    keep = TrailFilter.checked(frozenset(statuses), dated.since, dated.until, themes)
    rows = read_curations(curations) if curations else None
    # Read-only while the stored follow-up is current: then nothing is written, and
    # `trace` runs beside `serve` and queries, which hold the store's shared lock.
    with _store(ctx, read_only=True) as store:
        if point and scope is None:
            # One point's trail needs only its own authority traced, not the country.
            owner = _point_authority(store, point)
            if owner is None:
                raise click.BadParameter(f"no improvement point {point!r} in the store", param_hint="POINT")
            scope = {owner}
        if authorities:
            _check_authorities_stored(store, authorities)
        stale = stale_authorities(store)
        current = not stale if scope is None else not stale & set(scope)
        # Tracing a national store takes minutes: a progress line on a terminal.
        progress = Progress(enabled=sys.stderr.isatty(), unit="authorities", label="following up")
        if current:
            result = run_followup(store, scope, stale=stale, on_authority=progress.reached)
    if not current:
        with _store(ctx) as store:
            result = run_followup(store, scope, on_authority=progress.reached)
    progress.clear()
    trails = result.trails
    if rows is not None:
        outcome = apply_curations(trails, rows)
        for c, why in outcome.stale:
            click.echo(f"stale curation ({curations}, line {c.line}): {why}: {c.point}", err=True)
    if point:
        trails = [t for t in trails if t.point.iri == point]
        if not trails:
            raise click.BadParameter(f"no improvement point {point!r} in the store", param_hint="POINT")
    trails = [t for t in trails if keep.keeps(t)]
    items = [trail_dict(t) for t in trails]
    if nearest:
        from .followup.nearest import nearest_sentences, with_nearest

        with_nearest(items, nearest_sentences(trails, result.documents, nearest))
    if fmt == "json":
        click.echo(json.dumps(items, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        from .followup.review import as_review_csv

        click.echo(as_review_csv(items, rows), nl=False)
    elif fmt == "markdown":
        click.echo(as_markdown(items))
    else:
        click.echo(as_table(items))


@main.command("curate")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
@handle_errors
def curate_cmd(ctx: click.Context, file: Path) -> None:
    """Store an analyst's curation file: confirmed, corrected or rejected verdicts.

    FILE is a CSV (columns: point, document, action, verdict,
    evidence_paragraph, point_text, analyst, date, reason). Curated verdicts
    are stored beside the automatic ones, which are kept. Rows that no longer
    match (the point or paragraph changed) are reported as stale; exit code 1.
    """
    from .followup.curation import store_curations

    with _store(ctx) as store:
        outcome = store_curations(store, file)
    click.echo(f"{len(outcome.applied)} curations applied, {len(outcome.stale)} stale.")
    for c, why in outcome.stale:
        click.echo(f"stale: line {c.line}: {why}: {c.point}", err=True)
    if outcome.stale:
        sys.exit(EXIT_PROBLEM)


from .export.command import export_cmd  # noqa: E402

main.add_command(export_cmd)

if __name__ == "__main__":  # pragma: no cover
    main()
