"""Run the claimcheck benchmarks and print one table.

From the repository root::

    .venv/bin/python -m benchmarks.run                     # seeds, 10, 100, 300, 1000 sources
    .venv/bin/python -m benchmarks.run --sizes seeds,10 --no-batch --cli-runs 3

Each size runs in a fresh interpreter (``--one``), so caches and peak memory do not leak
from one size into the next. Stage times come from wrapping the functions
``claimcheck.pipeline.compare`` calls, so they measure the real pipeline; ``compare`` is
the wall time of the whole call and ``peak MB`` the process's maximum resident set.
The fast-vs-naive columns score, on the same claims and with the same ``align.Scorer``,
the pairs ``align.candidate_pairs`` proposes and every cross-source pair; ``recall`` is
the share of naive pairs at or above the threshold that the candidates also hold (it
must be 100%). The naive path is skipped (and its time estimated from a sample) when it
would score more than ``--naive-max-pairs`` pairs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEFAULT_SIZES = "seeds,10,100,300,1000"

# pipeline name -> stage it belongs to in the table
_STAGES = {
    "load": "load", "normalise": "normalise", "build_lexicon": "extract", "segment": "segment",
    "mark_noise": "segment", "extract": "extract", "split_clauses": "extract", "align": "align", "find_discrepancies": "compare",
    "trace": "trace",
}
COLUMNS = ["load", "normalise", "segment", "extract", "align", "compare", "trace", "render"]


def _peak_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _timed_pipeline() -> dict[str, float]:
    """Wrap the stage functions the pipeline calls; return the dict they add seconds to."""
    from claimcheck import pipeline

    spent: dict[str, float] = defaultdict(float)

    def wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[_STAGES[name]] += time.perf_counter() - t
        return timed

    for name in _STAGES:
        if hasattr(pipeline, name):
            setattr(pipeline, name, wrap(name, getattr(pipeline, name)))
    return spent


def one(size: str, *, seed: int, naive_max_pairs: int) -> dict[str, Any]:
    """Benchmark one input in this process; returns a row of figures."""
    t0 = time.perf_counter()
    import claimcheck
    from claimcheck.render import render

    spent = _timed_pipeline()
    if size == "seeds":
        inputs: Any = [str(SEEDS)]
    else:
        from benchmarks.generate import generate

        inputs = generate(int(size), seed=seed)
    t_start = time.perf_counter()
    sources = claimcheck.load(inputs)
    spent["load"] += time.perf_counter() - t_start
    t = time.perf_counter()
    report = claimcheck.compare(sources)
    compare_s = time.perf_counter() - t
    t = time.perf_counter()
    render(report, "text")
    render(report, "json")
    spent["render"] += time.perf_counter() - t
    wall = time.perf_counter() - t0
    row: dict[str, Any] = {
        "input": size, "sources": len(sources), "claims": len(report.claims),
        "groups": len(report.shared_groups), **{k: spent.get(k, 0.0) for k in COLUMNS},
        "compare_total": compare_s, "wall": wall, "peak_mb": _peak_mb(),
    }
    if size == "seeds":  # a second, warm call: what a long-lived process pays
        t = time.perf_counter()
        claimcheck.compare(sources)
        row["compare_warm"] = time.perf_counter() - t
    row.update(fast_vs_naive(report.claims, naive_max_pairs=naive_max_pairs))
    return row


def fast_vs_naive(claims: Sequence[Any], *, naive_max_pairs: int) -> dict[str, Any]:
    """Candidate pairs against all cross-source pairs, per alignment pool, same scorer."""
    from claimcheck import align

    pools = [[c for c in claims if not c.fragment], [c for c in claims if c.fragment]]
    fast_s = naive_s = 0.0
    n_naive = n_fast = above = found = 0
    skipped = False
    for pool in pools:
        if not pool:
            continue
        by_source: dict[str, list[str]] = defaultdict(list)
        for c in pool:
            by_source[c.source].append(c.id)
        sizes = [len(v) for v in by_source.values()]
        total = sum(sizes)
        n_naive += (total * total - sum(s * s for s in sizes)) // 2
        t = time.perf_counter()
        scorer = align.Scorer(pool)
        if n_naive > naive_max_pairs:
            # too big to list claim pairs (tens of millions at 1,000 sources): time the
            # exact search alignment itself runs, over distinct sentence types
            edges = align._type_edges(pool, scorer, align.THRESHOLD)
            fast_s += time.perf_counter() - t
            by_type: dict[int, list[str]] = defaultdict(list)
            for c in pool:
                by_type[scorer.type_of[c.id]].append(c.source)
            n_fast += sum(len(by_type[a]) * len(by_type[b]) for _, a, b in edges)
            skipped = True
            continue
        cands = align.candidate_pairs(pool, scorer)
        fast_above = {p for p in cands if scorer.score(*p).score >= align.THRESHOLD}
        fast_s += time.perf_counter() - t
        n_fast += len(cands)
        t = time.perf_counter()
        scorer = align.Scorer(pool)  # a fresh scorer: no pair cached by the fast path
        ids = sorted(c.id for c in pool)
        source = {c.id: c.source for c in pool}
        naive_above = set()
        for a, b in combinations(ids, 2):
            if source[a] != source[b] and scorer.score(a, b).score >= align.THRESHOLD:
                naive_above.add((a, b))
        naive_s += time.perf_counter() - t
        above += len(naive_above)
        found += len(naive_above & fast_above)
    out: dict[str, Any] = {"pairs_naive": n_naive, "pairs_fast": n_fast, "fast_s": fast_s}
    if skipped:
        out["naive_s_est"] = _estimate_naive(claims, n_naive)
    else:
        out.update(naive_s=naive_s, above=above, recall=found / above if above else 1.0)
    return out


def _estimate_naive(claims: Sequence[Any], n_pairs: int, sample: int = 20000) -> float:
    """Seconds the naive path would take, from scoring a random sample of cross pairs."""
    from claimcheck import align

    pool = [c for c in claims if not c.fragment]
    rng = random.Random(0)
    scorer = align.Scorer(pool)
    picked = 0
    t = time.perf_counter()
    while picked < sample:
        a, b = rng.sample(pool, 2)
        if a.source != b.source:
            scorer.score(a.id, b.id)
            picked += 1
    return (time.perf_counter() - t) / sample * n_pairs


def cli_wall(runs: int) -> dict[str, float]:
    """Median wall time of ``claimcheck report seeds/`` and of its imports alone, in fresh interpreters."""
    exe = shutil.which("claimcheck", path=str(Path(sys.executable).parent)) or "claimcheck"

    def median(cmd: list[str]) -> float:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    return {
        "cli_report_seeds": median([exe, "report", "seeds/"]),
        "python_bare": median([sys.executable, "-c", "pass"]),
        "cli_imports": median([sys.executable, "-c", "import claimcheck.cli, claimcheck.pipeline, claimcheck.render"]),
    }


def batch_speedup(n_stories: int, per_story: int, seed: int) -> dict[str, Any]:
    """Throughput of ``claimcheck batch`` with one worker and with every core."""
    from benchmarks.generate import stories

    out: dict[str, Any] = {"stories": n_stories, "sources_per_story": per_story, "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "stories.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for story in stories(n_stories, per_story, seed=seed):
                fh.write(json.dumps(story) + "\n")
        for label, workers in (("one_worker", "1"), ("all_cores", "0")):
            dst = Path(tmp) / f"out-{label}.jsonl"
            cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "claimcheck", "batch", str(src), "-o", str(dst),
                            "--workers", workers, "--no-progress"], check=True, cwd=ROOT,
                           stderr=subprocess.DEVNULL)
            out[label] = time.perf_counter() - t
            cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            # CPU seconds of the run and its workers per wall second: how many cores it kept busy
            out[f"{label}_busy"] = (cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime) / out[label]
    out["speedup"] = out["one_worker"] / out["all_cores"]
    return out


def _fmt(v: Any, digits: int = 2) -> str:
    return f"{v:.{digits}f}" if isinstance(v, float) else str(v)


def table(rows: list[dict[str, Any]]) -> str:
    from tabulate import tabulate

    head = ["input", "sources", "claims", *COLUMNS, "compare() s", "wall s", "peak MB"]
    body = [[r["input"], r["sources"], r["claims"], *[_fmt(r[k]) for k in COLUMNS], _fmt(r["compare_total"]),
             _fmt(r["wall"]), _fmt(r["peak_mb"], 0)] for r in rows]
    stage = tabulate(body, head, tablefmt="github", disable_numparse=True)
    head2 = ["input", "naive pairs", "fast pairs", "fast s", "naive s", "naive / fast", "naive >= thr", "recall"]
    body2 = []
    for r in rows:
        if "naive_s" in r:
            naive, ratio = _fmt(r["naive_s"]), f"{r['naive_s'] / r['fast_s']:.1f}x" if r["fast_s"] else "-"
            above, recall = str(r["above"]), f"{100 * r['recall']:.1f}%"
        else:
            naive = f"~{r['naive_s_est']:.0f} (est., skipped)"
            ratio = f"~{r['naive_s_est'] / r['fast_s']:.0f}x" if r["fast_s"] else "-"
            above, recall = "-", "-"
        body2.append([r["input"], f"{r['pairs_naive']:,}", f"{r['pairs_fast']:,}", _fmt(r["fast_s"]), naive, ratio,
                      above, recall])
    return stage + "\n\nAlignment candidates, fast (index) vs naive (all cross-source pairs):\n\n" + tabulate(
        body2, head2, tablefmt="github", disable_numparse=True)


def growth(rows: list[dict[str, Any]], a: str = "100", b: str = "1000") -> Optional[float]:
    import math

    by = {r["input"]: r for r in rows}
    if a in by and b in by:
        return math.log(by[b]["compare_total"] / by[a]["compare_total"]) / math.log(by[b]["sources"] / by[a]["sources"])
    return None


def main(argv: Optional[Sequence[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description="claimcheck benchmarks: one table.")
    p.add_argument("--sizes", default=DEFAULT_SIZES, help=f"comma-separated: 'seeds' and source counts (default {DEFAULT_SIZES})")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--naive-max-pairs", type=int, default=8_000_000, help="skip the naive path above this many pairs")
    p.add_argument("--cli-runs", type=int, default=5)
    p.add_argument("--no-batch", action="store_true", help="skip the batch throughput measurement")
    p.add_argument("--batch-stories", type=int, default=24)
    p.add_argument("--timeout", type=int, default=900, help="give up on a size after this many seconds")
    p.add_argument("--json", metavar="FILE", help="also write the raw figures here")
    p.add_argument("--one", help=argparse.SUPPRESS)  # internal: one size, JSON row on stdout
    args = p.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, seed=args.seed, naive_max_pairs=args.naive_max_pairs)))
        return 0
    rows, timed_out = [], []
    for size in args.sizes.split(","):
        try:
            proc = subprocess.run([sys.executable, "-m", "benchmarks.run", "--one", size.strip(), "--seed",
                                   str(args.seed), "--naive-max-pairs", str(args.naive_max_pairs)],
                                  check=True, cwd=ROOT, stdout=subprocess.PIPE, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            timed_out.append(size)
            print(f"  timed out: {size} (over {args.timeout} s)", file=sys.stderr)
            continue
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(f"  done: {size} ({rows[-1]['wall']:.1f} s)", file=sys.stderr)
    extra: dict[str, Any] = {"cli": cli_wall(args.cli_runs) if args.cli_runs else {}}
    if not args.no_batch:
        extra["batch"] = batch_speedup(args.batch_stories, 8, args.seed)
    print(table(rows))
    print()
    g = growth(rows)
    seeds = next((r for r in rows if r["input"] == "seeds"), None)
    if seeds:
        print(f"seeds compare(): {seeds['compare_total']:.3f} s first call in a fresh process, "
              f"{seeds['compare_warm']:.3f} s warm")
    for k, v in extra["cli"].items():
        print(f"{k}: {v:.3f} s (median of {args.cli_runs})")
    if g is not None:
        print(f"growth of compare() time from 100 to 1,000 sources: n^{g:.2f}")
    if "batch" in extra:
        b = extra["batch"]
        print(f"batch, {b['stories']} stories x {b['sources_per_story']} sources: one worker {b['one_worker']:.2f} s, "
              f"all {b['cores']} cores {b['all_cores']:.2f} s, speed-up {b['speedup']:.2f}x "
              f"(cores kept busy: {b['one_worker_busy']:.2f} and {b['all_cores_busy']:.2f})")
        print(f"load average while measuring: {os.getloadavg()[0]:.2f} (other work on the machine slows every figure)")
    for size in timed_out:
        print(f"{size}: did not finish within {args.timeout} s (--timeout)")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, **extra}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
