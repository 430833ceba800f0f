"""claimcheck batch: records equal compare(), input order, resume, errors, engines."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimcheck
from claimcheck.batch import done_ids, process_story, run_batch
from claimcheck.cli import main

TEXTS = [
    ("At least 300 people were evacuated from the valley on Sunday. The mayor opened a shelter.",
     "More than 300 people were evacuated from the valley on Sunday, officials said."),
    ("Police arrested 12 men on Monday. The council said 40 homes were flooded.",
     "Twelve men were arrested by police on Monday. Forty homes were flooded, the council said."),
    ("The report makes 11 recommendations. It was published on Tuesday.",
     "The report set out 48 recommendations for the force."),
]


def _stories(n: int) -> list[dict]:
    out = []
    for i in range(n):
        a, b = TEXTS[i % len(TEXTS)]
        out.append({"id": f"st{i}", "sources": [{"id": "a", "text": a, "outlet": "A"},
                                                 {"id": "b", "text": b, "published": "2024-01-02"}]})
    return out


def _write(path, stories, extra_lines=()):
    with path.open("w", encoding="utf-8") as fh:
        for s in stories:
            fh.write(json.dumps(s) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")


def _read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _expected(story):
    sources = [claimcheck.Source(**s) for s in story["sources"]]
    return {"id": story["id"], "report": claimcheck.compare(sources).to_dict()}


def test_records_equal_compare_in_input_order_with_a_pool(tmp_path):
    stories = _stories(5)
    _write(tmp_path / "in.jsonl", stories)
    result = run_batch(tmp_path / "in.jsonl", tmp_path / "out.jsonl", workers=2)
    assert (result.done, result.errors, result.skipped) == (5, 0, 0)
    assert _read(tmp_path / "out.jsonl") == [_expected(s) for s in stories]


def test_failing_stories_give_error_records_and_the_rest_go_on(tmp_path):
    stories = _stories(2)
    _write(tmp_path / "in.jsonl", stories[:1],
           ['{"id": "empty", "sources": []}', "this is not json",
            '{"id": "badkey", "sources": [{"id": "x", "text": "Hi there.", "colour": "red"}]}'])
    with (tmp_path / "in.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(stories[1]) + "\n")
    result = run_batch(tmp_path / "in.jsonl", tmp_path / "out.jsonl", workers=1)
    records = _read(tmp_path / "out.jsonl")
    assert [r["id"] for r in records] == ["st0", "empty", "line-3", "badkey", "st1"]
    assert [("error" in r) for r in records] == [False, True, True, True, False]
    assert records[1]["error"]["type"] == "InputError"
    assert "colour" in records[3]["error"]["message"]
    assert records[4] == _expected(stories[1])
    assert result.errors == 3


def test_resume_skips_done_stories_and_repairs_a_torn_last_line(tmp_path):
    stories = _stories(4)
    _write(tmp_path / "first.jsonl", stories[:2])
    out = tmp_path / "out.jsonl"
    run_batch(tmp_path / "first.jsonl", out, workers=1)
    with out.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "st2", "report": {"sch')  # a crash in the middle of a write
    _write(tmp_path / "all.jsonl", stories)
    result = run_batch(tmp_path / "all.jsonl", out, workers=2)
    assert (result.done, result.skipped) == (2, 2)
    assert _read(out) == [_expected(s) for s in stories]


@given(st.lists(st.sampled_from(["a", "b", "c\u00e9", "d"]), max_size=6, unique=True), st.data())
def test_done_ids_of_any_truncated_output(tmp_path_factory, ids, data):
    path = tmp_path_factory.mktemp("out") / "out.jsonl"
    blob = "".join(json.dumps({"id": i, "report": {}}, ensure_ascii=False) + "\n" for i in ids).encode()
    cut = data.draw(st.integers(0, len(blob)))
    path.write_bytes(blob[:cut])
    complete = blob[:cut].count(b"\n")
    assert done_ids(path) == set(ids[:complete])
    kept = path.read_bytes()
    assert kept == blob[: len(kept)] and (not kept or kept.endswith(b"\n"))


def test_process_story_never_raises():
    assert process_story("[1, 2]")["error"]["type"] == "InputError"
    assert process_story('{"id": 7, "sources": [{"id": "a", "text": "   "}]}')["error"]["type"] == "InputError"


def test_cli_batch_and_its_usage_errors(tmp_path, capsys):
    stories = _stories(3)
    _write(tmp_path / "in.jsonl", stories)
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(tmp_path / "in.jsonl"), "-o", str(out), "--workers", "1", "--no-progress"]) == 0
    assert [r["id"] for r in _read(out)] == ["st0", "st1", "st2"]
    assert "3 stories compared" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 2
    assert main(["batch", str(tmp_path / "in.jsonl"), "-o", str(out), "--scheduler", "tcp://x:1"]) == 2


def test_dask_engine_equals_local_engine(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    stories = _stories(4)
    _write(tmp_path / "in.jsonl", stories)
    run_batch(tmp_path / "in.jsonl", tmp_path / "local.jsonl", workers=2)
    with distributed.LocalCluster(n_workers=2, processes=True, dashboard_address=None) as cluster:
        run_batch(tmp_path / "in.jsonl", tmp_path / "dask.jsonl", engine="dask", scheduler=cluster.scheduler_address)
    assert _read(tmp_path / "dask.jsonl") == _read(tmp_path / "local.jsonl") == [_expected(s) for s in stories]
