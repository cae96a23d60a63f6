"""The `transcheck` command (click): parses options, drives the engine, calls a reporter."""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
import signal
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

import click

from transcheck import __version__
from transcheck.atomic import Replacement, replacing
from transcheck.config import LANGUAGES
from transcheck.diagnostics import Severity
from transcheck.errors import FatalError, TranscheckError
from transcheck.inputs import STDIN, NothingFound, Skipped, Source, discover
from transcheck.progress import Progress
from transcheck.records import Record
from transcheck.reporters import FileResult, ReporterFactory, Run, escaped, printable
from transcheck.reporters.builtin import FORMATS

if TYPE_CHECKING:
    from transcheck.baseline import Allowance
    from transcheck.engine import Engine
    from transcheck.examples import Example

# The engine, its plugins and the runner are imported by the commands that use them:
# `transcheck --version` and `--help` need none of them.

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_GROUP_OPTIONS = ("--help", "--version", "-V")


class _DefaultToCheck(click.Group):
    """`transcheck PATH...` means `transcheck check PATH...`, as `ruff` means `ruff check`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0][:1] != "-" and args[0] not in self.commands \
                and not os.path.exists(args[0]):  # (no error for a path it cannot enter)
            # `transcheck rulez` is a mistyped command more likely than a missing file.
            import difflib

            close = difflib.get_close_matches(args[0], list(self.commands), n=1, cutoff=0.6)
            if close:
                _error(f"{args[0]}: no such file or directory, nor command; "
                       f"did you mean `transcheck {close[0]}`?")
                ctx.exit(EXIT_ERROR)
        if not args or (args[0] not in self.commands and args[0] not in _GROUP_OPTIONS):
            args.insert(0, "check")
        return super().parse_args(ctx, args)


def _split(values: Sequence[str]) -> list[str] | None:
    """`--select A,B --select C` → ["A", "B", "C"]; nothing given → None."""
    items = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return items or None


# Whether standard error's "error:" and "warning:" are coloured (`check --color`).
_stderr_color = False


def _error(message: str) -> None:
    # Messages name files: their names are escaped as in every output format.
    label = click.style("error", fg="red", bold=True) if _stderr_color else "error"
    click.echo(f"transcheck: {label}: {escaped(message)}", err=True,
               color=_stderr_color or None)


def _warning(message: str) -> None:
    label = click.style("warning", fg="yellow", bold=True) if _stderr_color else "warning"
    click.echo(f"transcheck: {label}: {escaped(message)}", err=True,
               color=_stderr_color or None)


def _colored(choice: str, stream: TextIO) -> bool:
    """`--color`: always, never, or auto: on a terminal unless NO_COLOR is set (no-color.org)."""
    if choice != "auto":
        return choice == "always"
    return not os.environ.get("NO_COLOR") and stream.isatty()


def _config_options(func: F) -> F:
    """Options that shape which rules exist: shared by `check`, `rules` and `explain`."""
    decorators = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
                     help="Read settings from this TOML file instead of searching for one."),
        click.option("--rules-dir", "rules_dirs", multiple=True,
                     type=click.Path(path_type=Path),
                     help="Also load rule packs from this directory (repeatable)."),
        click.option("--source-lang", help="Language the text was translated from, e.g. de."),
        click.option("--lang", "language", type=click.Choice(LANGUAGES),
                     help="Variety of English the text should follow (default en-US)."),
        _version_option(),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def run() -> NoReturn:
    """The `transcheck` command: `main`, then an exit that skips the interpreter's
    teardown. A run over a large document holds millions of objects, and freeing them
    one by one at exit costs a tenth of the run (mypy exits the same way for the same
    reason). Work that must end first ends before `main` returns: servers are stopped,
    worker pools shut down, files written and closed."""
    try:
        main()
        status = EXIT_OK
    except SystemExit as exc:
        if isinstance(exc.code, str):
            click.echo(exc.code, err=True)
        status = exc.code if isinstance(exc.code, int) else EXIT_ERROR if exc.code else EXIT_OK
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to flush to
            stream.flush()
    os._exit(status)


def _version_option() -> Callable[[F], F]:
    return click.version_option(__version__, "--version", "-V", prog_name="transcheck")


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@_version_option()
def main() -> None:
    """Find machine-translation artifacts in English text.

    \b
    transcheck [OPTIONS] PATH...    check files (`transcheck check --help`)
    transcheck rules                list the rules
    transcheck explain CODE         explain one rule
    transcheck corpus SHARD... --out DIR   check a corpus in shards (JSON Lines, Parquet)
    transcheck lsp                  the language server, for editors
    """


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes (TC1) or names.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selection.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--output-format", "--format", "output_format", default="text", show_default=True,
              help=f"Output format: {', '.join(FORMATS)}, or one a plugin adds.")
@click.option("--output", "-o", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the findings to this file (replaced in one step), not to stdout.")
@click.option("--fail-on", type=click.Choice([s.value for s in Severity]),
              help="Exit 1 only for findings of this severity or higher (default: any).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print how often each rule fired instead.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary, no warnings.")
@click.option("--include", multiple=True,
              help="Globs of files to check inside directories, instead of the readers' "
                   "suffixes (*.txt, *.md, *.markdown).")
@click.option("--extend-include", multiple=True,
              help="Globs of files to check inside directories, besides the included ones.")
@click.option("--exclude", multiple=True,
              help="Globs of files and directories to skip inside directories, instead of "
                   "the usual ones (.git, .venv, node_modules, build, ...).")
@click.option("--extend-exclude", multiple=True,
              help="Globs of files and directories to skip, besides the excluded ones.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None,
              help="Skip what git ignores (.gitignore, .git/info/exclude) inside "
                   "directories [default: respect].")
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="Files to check at once, in separate processes (default: all cores).")
@click.option("--languagetool", is_flag=True, default=None,
              help="Also run LanguageTool, on a local server (needs Java).")
@click.option("--languagetool-url", metavar="URL",
              help="Also run LanguageTool, on the server at URL.")
@click.option("--languagetool-optional", is_flag=True, default=None,
              help="If LanguageTool fails, warn and go on without it.")
@click.option("--fix", is_flag=True,
              help="Apply the safe fixes, then report what is left (stdin: print the fixed text).")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a diff; change nothing.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff, also the fixes that may change what the text says "
                   "(such as deleting a repeated sentence); `explain` tells which.")
@click.option("--max-stdin-mb", type=int, metavar="MB",
              help="Refuse standard input longer than this (default 256).")
@click.option("--stdin-filename", metavar="NAME",
              help="Name standard input (-): picks its reader (.md, .html), names it in output.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only the findings that this baseline file does not record.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record every current finding in this baseline file, and exit 0.")
@click.option("--show-settings", is_flag=True,
              help="Print the settings a check of PATH would use, and the file they come "
                   "from, then exit.")
@click.option("--source", "source_file", type=click.Path(dir_okay=False, exists=True),
              help="The text PATH translates (one PATH): each paragraph is checked against "
                   "its source.")
@click.option("--glossary", type=click.Path(dir_okay=False, exists=True),
              help="Terms to use and to avoid (CSV/TSV with source,target,forbidden; or TBX).")
@click.option("--include-empty", is_flag=True, default=None,
              help="Report units of bilingual files that have no translation (TC506).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True,
              help="Colour the text output: auto colours on a terminal unless NO_COLOR is set.")
@_config_options
def check(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    output_format: str,
    output_file: Path | None,
    fail_on: str | None,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    include: tuple[str, ...],
    extend_include: tuple[str, ...],
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    respect_gitignore: bool | None,
    jobs: int | None,
    languagetool: bool | None,
    languagetool_url: str | None,
    languagetool_optional: bool | None,
    fix: bool,
    diff: bool,
    unsafe_fixes: bool,
    max_stdin_mb: int | None,
    stdin_filename: str | None,
    baseline_file: Path | None,
    write_baseline: Path | None,
    show_settings: bool,
    source_file: str | None,
    glossary: str | None,
    include_empty: bool | None,
    color: str,
    config_file: Path | None,
    rules_dirs: tuple[Path, ...],
    source_lang: str | None,
    language: str | None,
) -> None:
    """Check PATH... (files, directories, or - for standard input)."""
    from transcheck.command import GC_THRESHOLDS
    from transcheck.factory import make_engine
    from transcheck.runner import default_jobs

    gc.set_threshold(*GC_THRESHOLDS)  # as `command.run` did: for a caller of `main`
    gate = _Gate(fix, diff, baseline_file, write_baseline, stdin_filename or STDIN,
                 unsafe_fixes=unsafe_fixes)
    global _stderr_color
    _stderr_color = _colored(color, sys.stderr)
    paths = paths or (".",)
    if source_file and len(paths) != 1:
        _error("--source pairs one translated file with its source: give one PATH")
        sys.exit(EXIT_ERROR)
    overrides = {
        "select": _split(select), "extend-select": _split(extend_select),
        "ignore": _split(ignore), "fail-on": fail_on, "include": _split(include),
        "extend-include": _split(extend_include), "exclude": _split(exclude),
        "extend-exclude": _split(extend_exclude), "respect-gitignore": respect_gitignore,
        "source-lang": source_lang, "language": language,
        "rules-dirs": [str(d) for d in rules_dirs] or None,
        "languagetool": languagetool, "languagetool-url": languagetool_url,
        "languagetool-optional": languagetool_optional, "include-empty": include_empty,
        "source-file": source_file, "glossary": glossary,
        "max-stdin-mb": max_stdin_mb,
    }
    try:
        # Standard input named with a path finds its configuration from there, as ruff's does.
        named = [stdin_filename if p == STDIN and stdin_filename else p for p in paths]
        engine = make_engine(paths=named, config_file=config_file, table=overrides)
    except TranscheckError as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    if show_settings:
        sys.exit(_show_settings(engine))
    # SIGHUP: not on Windows. The handlers before are restored (a caller's, in-process).
    signals = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {number: signal.signal(number, _terminate) for number in signals}
    try:
        with _report_file(output_file) as output:
            status = _run(engine, paths, output_format, exit_zero, statistics, quiet,
                          jobs or default_jobs(), gate.replace(output=output),
                          color)
    except OSError as exc:
        if output_file is None:
            raise
        _error(f"{output_file}: cannot write the report: {exc.strerror or exc}")
        status = EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted")
        status = 130
    except _Terminated as exc:
        _error("terminated")
        status = 128 + exc.signal
    except FatalError as exc:
        _error(str(exc))
        status = EXIT_ERROR
    finally:
        engine.finish()
        for number, handler in before.items():
            signal.signal(number, handler)
    sys.exit(status)


class _Terminated(BaseException):
    """SIGTERM or SIGHUP: the run ends as after Ctrl-C, cleaning up on its way out (a
    fix's temporary file), instead of vanishing at once."""

    def __init__(self, signal: int) -> None:
        super().__init__(signal)
        self.signal = signal


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated(signum)


def _run(
    engine: Engine, paths: Sequence[str], output_format: str,
    exit_zero: bool, statistics: bool, quiet: bool, jobs: int = 1, gate: _Gate | None = None,
    color: str = "never",
) -> int:
    from transcheck.reporters.concise import ConciseReporter
    from transcheck.reporters.text import StatisticsReporter
    from transcheck.runner import check_paths

    gate = gate or _Gate()
    try:
        make: ReporterFactory = engine.output_formats[output_format]
    except KeyError:
        _error(f"unknown output format '{output_format}' "
               f"(choose from {', '.join(sorted(engine.output_formats))})")
        return EXIT_ERROR
    try:
        _ = engine.rules
        known = _known_findings(engine, gate)
    except TranscheckError as exc:
        _error(str(exc))
        return EXIT_ERROR
    if statistics:
        if output_format not in ("text", "json"):
            _error("--statistics prints text or json, not " + output_format)
            return EXIT_ERROR
        make = functools.partial(StatisticsReporter, as_json=output_format == "json")
    elif quiet and output_format == "text":
        make = ConciseReporter
    # With --fix, standard input's fixed text goes to stdout: the findings go beside it.
    fixed_stdin = gate.fix and STDIN in paths
    out = gate.output.stream if gate.output else sys.stderr if fixed_stdin else sys.stdout
    reporter = make(Run(engine.rules, __version__, _colored(color, out)), out)
    # A plugin's reporter written before Reporter.error leaves errors to standard error.
    report_error = getattr(reporter, "error", lambda message, path: None)
    threshold = engine.settings.fail_on
    failing = False

    def report(result: FileResult) -> None:
        nonlocal failing
        if known is not None:
            result = known.new_findings(result)
        reporter.file(result)
        failing = failing or any(threshold is None or d.severity.rank >= threshold.rank
                                 for d in result.diagnostics)

    # Files are reported as they are checked, unless fixes or a new baseline need them all.
    collect = gate.fix or gate.diff or gate.write_baseline is not None
    failed = False
    results: list[FileResult] = []
    empty: list[NothingFound] = []  # directories without a file to check
    found = False  # any file, checked or not
    untranslated = 0  # units of bilingual files without a translation
    progress, sizes = _file_progress(engine, paths, gate.stdin_name, quiet)
    for index, item in enumerate(check_paths(engine, paths, jobs, gate.stdin_name)):
        found = found or not isinstance(item, NothingFound)
        if isinstance(item, (TranscheckError, Skipped)):
            progress.close()  # the message gets a line of its own; the bar comes back
        if isinstance(item, TranscheckError):
            _error(str(item))
            report_error(str(item), item.path)
            failed = True
        elif isinstance(item, NothingFound):
            empty.append(item)
        elif isinstance(item, Skipped):
            if not quiet:
                _warning(f"{item.path}: {item.reason}")
        elif collect:
            untranslated += sum(u.empty for u in item.document.units)
            results.append(item)
        else:
            untranslated += sum(u.empty for u in item.document.units)
            if item.diagnostics:
                progress.close()  # the findings of a line format get lines of their own
            report(item)
        progress.advance(sizes[index] if index < len(sizes) else 0)
    progress.close()
    # A directory without texts among other paths is no reason to fail a CI job; a run
    # that found nothing at all to check is (a wrong path or glob).
    for item in empty:
        if not found:
            _error(f"{item.path}: {item.reason}")
            report_error(f"{item.path}: {item.reason}", None)
            failed = True
        elif not quiet:
            _warning(f"{item.path}: {item.reason}")
    for warning in [] if quiet else engine.warnings:
        _warning(warning)
    if untranslated and not quiet and not engine.settings.plugin_options.get("include-empty"):
        click.echo(f"transcheck: {untranslated} unit{'s' if untranslated != 1 else ''} without "
                   "a translation skipped (--include-empty reports them)", err=True)
    if collect:
        try:
            results, status = _through_gate(engine, results, gate, quiet)
        except TranscheckError as exc:
            _error(str(exc))
            return EXIT_ERROR
        if status is not None:
            return EXIT_ERROR if failed else status
        for result in results:
            report(result)
    if known is not None and known.unused and not quiet:
        unused = known.unused
        click.echo(f"transcheck: {unused} finding{'s' if unused != 1 else ''} of the baseline "
                   f"no longer occur{'s' if unused == 1 else ''}; --write-baseline updates it",
                   err=True)
    reporter.finish()
    if gate.output:
        gate.output.commit()
    if failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing and not exit_zero else EXIT_OK


def _file_progress(engine: Engine, paths: Sequence[str], stdin_name: str, quiet: bool
                   ) -> tuple[Progress, list[int]]:
    """A progress bar over the files `check_paths` yields, and their sizes in its order.

    Only on a terminal, and for more than one file or a megabyte: the files are then
    discovered a second time, which a run whose standard error is a pipe never pays.
    """
    off = Progress(0, 0, "files", enabled=False)
    if quiet or not sys.stderr.isatty():
        return off, []
    s = engine.settings
    items = list(discover(paths, engine.include, engine.exclude, stdin_name,
                          s.respect_gitignore))
    sizes = []
    for item in items:
        size = 0
        if isinstance(item, Source) and item.location is not None:
            with contextlib.suppress(OSError):  # reported when the file is read
                size = item.location.stat().st_size
        sizes.append(size)
    if len(items) < 2 and sum(sizes) < 1_000_000:
        return off, []
    return Progress(len(items), sum(sizes), "files", enabled=True), sizes


def _show_settings(engine: Engine) -> int:
    """`--show-settings`: where the settings come from, each key as TOML, the rules that run."""
    try:
        rules = engine.rules
    except TranscheckError as exc:
        _error(str(exc))
        return EXIT_ERROR
    s = engine.settings
    values: dict[str, Any] = {
        "select": s.select, "extend-select": s.extend_select, "ignore": s.ignore,
        "fail-on": s.fail_on.value if s.fail_on else None, "include": engine.include,
        "exclude": engine.exclude, "respect-gitignore": s.respect_gitignore,
        "per-file-ignores": s.per_file_ignores,
        "language": s.language, "source-lang": s.source_lang,
        "rules-dirs": [str(d) for d in s.rules_dirs], "rules": s.rule_options,
        **s.plugin_options,
    }
    click.echo(f"# Settings file: {s.config_file or 'none (defaults)'}")
    click.echo(f"# Root: {s.root}")
    for key, value in values.items():
        if value is None:
            click.echo(f"# {key}: not set")
        else:
            shown = list(value) if isinstance(value, tuple) else value
            click.echo(f"{key} = {json.dumps(shown, ensure_ascii=False, default=str)}")
    click.echo(f"# Rules that run ({len(rules)}):")
    for rule in rules:
        click.echo(f"#   {rule.code} {rule.name}")
    return EXIT_OK


class _Gate(Record):
    """What `check` does besides reporting: fix, diff, compare with or write a baseline."""

    FIELDS = ("fix", "diff", "baseline", "write_baseline", "stdin_name", "output",
              "unsafe_fixes")
    fix: bool
    diff: bool
    baseline: Path | None
    write_baseline: Path | None
    stdin_name: str
    output: Replacement | None  # --output's file, while the report is written
    unsafe_fixes: bool

    def __init__(self, fix: bool = False, diff: bool = False, baseline: Path | None = None,
                 write_baseline: Path | None = None, stdin_name: str = STDIN,
                 output: Replacement | None = None, unsafe_fixes: bool = False) -> None:
        self._set(fix=fix, diff=diff, baseline=baseline, write_baseline=write_baseline,
                  stdin_name=stdin_name, output=output, unsafe_fixes=unsafe_fixes)


def _report_file(path: Path | None) -> AbstractContextManager[Replacement | None]:
    """`--output`'s file being written (it replaces the old one once the report is
    complete), or None for standard output."""
    return replacing(path) if path is not None else contextlib.nullcontext()


def _known_findings(engine: Engine, gate: _Gate) -> Allowance | None:
    """The findings `--baseline` allows (not when writing a new baseline)."""
    if gate.baseline is None or gate.write_baseline is not None:
        return None
    # Imported here: most runs neither fix nor compare, and should not pay for it.
    from transcheck import baseline

    return baseline.Allowance(baseline.load(gate.baseline), engine.settings.root)


def _through_gate(
    engine: Engine, results: list[FileResult], gate: _Gate, quiet: bool
) -> tuple[list[FileResult], int | None]:
    """`results` fixed; an exit status if the run ends here (a diff, a new baseline)."""
    def note(message: str) -> None:
        if not quiet:
            click.echo(f"transcheck: {escaped(message)}", err=True)

    from transcheck import baseline, fixes

    if gate.fix or gate.diff:
        results, applied, errors = fixes.fix_files(
            engine, results, diff=sys.stdout if gate.diff else None,
            stdout=sys.stdout, unsafe=gate.unsafe_fixes)
        for error in errors:
            _error(str(error))
        if gate.diff:
            note(f"{applied} fix{'es' if applied != 1 else ''} would be applied")
            return results, EXIT_ERROR if errors else EXIT_FINDINGS if applied else EXIT_OK
        note(f"applied {applied} fix{'es' if applied != 1 else ''}")
        if errors:
            return results, EXIT_ERROR
    if gate.write_baseline:
        count = baseline.write(gate.write_baseline, results, engine.settings.root)
        note(f"wrote {count} finding{'s' if count != 1 else ''} to {gate.write_baseline}")
        return results, EXIT_OK
    return results, None


@main.command()
@click.argument("shards", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Directory for each shard's findings, summary and filtered rows.")
@click.option("--out-format", type=click.Choice(["parquet", "jsonl"]), default="parquet",
              show_default=True, help="Format of the findings and summaries.")
@click.option("--engine", "engine_name", type=click.Choice(["local", "dask"]), default="local",
              show_default=True,
              help="local: a pool of this machine's processes; dask: a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler to use (tcp://host:8786); default: a local cluster.")
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="Processes (local) or workers of a local cluster (default: all cores).")
@click.option("--max-score", type=click.FloatRange(min=0),
              help="Also write the rows whose artifact score is at most this "
                   "(<stem>.filtered.*).")
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes (TC1) or names.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selection.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--fail-on", type=click.Choice([s.value for s in Severity]),
              help="Exit 1 only for findings of this severity or higher (default: any).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, summary or warnings.")
@_config_options
def corpus(
    shards: tuple[str, ...], out_dir: Path, out_format: str, engine_name: str,
    scheduler: str | None, jobs: int | None, max_score: float | None,
    select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
    fail_on: str | None, quiet: bool, config_file: Path | None, rules_dirs: tuple[Path, ...],
    source_lang: str | None, language: str | None,
) -> None:
    """Check SHARD... (JSON Lines or Parquet files, directories or globs of them) of a
    corpus: a `text` column, optional `id`, `source`, `source_lang`, `lang`."""
    from transcheck import corpus as corpus_mode
    from transcheck.command import GC_THRESHOLDS
    from transcheck.factory import make_engine
    from transcheck.runner import default_jobs

    gc.set_threshold(*GC_THRESHOLDS)
    overrides = {
        "select": _split(select), "extend-select": _split(extend_select),
        "ignore": _split(ignore), "fail-on": fail_on, "source-lang": source_lang,
        "language": language, "rules-dirs": [str(d) for d in rules_dirs] or None,
    }
    try:
        engine = make_engine(config_file=config_file, table=overrides)
        _ = engine.rules  # a bad selection is reported before any shard is read
        status = corpus_mode.run(
            shards, out_dir, engine.settings, out_format=out_format, engine=engine_name,
            scheduler=scheduler, jobs=jobs or default_jobs(), max_score=max_score,
            quiet=quiet, error=_error, note=lambda m: click.echo(f"transcheck: {m}", err=True))
    except TranscheckError as exc:
        _error(str(exc))
        status = EXIT_ERROR
    sys.exit(status)


@main.command()
def lsp() -> None:
    """Run the language server (LSP) on standard input and output, for editors."""
    try:
        from transcheck.lsp import serve
    except ModuleNotFoundError as exc:
        if exc.name not in ("pygls", "lsprotocol"):
            raise
        _error("the language server needs pygls: pip install 'transcheck[lsp]'")
        sys.exit(EXIT_ERROR)
    serve()


@main.command("rules")
@click.option("--output-format", "--format", "output_format",
              type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: the table the README shows.")
@click.option("--select", multiple=True,
              help="Only these rules: codes, code prefixes (TC2) or names; comma-separated.")
@_config_options
def list_rules(
    output_format: str, select: tuple[str, ...], config_file: Path | None,
    rules_dirs: tuple[Path, ...], source_lang: str | None, language: str | None,
) -> None:
    """List every rule: code, name, severity, `fix` if it has safe fixes, `off` if it is off
    by default, summary and the source languages it is about; --format json adds the MQM
    category."""
    from transcheck.selection import is_enabled

    engine = _engine_or_exit(config_file, rules_dirs, source_lang, language)
    chosen = _split(select)
    rows = [_rule_info(rule) for rule in engine.all_rules
            if chosen is None or is_enabled(rule, chosen, (), ())]
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if output_format == "markdown":
        click.echo(rules_table(rows))
        return
    width = max((len(r["name"]) for r in rows), default=4)
    for row in rows:
        fix = ("fix!" if row["unsafe_fix"] else "fix") if row["fixable"] else ""
        flags = f"{fix:<4}" + (" " if row["default"] else " off")
        sources = f" [from {', '.join(row['source_languages'])}]" if row["source_languages"] else ""
        click.echo(f"{row['code']:<7} {row['name']:<{width}} {row['severity']:<7} "
                   f"{flags:<8} {row['summary']}{sources}")


def rules_table(rows: Sequence[dict[str, Any]]) -> str:
    """The rules as the Markdown table of the README."""
    lines = ["| code | name | severity | fix | what it finds |", "| --- | --- | --- | --- | --- |"]
    for row in rows:
        what = row["summary"].replace("|", "\\|")
        if row["source_languages"]:
            what += f" Translations from: {', '.join(row['source_languages'])}."
        if not row["default"]:
            what += " Off by default."
        lines.append(f"| {row['code']} | {row['name']} | {row['severity']} | "
                     f"{'yes' if row['fixable'] else '–'} | {what} |")
    return "\n".join(lines)


@main.command()
@click.argument("rule")
@_config_options
def explain(
    rule: str, config_file: Path | None, rules_dirs: tuple[Path, ...],
    source_lang: str | None, language: str | None,
) -> None:
    """Explain RULE (a code such as TC101, or a name)."""
    engine = _engine_or_exit(config_file, rules_dirs, source_lang, language)
    found = engine.find_rule(rule)
    if found is None:
        # A code only a bridge plugin knows, such as one LanguageTool rule (`LT-EN_A_VS_AN`).
        foreign = engine.pm.hook.transcheck_explain(code=rule, settings=engine.settings)
        if foreign is None:
            _error(f"unknown rule '{rule}' (see `transcheck rules`)")
            sys.exit(EXIT_ERROR)
        # It comes from a project's cache, which anyone may have written: no controls.
        click.echo("\n".join(map(printable, foreign.strip().splitlines())))
        return
    info = _rule_info(found)
    sources = ", ".join(info["source_languages"]) or "any"
    click.echo(f"# {found.code} {found.name}\n")
    click.echo(f"{found.summary}\n")
    click.echo(f"Severity: {info['severity']}. Category (MQM): {found.category}. "
               f"Fix: {_fix_safety(found)}. "
               f"Enabled by default: {'yes' if found.default_enabled else 'no'}. "
               f"Source languages: {sources}.\n")
    click.echo(found.explanation.strip())
    more = _more_examples(found)
    if more:
        click.echo(f"\n{more}")


def _more_examples(rule: Any, limit: int = 5) -> str:
    """The rule's other examples (`transcheck.examples`), flagged spans in ⟦ ⟧."""
    from transcheck.examples import examples_of

    def shown(example: Example) -> str:
        text = example.marked.replace("<marker>", "⟦").replace("</marker>", "⟧")
        if example.source is not None:  # a pair per paragraph
            text = "  ...  ".join(f"{source}  →  {target}" for source, target in zip(
                example.source.split("\n\n"), text.split("\n\n"), strict=False))
        return "- " + text.strip().replace("\n", "\n  ")

    examples = examples_of(rule)
    flagged = [e for e in examples if e.flagged][1:limit + 1]
    accepted = [e for e in examples if not e.flagged][:limit]
    parts = ["## More examples"] if flagged or accepted else []
    if flagged:
        parts += ["Reported:", *map(shown, flagged)]
    if accepted:
        parts += ["Not reported:", *map(shown, accepted)]
    return "\n".join(parts)


def _engine_or_exit(
    config_file: Path | None, rules_dirs: tuple[Path, ...],
    source_lang: str | None, language: str | None,
) -> Engine:
    from transcheck.factory import make_engine

    overrides = {"source-lang": source_lang, "language": language,
                 "rules-dirs": [str(d) for d in rules_dirs] or None}
    try:
        engine = make_engine(config_file=config_file, table=overrides)
        _ = engine.all_rules
    except TranscheckError as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    return engine


def _fix_safety(rule: Any) -> str:
    if not rule.fixable:
        return "none"
    if rule.unsafe_fix:
        return ("unsafe, applied only with --fix --unsafe-fixes (it may change what the "
                "text says)")
    return "safe, applied by --fix"


def _rule_info(rule: Any) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "category": rule.category,
        "summary": rule.summary,
        "fixable": rule.fixable,
        "unsafe_fix": rule.fixable and rule.unsafe_fix,
        "default": rule.default_enabled,
        "source_languages": sorted(rule.source_languages),
    }
