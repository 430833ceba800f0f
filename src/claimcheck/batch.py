"""Batch: compare every story of a corpus, one JSON line in, one JSON line out.

Input is JSONL, one story per line: ``{"id": ..., "sources": [{"id", "text", "title"?,
"outlet"?, "url"?, "published"?}, ...]}`` (each source as the JSONL loader takes it).
Output is JSONL, one record per story, in input order: ``{"id", "report"}`` where
``report`` is exactly ``compare(sources).to_dict()``, or ``{"id", "error": {"type",
"message"}}`` when the story cannot be compared (the other stories go on).

The run streams: a bounded window of stories is in flight, so memory does not grow
with the size of the corpus. It resumes: stories whose id is already in the output are
skipped, and a half-written last line (a crash mid-write) is cut off first. Engines: a
local process pool over all cores (default), or a Dask cluster (``claimcheck[dask]``).

>>> import json
>>> line = json.dumps({"id": "s1", "sources": [
...     {"id": "a", "text": "At least 300 people were evacuated on Sunday."},
...     {"id": "b", "text": "More than 300 people were evacuated on Sunday."}]})
>>> record = process_story(line)
>>> record["id"], [d["type"] for d in record["report"]["discrepancies"]]
('s1', ['hedge'])
>>> process_story('{"id": "s2", "sources": []}')["error"]["type"]
'InputError'
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any, Callable, Iterator, Optional, Protocol

from attrs import frozen

#: Stories in flight per worker: enough to keep every core busy, few enough to bound memory.
WINDOW_PER_WORKER = 2
ENGINES = ("local", "dask")
_SOURCE_KEYS = frozenset({"id", "text", "title", "outlet", "url", "published"})


@frozen
class BatchResult:
    """What a batch run did."""

    done: int
    errors: int
    skipped: int
    seconds: float


class _Future(Protocol):
    def result(self) -> Any: ...


def process_story(line: str, threshold: Optional[float] = None) -> dict[str, Any]:
    """Compare one story given as a JSON line; never raises for a bad story."""
    story_id: Any = None
    try:
        story = json.loads(line)
        if not isinstance(story, dict):
            raise _input_error("a story must be an object like {\"id\": ..., \"sources\": [...]}")
        story_id = story.get("id")
        from .pipeline import compare

        sources = _sources(story.get("sources"))
        report = compare(sources) if threshold is None else compare(sources, threshold=threshold)
        return {"id": story_id, "report": report.to_dict()}
    except Exception as exc:  # noqa: BLE001 - one bad story must not stop the corpus
        message = " ".join(str(exc).split())[:500]
        return {"id": story_id, "error": {"type": type(exc).__name__, "message": message}}


def _input_error(message: str) -> Exception:
    from .errors import InputError

    return InputError(message)


def _sources(raw: Any) -> list[Any]:
    from .model import Source

    if not isinstance(raw, list) or not raw:
        raise _input_error('"sources" must be a non-empty list of {"id", "text", ...} objects')
    out = []
    for n, obj in enumerate(raw, 1):
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            raise _input_error(f"source {n}: expected an object with a non-empty \"text\"")
        unknown = sorted(set(obj) - _SOURCE_KEYS)
        if unknown:
            raise _input_error(f"source {n}: unknown key(s) {', '.join(unknown)}")
        meta = [None if obj.get(k) is None else str(obj[k]) for k in ("title", "outlet", "url", "published")]
        out.append(Source(id=str(obj.get("id") or f"source-{n}"), text=obj["text"], title=meta[0], outlet=meta[1],
                          url=meta[2], published=meta[3]))
    return out


def _story_id(line: str, lineno: int) -> str:
    """The id a story's record will carry (``line-N`` when the line has none)."""
    try:
        obj = json.loads(line)
    except ValueError:
        return f"line-{lineno}"
    sid = obj.get("id") if isinstance(obj, dict) else None
    return str(sid) if sid is not None and str(sid) else f"line-{lineno}"


def done_ids(output: Path) -> set[str]:
    """Ids already in ``output``; a half-written last line is cut off so appends stay valid."""
    if not output.exists():
        return set()
    with output.open("rb+") as fh:
        data = fh.read()
        end = data.rfind(b"\n") + 1
        if end < len(data):
            fh.truncate(end)
    ids = set()
    for raw in data[:end].splitlines():
        try:
            record = json.loads(raw)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("id") is not None:
            ids.add(str(record["id"]))
    return ids


def _stories(path: Path, skip: set[str]) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            sid = _story_id(line, lineno)
            if sid not in skip:
                yield sid, line


def run_batch(
    input_path: str | os.PathLike[str],
    output_path: str | os.PathLike[str],
    *,
    workers: Optional[int] = None,
    engine: str = "local",
    scheduler: Optional[str] = None,
    threshold: Optional[float] = None,
    progress: Optional[IO[str]] = None,
) -> BatchResult:
    """Compare every story of ``input_path``, appending records to ``output_path``.

    ``workers``: processes for the local engine (``None`` or 0: all cores; 1 runs in this
    process). ``engine="dask"`` submits to the cluster at ``scheduler`` (or a new local
    cluster). ``progress``: a terminal stream for a progress line.
    """
    if engine not in ENGINES:
        raise _input_error(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    src, dst = Path(input_path), Path(output_path)
    if not src.is_file():
        from .errors import SourceError

        raise SourceError("no such file", path=str(src))
    skip = done_ids(dst)
    total = _count_lines(src)
    bar = _Progress(progress, total, len(skip))
    t0 = time.perf_counter()
    done = errors = 0
    with dst.open("a", encoding="utf-8", newline="\n") as out:
        for record in _engine_results(_stories(src, skip), engine=engine, workers=workers,
                                      scheduler=scheduler, threshold=threshold):
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
            out.flush()  # a crash loses at most the story being written
            done += 1
            errors += "error" in record
            bar.update(done, errors)
    bar.close()
    return BatchResult(done=done, errors=errors, skipped=len(skip), seconds=time.perf_counter() - t0)


def _engine_results(stories: Iterator[tuple[str, str]], *, engine: str, workers: Optional[int],
                    scheduler: Optional[str], threshold: Optional[float]) -> Iterator[dict[str, Any]]:
    if engine == "dask":
        yield from _dask_results(stories, scheduler=scheduler, threshold=threshold)
        return
    n = workers or os.cpu_count() or 1
    if n == 1:  # no pool: the one-worker baseline pays no inter-process cost
        for sid, line in stories:
            yield _with_id(process_story(line, threshold), sid)
        return
    with ProcessPoolExecutor(max_workers=n) as pool:
        yield from _windowed(stories, lambda line: pool.submit(process_story, line, threshold), n * WINDOW_PER_WORKER)


def _dask_results(stories: Iterator[tuple[str, str]], *, scheduler: Optional[str],
                  threshold: Optional[float]) -> Iterator[dict[str, Any]]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise _input_error("the dask engine needs the extra: pip install 'claimcheck[dask]'") from exc
    cluster = None if scheduler else LocalCluster(processes=True, dashboard_address=None)  # type: ignore[no-untyped-call, unused-ignore]
    client = Client(scheduler or cluster)  # type: ignore[no-untyped-call, unused-ignore]
    try:
        cores = sum(client.nthreads().values()) or 1  # type: ignore[no-untyped-call, unused-ignore]
        yield from _windowed(stories, lambda line: client.submit(process_story, line, threshold, pure=False),
                             cores * WINDOW_PER_WORKER)
    finally:
        client.close()  # type: ignore[no-untyped-call, unused-ignore]
        if cluster is not None:
            cluster.close()


def _windowed(stories: Iterator[tuple[str, str]], submit: Callable[[str], _Future],
              window: int) -> Iterator[dict[str, Any]]:
    """Results in input order, with at most ``window`` stories submitted and not yet written."""
    pending: deque[tuple[str, _Future]] = deque()
    for sid, line in stories:
        pending.append((sid, submit(line)))
        if len(pending) >= window:
            yield _collect(*pending.popleft())
    while pending:
        yield _collect(*pending.popleft())


def _collect(sid: str, future: _Future) -> dict[str, Any]:
    try:
        record = future.result()
    except Exception as exc:  # noqa: BLE001 - a worker that died: this story fails, the rest go on
        record = {"error": {"type": type(exc).__name__, "message": " ".join(str(exc).split())[:500]}}
    return _with_id(record, sid)


def _with_id(record: dict[str, Any], sid: str) -> dict[str, Any]:
    # the id the resume logic keys on, first, whatever the story said (or failed to say)
    return {"id": sid, **{k: v for k, v in record.items() if k != "id"}}


def _count_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            n += chunk.count(b"\n")
    return n


class _Progress:
    """A one-line progress display on a terminal; silent otherwise."""

    def __init__(self, stream: Optional[IO[str]], total: int, skipped: int) -> None:
        self.stream, self.total, self.skipped = stream, total, skipped
        self.t0 = self.last = time.perf_counter()

    def update(self, done: int, errors: int) -> None:
        now = time.perf_counter()
        if self.stream is None or now - self.last < 0.2:
            return
        self.last = now
        rate = done / max(now - self.t0, 1e-9)
        finished = done + self.skipped
        left = max(0, self.total - finished)
        self.stream.write(f"\r{finished}/{self.total} stories  {rate:.1f}/s  {errors} errors  "
                          f"~{left / rate if rate else 0:.0f} s left ")
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None:
            self.stream.write("\n")
            self.stream.flush()


def add_parser(subparsers: Any) -> None:
    """Register ``claimcheck batch`` on the CLI's sub-parsers."""
    p = subparsers.add_parser(
        "batch", help="compare every story of a JSONL corpus (one story per line)",
        description="Compare every story of a JSONL corpus; one {\"id\", \"report\"|\"error\"} line per story.",
    )
    p.add_argument("input", metavar="STORIES.jsonl", help='one {"id", "sources": [{"id", "text", ...}]} per line')
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="JSONL results; stories already in it are skipped (resume)")
    p.add_argument("--workers", type=int, default=0, metavar="N", help="local processes (default 0: all cores)")
    p.add_argument("--engine", choices=ENGINES, default="local", help="local process pool or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a new local cluster)")
    p.add_argument("--threshold", type=float, default=None, help="alignment threshold in [0, 1]")
    p.add_argument("--no-progress", action="store_true", help="no progress line, even on a terminal")
    p.add_argument("--debug", action="store_true", help="show a traceback on errors")


def run(args: argparse.Namespace) -> int:
    """Run ``claimcheck batch``; returns the exit code (0 even when some stories failed)."""
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        raise _input_error(f"--threshold must be between 0 and 1 (got {args.threshold})")
    if args.scheduler and args.engine != "dask":
        raise _input_error("--scheduler needs --engine dask")
    stream = None if args.no_progress or not sys.stderr.isatty() else sys.stderr
    result = run_batch(args.input, args.output, workers=args.workers, engine=args.engine,
                       scheduler=args.scheduler, threshold=args.threshold, progress=stream)
    print(f"claimcheck: {result.done} stories compared ({result.errors} errors), {result.skipped} already done, "
          f"{result.seconds:.1f} s", file=sys.stderr)
    return 0
