"""The ``claimcheck`` command: a thin layer over :func:`claimcheck.compare` and the renderers.

Exit codes: 0 success; 1 when ``--fail-on`` types were found; 2 bad input or usage
(one line on stderr, no traceback unless ``--debug``); 70 an internal error.

Colour only when stdout is a terminal, ``NO_COLOR`` is unset or empty, ``TERM`` is not
``dumb`` and ``--no-color`` is not given; never in files. A progress bar (tqdm, on
stderr) appears only when stderr is a terminal and there are :data:`PROGRESS_MIN` or
more sources: pipes and logs stay clean.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from importlib import resources
from typing import TYPE_CHECKING, Callable, Iterator, NoReturn, Optional, Sequence, TextIO

from .errors import ClaimcheckError

if TYPE_CHECKING:  # pragma: no cover
    from .model import Source
    from .report import Report

EXAMPLES = """examples:
  claimcheck report seeds/                      compare the articles in a folder
  claimcheck report a.txt b.txt --format json -o report.json
  cat article.txt | claimcheck report - other.txt
  claimcheck report seeds/ --fail-on quantity,referent   exit 1 if such discrepancies exist
  claimcheck report seeds/ -f html -o report.html
                                                one self-contained page: the sources side by side
  claimcheck report seeds/ -f csv > found.csv   one row per discrepancy value
  claimcheck claims seeds/                      list the claims found in each source
  claimcheck quotes seeds/                      quotes 2+ sources carry: speaker, sources, fidelity
  claimcheck diff old.txt new.txt               what two sources share and where they differ
  claimcheck schema                             print the JSON Schema of the report
"""

EXIT_OK, EXIT_FOUND, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 70
#: Fewest sources for which a progress bar is worth showing (on a terminal only).
PROGRESS_MIN = 8


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    from .model import DiscrepancyType
    from .render import FORMATS

    parser = _Parser(prog="claimcheck", description="Compare news articles about one story, claim by claim.",
                     epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(p: argparse.ArgumentParser, *, pair: bool = False) -> None:
        if pair:  # diff A B
            p.add_argument("a", metavar="A", help="the first source: a file, or - for stdin")
            p.add_argument("b", metavar="B", help="the second source")
        else:
            p.add_argument("paths", nargs="+", metavar="PATH",
                           help="files, folders, manifests (sources.toml), JSONL, or - for stdin")
        p.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
        p.add_argument("--max-bytes", type=int, default=None, metavar="N", help="refuse inputs larger than N bytes (default 2,000,000; timings in docs/robustness.md)")
        p.add_argument("--threshold", type=float, default=None, help="alignment threshold in [0, 1]")
        p.add_argument("--semantic", action=argparse.BooleanOptionalAction, default=False,
                       help="add sentence embeddings to alignment (needs the claimcheck[semantic] extra)")
        p.add_argument("--debug", action="store_true", help="show a traceback on errors")
        p.add_argument("--no-color", action="store_true", help="no ANSI colour (also: NO_COLOR=1 in the environment)")
        p.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")

    types = ", ".join(t.value for t in DiscrepancyType)
    report = sub.add_parser("report", help="write a discrepancy report", epilog=EXAMPLES,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    common(report)
    report.add_argument("-f", "--format", choices=sorted(FORMATS), help=_FORMAT_HELP)
    report.add_argument("--fail-on", metavar="TYPE[,TYPE]", default="",
                        help=f"exit 1 when discrepancies of these types exist ({types}, or 'any')")
    claims = sub.add_parser("claims", help="list the claims found in each source")
    common(claims)
    claims.add_argument("-f", "--format", choices=["text", "json"], help=_FORMAT_HELP)
    quotes = sub.add_parser("quotes", help="list quotes, their speakers, sources and fidelity", epilog=EXAMPLES,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    common(quotes)
    quotes.add_argument("-f", "--format", choices=["text", "json"], help=_FORMAT_HELP)
    quotes.add_argument("--all", action="store_true", help="also list quotes only one source carries")
    diff = sub.add_parser("diff", help="compare two sources: shared claims and discrepancies", epilog=EXAMPLES,
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    common(diff, pair=True)
    diff.add_argument("-f", "--format", choices=sorted(FORMATS),
                      help="text: the two sources claim by claim; other formats: the full two-source report "
                           "(default: " + _FORMAT_HELP.split("(default: ", 1)[1])
    schema = sub.add_parser("schema", help="print the JSON Schema of the report")
    schema.add_argument("-o", "--output", metavar="FILE")
    schema.add_argument("--debug", action="store_true")
    from .batch import add_parser as add_batch_parser  # claimcheck batch (batch.py owns it)

    add_batch_parser(sub)
    return parser


#: Formats read from the output file's suffix when --format is not given.
_SUFFIX_FORMATS = {".json": "json", ".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown",
                   ".csv": "csv", ".txt": "text"}
_FORMAT_HELP = "(default: from the -o file's suffix: .json, .html, .md, .csv, .txt; else text)"


def output_format(fmt: Optional[str], output: Optional[str], allowed: Sequence[str]) -> str:
    """The format asked for, else the one the output file's suffix names, else text.

    ``-o report.json`` writes JSON: a file named for one format never holds another.

    >>> output_format(None, "out/report.HTML", ["html", "text"]), output_format("text", "r.json", ["json", "text"])
    ('html', 'text')
    >>> output_format(None, "report.html", ["json", "text"])
    'text'
    """
    if fmt is not None:
        return fmt
    guess = _SUFFIX_FORMATS.get(os.path.splitext(output or "")[1].lower()) if output and output != "-" else None
    return guess if guess is not None and guess in allowed else "text"


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    try:
        return _run(args)
    except ClaimcheckError as exc:
        if args.debug:
            raise
        print(f"claimcheck: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, no traceback
        if args.debug:
            raise
        msg = " ".join(str(exc).split())[:300]
        print(f"claimcheck: internal error: {type(exc).__name__}: {msg} (rerun with --debug and report it)",
              file=sys.stderr)
        return EXIT_INTERNAL


def _run(args: argparse.Namespace) -> int:
    if args.command == "batch":
        from .batch import run as run_batch

        return run_batch(args)
    if args.command == "schema":
        text = resources.files("claimcheck").joinpath("schema/report.schema.json").read_text(encoding="utf-8")
        _emit(text, args.output)
        return EXIT_OK

    from .errors import InputError
    from .load import DEFAULT_MAX_BYTES, load
    from .pipeline import compare

    fail_on = _fail_on(getattr(args, "fail_on", ""))
    from .render import FORMATS

    allowed = ["text", "json"] if args.command in ("claims", "quotes") else sorted(FORMATS)
    args.format = output_format(args.format, args.output, allowed)
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        raise InputError(f"--threshold must be between 0 and 1 (got {args.threshold})")
    max_bytes = args.max_bytes or DEFAULT_MAX_BYTES
    if args.command == "diff":
        sources = _two_sources([args.a, args.b], max_bytes)
    else:
        sources = load(args.paths, max_bytes=max_bytes)
    if len(sources) < 2:
        print(f"claimcheck: only one source ({sources[0].id}): nothing to compare; give two or more",
              file=sys.stderr)
    kwargs = {} if args.threshold is None else {"threshold": args.threshold}
    kwargs["semantic"] = args.semantic
    with _progress(0 if args.no_progress else len(sources)) as step:
        report = compare(sources, progress=step, **kwargs)
    color = _color(args)
    if args.command == "claims":
        _emit(_claims(report, args.format), args.output)
        return EXIT_OK
    from .render import render

    if args.command == "quotes":
        from .views import quotes_json, quotes_text

        view = quotes_json if args.format == "json" else quotes_text
        _emit(view(report, all_quotes=args.all, color=color), args.output)
        return EXIT_OK
    if args.command == "diff" and args.format == "text":
        from .views import diff_text

        _emit(diff_text(report, a=sources[0].id, b=sources[1].id, color=color), args.output)
        return EXIT_OK
    _emit(render(report, args.format, color=color), args.output)
    if fail_on and any(d.type.value in fail_on or "any" in fail_on for d in report.discrepancies):
        return EXIT_FOUND
    return EXIT_OK


def _color(args: argparse.Namespace) -> bool:
    """ANSI colour only for a terminal, never with NO_COLOR (https://no-color.org) or into a file."""
    if args.no_color or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if args.output and args.output != "-":
        return False
    return sys.stdout.isatty()


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Optional[Callable[[str], None]]]:
    """A tqdm bar on stderr for :func:`compare`'s steps (one per source, then alignment),
    only when stderr is a terminal and there are enough sources to wait for."""
    if total < PROGRESS_MIN or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(total=total + 1, file=sys.stderr, unit="step", leave=False, dynamic_ncols=True)
    started = [False]

    def step(name: str) -> None:
        if started[0]:
            bar.update(1)
        started[0] = True
        bar.set_description_str(name[:40])

    try:
        yield step
    finally:
        bar.close()


def _two_sources(paths: Sequence[str], max_bytes: int) -> list[Source]:
    """``diff A B``: exactly one source from each path; ids made distinct if they clash."""
    import attrs

    from .errors import InputError
    from .load import load

    if len(paths) != 2:
        raise InputError(f"diff takes two sources, A and B (got {len(paths)} paths)")
    pair = []
    for path in paths:
        found = load([path], max_bytes=max_bytes)
        if len(found) != 1:
            raise InputError(f"{path}: diff needs one source per path, this gives {len(found)}")
        pair.append(found[0])
    a, b = pair
    if a.id == b.id:  # e.g. old/story.txt and new/story.txt: tell them apart by path
        a, b = (attrs.evolve(s, id=f"{tag}:{s.id}", notes=[attrs.evolve(n, source=f"{tag}:{s.id}") for n in s.notes])
                for tag, s in (("A", a), ("B", b)))
    return [a, b]


def _fail_on(value: str) -> set[str]:
    from .errors import InputError
    from .model import DiscrepancyType

    wanted = {v.strip() for v in value.split(",") if v.strip()}
    known = {t.value for t in DiscrepancyType} | {"any"}
    unknown = sorted(wanted - known)
    if unknown:
        raise InputError(f"--fail-on: unknown type(s) {', '.join(unknown)}; choose from {', '.join(sorted(known))}")
    return wanted


def _claims(report: Report, fmt: str) -> str:
    from tabulate import tabulate

    if fmt == "json":
        data = {"claims": report.to_dict()["claims"]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    rows = [[c.id, c.kind.value, f"[{c.start}:{c.end}]", c.speaker.name if c.speaker else "",
             " ".join(c.text.split())[:100]] for c in report.claims]
    # every column is text: a claim reading "48." must not print as the number 48
    return tabulate(rows, ["claim", "kind", "span", "speaker", "text"], tablefmt="simple", disable_numparse=True) + "\n"


def _emit(text: str, output: Optional[str], stdout: Optional[TextIO] = None) -> None:
    """Write to stdout, or atomically to ``output``: a temporary file renamed into place,
    so a failure never leaves a partial report."""
    if not output or output == "-":
        (stdout or sys.stdout).write(text)
        return
    directory = os.path.dirname(os.path.abspath(output))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".claimcheck-", dir=directory)
    except OSError as exc:
        from .errors import SourceError

        raise SourceError(f"cannot write output ({exc.strerror or exc})", path=output) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, output)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
