"""The ``claimcheck`` command: a thin layer over :func:`claimcheck.compare` and the renderers.

Exit codes: 0 success; 1 when ``--fail-on`` types were found; 2 bad input or usage
(one line on stderr, no traceback unless ``--debug``); 70 an internal error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from importlib import resources
from typing import TYPE_CHECKING, NoReturn, Optional, Sequence, TextIO

from .errors import ClaimcheckError

if TYPE_CHECKING:  # pragma: no cover
    from .report import Report

EXAMPLES = """examples:
  claimcheck report seeds/                      compare the articles in a folder
  claimcheck report a.txt b.txt --format json -o report.json
  cat article.txt | claimcheck report - other.txt
  claimcheck report seeds/ --fail-on quantity,referent   exit 1 if such discrepancies exist
  claimcheck claims seeds/                      list the claims found in each source
  claimcheck schema                             print the JSON Schema of the report
"""

EXIT_OK, EXIT_FOUND, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 70


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

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH",
                       help="files, folders, manifests (sources.toml), JSONL, or - for stdin")
        p.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
        p.add_argument("--max-bytes", type=int, default=None, metavar="N", help="refuse inputs larger than N bytes")
        p.add_argument("--threshold", type=float, default=None, help="alignment threshold in [0, 1]")
        p.add_argument("--debug", action="store_true", help="show a traceback on errors")

    types = ", ".join(t.value for t in DiscrepancyType)
    report = sub.add_parser("report", help="write a discrepancy report", epilog=EXAMPLES,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    common(report)
    report.add_argument("-f", "--format", choices=sorted(FORMATS), default="text")
    report.add_argument("--fail-on", metavar="TYPE[,TYPE]", default="",
                        help=f"exit 1 when discrepancies of these types exist ({types}, or 'any')")
    claims = sub.add_parser("claims", help="list the claims found in each source")
    common(claims)
    claims.add_argument("-f", "--format", choices=["text", "json"], default="text")
    schema = sub.add_parser("schema", help="print the JSON Schema of the report")
    schema.add_argument("-o", "--output", metavar="FILE")
    schema.add_argument("--debug", action="store_true")
    return parser


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
    if args.command == "schema":
        text = resources.files("claimcheck").joinpath("schema/report.schema.json").read_text(encoding="utf-8")
        _emit(text, args.output)
        return EXIT_OK

    from .errors import InputError
    from .load import DEFAULT_MAX_BYTES, load
    from .pipeline import compare

    fail_on = _fail_on(getattr(args, "fail_on", ""))
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        raise InputError(f"--threshold must be between 0 and 1 (got {args.threshold})")
    sources = load(args.paths, max_bytes=args.max_bytes or DEFAULT_MAX_BYTES)
    if len(sources) < 2:
        print(f"claimcheck: only one source ({sources[0].id}): nothing to compare; give two or more",
              file=sys.stderr)
    kwargs = {} if args.threshold is None else {"threshold": args.threshold}
    report = compare(sources, **kwargs)
    if args.command == "claims":
        _emit(_claims(report, args.format), args.output)
        return EXIT_OK
    from .render import render

    _emit(render(report, args.format), args.output)
    if fail_on and any(d.type.value in fail_on or "any" in fail_on for d in report.discrepancies):
        return EXIT_FOUND
    return EXIT_OK


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
    return tabulate(rows, ["claim", "kind", "span", "speaker", "text"], tablefmt="simple") + "\n"


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
