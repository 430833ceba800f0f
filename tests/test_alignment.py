"""Alignment measured against hand-labelled pairs: on the seeds and on invented news pairs."""

from __future__ import annotations

import json
import re

import pytest

import claimcheck
from claimcheck import Source
from claimcheck.align import Scorer, THRESHOLD, align, candidate_pairs

from .conftest import DATA


def _claims_at(report, source, quote, texts):
    """Claims (statements or full quotes) of the sentence holding the labelled words.

    The fixture labels sentences; a sentence split into clauses is represented by all its
    clause claims, and a sentence the noise stage reports as repeating sentence N (a
    caption or duplicate) by sentence N's claims.
    """
    start = texts[source].index(quote)
    end = start + len(quote)
    for n in report.notes:
        if n.source == source and n.start <= start < n.end and (m := re.search(r"repeat\w* sentence (\d+)", n.detail)):
            k = int(m.group(1)) - 1
            return [c for c in report.claims if c.source == source and not c.fragment and c.sentence == k]
    hit = [c for c in report.claims if c.source == source and not c.fragment and c.start < end and start < c.end]
    sentences = {c.sentence for c in hit}
    return [c for c in report.claims if c.source == source and not c.fragment and c.sentence in sentences]


def _group_of(report):
    return {cid: g.id for g in report.groups for cid in g.claims}


def _measure(pairs, predict):
    tp = fp = fn = tn = 0
    for pair in pairs:
        same = predict(pair)
        if pair["label"] in ("same", "conflict"):
            tp += same
            fn += not same
        else:
            fp += same
            tn += not same
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, (tp, fp, fn, tn)


def _linked(report, a, b):
    """Whether claims ``a`` and claims ``b`` state one fact by the report's groups and links.

    The rule: a pair is linked when a claim of each is in one group, or when the group of
    a claim of ``b`` names a claim of ``a`` among the claims stating its fact (a link
    record of ``b``'s group points at ``a``'s group *via that claim*) and the record is
    for that claim of ``b`` (its ``via`` holds it, or is empty: the whole group), or vice
    versa. A named claim reaches the members of the naming group its record is for; the
    other members of its own group reach nothing through it.
    """
    group = _group_of(report)
    named = {(g.id, link.group, cid): set(link.via) for g in report.groups for link in g.related
             for cid in link.claims}

    def through(gx, gy, x, y):
        # y is named by gx's record on gy, and the record is for x
        via = named.get((gx, gy, y))
        return via is not None and (not via or x in via)

    for x in a:
        for y in b:
            gx, gy = group[x.id], group[y.id]
            if gx == gy or through(gy, gx, y.id, x.id) or through(gx, gy, x.id, y.id):
                return True
    return False


def test_seed_alignment_precision_recall(seed_report, seed_texts, record_property):
    data = json.loads((DATA / "seed_alignment.json").read_text(encoding="utf-8"))
    # a quote occurring twice (a sentence the page repeats) is read at its first occurrence:
    # the repeat is reported as a duplicate of it, so either counts the same
    pairs = data["pairs"] + data["pairs_with_repeated_quote"]
    group = _group_of(seed_report)

    def predict(pair):
        a = _claims_at(seed_report, pair["a"]["source"], pair["a"]["quote"], seed_texts)
        b = _claims_at(seed_report, pair["b"]["source"], pair["b"]["quote"], seed_texts)
        return bool({group[c.id] for c in a} & {group[c.id] for c in b})

    def predict_linked(pair):
        # claim-level links (see _linked): a quote and a statement telling it in other
        # words, or a sentence's second fact, named by the group whose fact it states
        a = _claims_at(seed_report, pair["a"]["source"], pair["a"]["quote"], seed_texts)
        b = _claims_at(seed_report, pair["b"]["source"], pair["b"]["quote"], seed_texts)
        return _linked(seed_report, a, b)

    lp, lr, lcounts = _measure(pairs, predict_linked)
    print(f"\nseed alignment with claim-level links (quote/statement and \"also states\"): precision={lp:.3f} "
          f"recall={lr:.3f} (tp, fp, fn, tn)={lcounts}")
    record_property("seed_alignment_linked", {"precision": lp, "recall": lr})
    # The fixture gained 57 pairs in an audit of every cross-source pair the seed report
    # shows (45 look-alikes it had never labelled, 12 true pairs). On the extended fixture,
    # before names weighed once and quote/statement links went to the best group only:
    # linked 0.659 / 0.919, groups only 0.662 / 0.475. Round 3 (a mention shared besides the
    # story's topic words, a figure's hedge, a range bound, "the other two", a title and
    # units of time are no shared fact): linked 0.730 / 0.899 -> 0.786 / 0.889, groups
    # 0.800 / 0.525 -> 0.852 / 0.525. The one positive lost was reached only through a
    # wrong clause group ("as the other two" with "two of which resulted in no prosecutions").
    # Links name claims (round 4): counted group to group (below) the same links give
    # 0.786 / 0.889; claim by claim 0.790 / 0.838. The false pairs left come through loose
    # *target* groups (five NCA sentences stating different facts; a quote group chaining
    # paragraphs), which a claim that states one member's fact still reaches whole; the
    # true pairs lost were reached only through whole groups (two quote groups holding
    # halves of one quote). Links say which of the naming group's claims they are for
    # (``Link.via``, round 5): 0.790 / 0.838 -> 0.804 / 0.828 (tp, fp, fn, tn) (83, 22, 16,
    # 66) -> (82, 20, 17, 68). The two false pairs dropped came through the quote group
    # chaining paragraphs; the true pair lost (Crompton requested the NCA review: a quote
    # paragraph and an NCA sentence that scores below the threshold with it) was reached
    # only through the loose NCA group's other members. Days, months and parts of the day
    # no longer content words (round 6): (82, 20, 17, 68) -> (83, 21, 16, 67), 0.798 / 0.838:
    # "launched last december in the wake of the Jay report" now meets "followed an August
    # report by Professor Alexis Jay" (the months kept them apart), and the latter's link from
    # "officers mentioned in the Jay report are under investigation" is a new false pair.
    # Who a statement credits is not content (round 6, same session): (83, 19, 16, 69),
    # 0.814 / 0.838: "south yorkshire police refutes claims in article" no longer grouped
    # with "The report claims that South Yorkshire Police had begun to address past failings"
    # -- but only because "south yorkshire police refutes" was read as a credit ("X ...
    # claims"). Once credits_in read "claims in" as the noun it is: (83, 20, 16, 68), 0.806 /
    # 0.838, that pair back; the credit rule itself stays (held-out 0.795 -> 0.838).
    assert lp >= 0.80
    assert lr >= 0.83

    whole = {g.id: {g.id} for g in seed_report.groups}
    for g in seed_report.groups:
        for link in g.related:
            whole[g.id].add(link.group)
            whole[link.group].add(g.id)

    def predict_groups_linked(pair):
        # the same links read group to group: every member of a linked group reaches the other
        a = _claims_at(seed_report, pair["a"]["source"], pair["a"]["quote"], seed_texts)
        b = _claims_at(seed_report, pair["b"]["source"], pair["b"]["quote"], seed_texts)
        return bool({r for c in a for r in whole[group[c.id]]} & {group[c.id] for c in b})

    wp, wr, wcounts = _measure(pairs, predict_groups_linked)
    print(f"\nseed alignment with links read group to group: precision={wp:.3f} recall={wr:.3f} "
          f"(tp, fp, fn, tn)={wcounts}")
    assert wp >= 0.77
    assert wr >= 0.88

    precision, recall, counts = _measure(pairs, predict)
    print(f"\nseed alignment: precision={precision:.3f} recall={recall:.3f} (tp, fp, fn, tn)={counts}")
    record_property("seed_alignment", {"precision": precision, "recall": recall})
    assert precision >= 0.85
    assert recall >= 0.53


def test_invented_pairs(record_property):
    """Paraphrases ("same") and one-detail conflicts ("conflict") must align: a story
    comparison aligns the same event and flags the differing detail. Look-alikes
    ("different": another report, another thing counted with the same number) must not."""
    data = json.loads((DATA / "paraphrase_pairs.json").read_text(encoding="utf-8"))
    flagged = {"conflict": 0, "different": 0, "same": 0}

    def predict(pair):
        report = claimcheck.compare([Source(id="a", text=pair["a"]), Source(id="b", text=pair["b"])])
        flagged[pair["label"]] += bool(report.discrepancies)
        return len(report.shared_groups) > 0

    precision, recall, counts = _measure(data["pairs"], predict)
    by_label = {k: sum(p["label"] == k for p in data["pairs"]) for k in flagged}
    print(f"\ninvented pairs (same+conflict positive): precision={precision:.3f} recall={recall:.3f} "
          f"(tp, fp, fn, tn)={counts}; with a discrepancy flagged: "
          + ", ".join(f"{k} {flagged[k]}/{by_label[k]}" for k in sorted(flagged)))
    record_property("paraphrase_pairs", {"precision": precision, "recall": recall})
    assert min(by_label.values()) >= 20
    assert recall >= 0.9
    assert precision >= 0.75


def test_paraphrase_recall_on_same_pairs_only():
    data = json.loads((DATA / "paraphrase_pairs.json").read_text(encoding="utf-8"))
    same = [p for p in data["pairs"] if p["label"] == "same"]
    hits = sum(bool(claimcheck.compare([Source(id="a", text=p["a"]), Source(id="b", text=p["b"])]).shared_groups)
               for p in same)
    assert hits / len(same) >= 0.85


def test_candidate_index_finds_every_pair_above_threshold(seed_report):
    """Oracle: the inverted-index candidates miss no pair that all-pairs scoring keeps."""
    claims = [c for c in seed_report.claims if c.kind.value == "statement"]
    scorer = Scorer(claims)
    fast = candidate_pairs(claims, scorer)
    naive = {(a.id, b.id) if a.id < b.id else (b.id, a.id)
             for i, a in enumerate(claims) for b in claims[i + 1:]
             if a.source != b.source and scorer.score(a.id, b.id).score >= THRESHOLD}
    assert naive and naive <= fast


def test_scores_are_symmetric_and_bounded(seed_report):
    claims = [c for c in seed_report.claims if c.kind.value == "statement"][:40]
    scorer = Scorer(claims)
    for a in claims:
        for b in claims:
            s = scorer._score(scorer.features[a.id], scorer.features[b.id]).score
            assert 0.0 <= s <= 1.0
            assert s == scorer._score(scorer.features[b.id], scorer.features[a.id]).score


@pytest.mark.parametrize("n", [3, 6])
def test_topic_words_do_not_snowball_into_one_group(n):
    # n sources, each with sentences that share only topic words ("police", "report")
    sentences = ["Police said the report was published on {d}.", "The report criticised police for {w}.",
                 "Police chiefs met to discuss the report about {w}."]
    words = ["delays", "failures", "costs", "training", "recruitment", "overtime"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    sources = [Source(id=f"s{i}", text=" ".join(s.format(d=days[i], w=words[i]) for s in sentences))
               for i in range(n)]
    report = claimcheck.compare(sources)
    assert max(len(g.claims) for g in report.groups) <= n
    assert all(len({report.claim(c).sentence for c in g.claims}) == 1 for g in report.groups)
    # nor are groups of different sentences linked as stating the same thing
    sentence = {g.id: report.claim(g.claims[0]).sentence for g in report.groups}
    assert all(sentence[r.group] == sentence[g.id] for g in report.groups for r in g.related)


def test_a_sentence_with_two_facts_reaches_both():
    """One source packs two facts in one sentence; two others state one each. The
    sentence's claims reach both facts, by membership or by an "also states" link."""
    sources = [
        # a sentence the clause splitter keeps whole: its second fact needs a link
        Source(id="a", text="After the storm cut power to 9,000 homes across the county, the hospital in Marby "
                            "ran on its generators for two days."),
        Source(id="b", text="About 9,000 homes in the county lost power when the storm hit on Sunday."),
        Source(id="c", text="Marby's hospital was running on generators for two days."),
    ]
    report = claimcheck.compare(sources)
    assert [c.id for c in report.claims if c.source == "a"] == ["a/s1"]
    of = {s.id: [c for c in report.claims if c.source == s.id and not c.fragment] for s in sources}
    for other in ("b", "c"):
        assert _linked(report, of["a"], of[other]), other
    # the two one-fact sentences state different things: neither one group nor linked
    assert not _linked(report, of["b"], of["c"])
    # the two-fact sentence is grouped with one of them and named by a link of the other
    # (which one depends on the scores); the link names that sentence, nothing else
    group = _group_of(report)
    [apart] = [o for o in ("b/s1", "c/s1") if group[o] != group["a/s1"]]
    links = [(g.id, link.group, link.claims) for g in report.groups for link in g.related]
    assert links == [(group[apart], group["a/s1"], ("a/s1",))]


@pytest.fixture(scope="module")
def generated_statements():
    """Statements of a seeded 36-source generated story (benchmarks.generate)."""
    from benchmarks.generate import generate

    report = claimcheck.compare(generate(36, seed=7))
    return [c for c in report.claims if c.kind.value == "statement" and not c.fragment]


@pytest.mark.parametrize("threshold", [THRESHOLD, 0.5])
def test_fast_path_finds_every_naive_pair_on_a_generated_story(generated_statements, threshold):
    """Oracle at scale: the candidate search (and the scored edges clustering uses) hold
    every cross-source pair that all-pairs scoring puts at or above the threshold."""
    from claimcheck.align import _type_edges

    claims = generated_statements
    scorer = Scorer(claims)
    naive = {(a.id, b.id) if a.id < b.id else (b.id, a.id)
             for i, a in enumerate(claims) for b in claims[i + 1:]
             if a.source != b.source and scorer.score(a.id, b.id).score >= threshold}
    fast = candidate_pairs(claims, scorer, threshold=threshold)
    assert len(naive) > 1000
    assert naive <= fast
    by_type: dict[int, list] = {}
    for c in claims:
        by_type.setdefault(scorer.type_of[c.id], []).append(c)
    edges = {(x.id, y.id) if x.id < y.id else (y.id, x.id)
             for _, ta, tb in _type_edges(claims, scorer, threshold)
             for x in by_type[ta] for y in by_type[tb] if x.source != y.source}
    assert edges == naive


def test_shared_types_score_like_separate_claims(generated_statements):
    """Copies share one featurised type; scoring must not depend on which copy is used."""
    import random

    from claimcheck.align import _Features

    claims = generated_statements
    scorer = Scorer(claims)
    assert len(scorer.types) < len(claims)  # a generated story repeats sentences
    rng = random.Random(3)
    for _ in range(3000):
        a, b = rng.sample(claims, 2)
        alone = scorer._score(_Features(a, None, {}), _Features(b, None, {}))
        assert alone == scorer.score(a.id, b.id)


def test_statement_discrepancies_equal_pairwise_diff(generated_statements):
    """Diffing each pair of wordings once gives what diffing every pair of claims gives."""
    from claimcheck.align import align
    from claimcheck.model import Value
    from claimcheck.statement_compare import _swap_span, statement_discrepancies

    def _swap(a, b):  # the straightforward reference: every pair of claims, both texts diffed
        found = _swap_span(a.text, b.text)
        if found is None:
            return None
        (sa, ea), (sb, eb) = found
        return (Value(source=a.source, claim=a.id, value=a.text[sa:ea], start=a.start + sa, end=a.start + ea),
                Value(source=b.source, claim=b.id, value=b.text[sb:eb], start=b.start + sb, end=b.start + eb))

    by_id = {c.id: c for c in generated_statements}
    checked = 0
    for g in align(generated_statements):
        members = [by_id[i] for i in g.claims]
        if len(members) < 2:
            continue
        naive = {}
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if a.source != b.source and (pair := _swap(a, b)):
                    for v in pair:
                        naive[(v.start, v.end, v.source)] = v
        found = [f for f in statement_discrepancies(g, members) if f.type.value == "entity"]
        assert sorted(naive.values(), key=lambda v: (v.source, v.start)) == \
            (list(found[0].values) if found else [])
        checked += bool(naive)
    assert checked


def _pair_figures(path):
    """Precision, recall, (tp, fp, fn, tn) and the number of pairs of a pair fixture: a pair
    is aligned when the two one-sentence sources share a group."""
    data = json.loads((DATA / path).read_text(encoding="utf-8"))

    def predict(pair):
        report = claimcheck.compare([Source(id="a", text=pair["a"]), Source(id="b", text=pair["b"])])
        return len(report.shared_groups) > 0

    return (*_measure(data["pairs"], predict), len(data["pairs"]))


#: Per held-out fixture: the least number of pairs, precision and recall it must keep.
HELD_OUT = {
    # written before the rules it measures and never used to tune them; measured when
    # written (before round 5's changes): 0.738 / 1.000
    "paraphrase_pairs_heldout.json": (40, 0.7, 0.9),
    # written blind by someone who had not seen the code (round 6): first run 0.776 /
    # 0.864 (38, 11, 6, 11). Then days and months stopped counting as content words ("said
    # on Tuesday that ..." in two statements of other facts) and a figure counting
    # unrelated things ("6,000 teachers" / "6,000 schools") stopped counting as shared:
    # 0.841 / 0.841 (37, 7, 7, 15); the true pair lost is "two teenagers" / "two youths",
    # which the referent lexicon does not relate. A statement's credit not counted as
    # content, and units of measure read as units ("20cm" of snow and "20mm" of rain are no
    # shared figure): 0.860 / 0.841 (37, 6, 7, 16).
    "paraphrase_pairs_heldout2.json": (60, 0.8, 0.8),
}


@pytest.mark.parametrize("path", sorted(HELD_OUT))
def test_heldout_pairs(path, record_property):
    """Invented pairs never used to tune the rules they measure: an honest estimate on
    unseen text."""
    precision, recall, counts, n = _pair_figures(path)
    print(f"\n{path}: precision={precision:.3f} recall={recall:.3f} (tp, fp, fn, tn)={counts}")
    record_property(path, {"precision": precision, "recall": recall})
    least_pairs, least_precision, least_recall = HELD_OUT[path]
    assert n >= least_pairs
    assert precision >= least_precision
    assert recall >= least_recall


def _flags(path):
    """Per label: pairs with a discrepancy flagged, and pairs in all."""
    data = json.loads((DATA / path).read_text(encoding="utf-8"))
    counts: dict[str, list[int]] = {}
    for pair in data["pairs"]:
        report = claimcheck.compare([Source(id="a", text=pair["a"]), Source(id="b", text=pair["b"])])
        n = counts.setdefault(pair["label"], [0, 0])
        n[0] += bool(report.discrepancies)
        n[1] += 1
    return counts


@pytest.mark.parametrize("path", ["paraphrase_pairs.json", "paraphrase_pairs_heldout.json",
                                  "paraphrase_pairs_heldout2.json"])
def test_flags_on_look_alikes_are_rare_and_on_conflicts_kept(path, record_property):
    """A discrepancy says two sources report one fact differently: on look-alikes ("12 people
    were arrested" / "12 officers were injured") a flag is a false alarm; on one-detail
    conflicts it is the point. Measured before the "same fact?" guard: paraphrase_pairs
    different 5/24, conflict 15/25; held-out different 4/16, conflict 10/11 (one of those
    ten was itself a false figure clash: "by 58% to 42%" against "by 58% to 42%")."""
    counts = _flags(path)
    print(f"\n{path}: flagged " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(counts.items())))
    record_property(f"flags_{path}", counts)
    different, conflict = counts["different"], counts["conflict"]
    assert different[0] <= 0.2 * different[1]
    assert conflict[0] >= 0.55 * conflict[1]


def test_a_number_counting_unrelated_things_is_no_shared_figure():
    """A figure lifts a pair only when it may count one thing: "400 nurses" and "400 beds"
    share a number, "300 children" and "300 minors" a figure."""
    from claimcheck.align import Scorer

    def numbers(a, b):
        report = claimcheck.compare([Source(id="a", text=a), Source(id="b", text=b)])
        return Scorer(report.claims).score("a/s1", "b/s1").numbers

    assert numbers("The trust said 400 nurses would be recruited.", "The trust said 400 beds would be closed.") == 0
    assert numbers("More than 300 children were abused.", "More than 300 minors were abused.") > 0
    assert numbers("More than 300 girls were abused.", "More than 300 children were abused.") > 0
    # a figure only one side says what it counts of may still be the same
    assert numbers("Profits rose to £300m.", "The company made £300m in profit.") > 0


def _aligned(a: str, b: str) -> bool:
    return bool(claimcheck.compare([Source(id="a", text=a), Source(id="b", text=b)]).shared_groups)


@pytest.mark.parametrize("a, b", [
    # a figure's hedge is its bound, not a content word; a range's bound is not a minimum
    ("Children as young as 11 were abused.", "The project works with young people aged between 11 and 25."),
    ("Children as young as 11 were exploited by gangs, the report found.",
     "The charity works with young people between the ages of 11 and 25 who are at risk of being exploited."),
    # the same number in another role: an age is not a count
    ("The report said children as young as 11 had been abused.", "The report makes 11 recommendations."),
    # units of time say when, not what
    ("The agency was brought in last year to review the force.",
     "Over the years, the force overlooked warnings, the agency said."),
    # and so do days and parts of the day: one day's announcements are not one fact
    ("Officials in Dorrington said on Thursday night that the bridge would reopen.",
     "Officials in Dorrington said on Thursday night that two schools would close."),
    ("The mayor said on Monday that the ferry service would be suspended in January.",
     "The mayor said on Monday that council tax would rise in January."),
    # a small count with nothing else in common is one mention: two other investigations
    ("Two of the investigations did not result in any cases being brought to court.",
     "Two of the force's current investigations, Redwood and Larch, will be managed by detectives "
     "in Harbourside but co-ordinated by the agency."),
])
def test_figures_and_time_words_in_another_role_do_not_align(a, b):
    assert not _aligned(a, b)


@pytest.mark.parametrize("a, b", [
    ("Children as young as 11 were abused in the town, the report found.",
     "The report found that children as young as 11 had been abused in the town."),
    ("The report makes 11 recommendations to the force.", "Eleven recommendations are made to the force in the report."),
    ("The agency reviewed the force's child protection work last year.",
     "Last year the agency reviewed child protection work at the force."),
    ("Two of the investigations did not result in any prosecutions.",
     "Two of these investigations resulted in no prosecutions."),
])
def test_the_same_figures_in_the_same_role_still_align(a, b):
    assert _aligned(a, b)


def _manual_groups(*members):
    from claimcheck.model import ClaimKind, Group, Relation

    return [Group(id=f"g{n}", claims=ids, sources=sorted(i.split("/")[0] for i in ids),
                  relation=Relation.PARAPHRASE, score=0.9, kind=ClaimKind.STATEMENT)
            for n, ids in enumerate(members, 1)]


def test_links_need_more_in_common_than_one_mention():
    """Two groups are not linked as stating one fact when the linking claims share only one
    short noun phrase ("senior officers"): each says something else about them. Sharing a
    longer run ("the storm cut power to the town") or a figure still links."""
    from claimcheck.align import relate
    from claimcheck.model import Claim

    mk = lambda cid, text: Claim(id=cid, source=cid[0], start=0, end=0, text="", kind="statement", norm=text)
    officers = [mk("a/s1", "senior officers were unhappy with the report"),
                mk("b/s1", "the report left senior officers unhappy"),
                mk("c/s1", "senior officers had not been told about the requests"),
                mk("d/s1", "nobody told senior officers about the requests")]
    assert relate(_manual_groups(("a/s1", "b/s1"), ("c/s1", "d/s1")), officers) == {}
    storm = [mk("a/s1", "the storm cut power to the town and closed the coast road near marby"),
             mk("b/s1", "police closed the coast road near marby after the storm"),
             mk("c/s1", "the storm cut power to the town on friday")]
    # the two-fact sentence a/s1 (in g1) states g2's fact; c/s1 does not state g1's
    assert {gid: [(r.group, r.claims) for r in links] for gid, links in
            relate(_manual_groups(("a/s1", "b/s1"), ("c/s1",)), storm).items()} == {"g2": [("g1", ("a/s1",))]}


def test_a_number_pointing_back_is_no_shared_figure():
    """"The other two" refers to things named before: it is no figure another sentence could
    share (a shared figure raises a pair's score); "two of which" still is."""
    report = claimcheck.compare([Source(id="a", text="It was not as developed as the other two."),
                                 Source(id="b", text="Two of which resulted in no prosecutions.")])
    claims = [c for c in report.claims if not c.fragment]
    numbers = {c.source: Scorer(claims).features[c.id].numbers for c in claims}
    assert numbers == {"a": frozenset(), "b": frozenset({("count", None, 2.0, None)})}  # (kind, unit, value, upper)


def test_a_title_before_a_name_is_part_of_the_name():
    """"Chief Constable David Crompton" is one mention: its title words do not count as
    shared content besides the name (two sentences about one officer doing two things)."""
    from claimcheck.quotes import build_lexicon

    texts = ["Chief Constable David Crompton accepted the findings of the review.",
             "The agency was brought in last year by Chief Constable David Crompton to review the investigations."]
    report = claimcheck.compare([Source(id="a", text=texts[0]), Source(id="b", text=texts[1])])
    claims = [c for c in report.claims if not c.fragment]
    scorer = Scorer(claims, lexicon=build_lexicon(texts))
    seqs = [scorer.features[c.id].seq for c in claims]
    assert all("@david crompton" in s and "chief" not in s and "constable" not in s for s in seqs)
    # a title word elsewhere is a plain word ("a new chief"; not a credit such as "the chief
    # said", whose words are its provenance, not its content)
    other = claimcheck.compare([Source(id="a", text="The agency appointed a new chief to review the force.")])
    assert "chief" in Scorer(other.claims).features[other.claims[0].id].seq


def test_a_shared_mention_besides_the_story_topic_is_no_shared_fact():
    """In a story about the police, the council and a report, two sentences sharing only
    "senior officers" besides those topic words state two facts; a sentence telling the
    same fact in other words ("unhappy" / "angry") still joins. A story of a few sentences
    has no topic words."""
    from claimcheck.align import one_mention
    from claimcheck.model import Claim

    mk = lambda cid, text: Claim(id=cid, source=cid.split("/")[0], start=0, end=0, text="", kind="statement",
                                 norm=text)
    story = [mk(f"f{i}/s1", t) for i, t in enumerate([
        "police said the council report was published on monday",
        "the council report criticised police over delays",
        "police and the council met to discuss the report",
        "the report said police had improved training",
        "council leaders welcomed the police report",
        "police chiefs said the report was fair to the council",
    ])]
    unhappy = mk("a/s1", "police and senior officers at the council were unhappy with the report")
    alert = mk("b/s1", "the report said attempts to alert senior officers to the problem had failed")
    angry = mk("c/s1", "police and senior officers at the council were angry about the report")
    scorer = Scorer(story + [unhappy, alert, angry])
    assert scorer.topic == {"police", "council", "report"}
    assert one_mention(scorer.features["a/s1"], scorer.features["b/s1"], scorer.topic)
    assert [g.claims for g in align(story + [unhappy, alert, angry]) if len(g.sources) > 1] == [("a/s1", "c/s1")]
    assert Scorer([unhappy, alert]).topic == frozenset()


def test_relate_prunes_nothing_that_changes_a_link(monkeypatch):
    """Oracle for relate's shortcuts: scoring only each claim type's candidates that can
    still change its best groups, skipping pairs one group holds alone, and reusing what
    align read of each statement give the links that scoring every candidate pair gives."""
    from benchmarks.generate import generate

    from claimcheck import align as al
    from claimcheck.quotes import build_lexicon
    from claimcheck.normalise import normalise

    sources = sorted(generate(36, seed=7), key=lambda s: s.id)
    report = claimcheck.compare(sources)
    lexicon = build_lexicon([normalise(s).text for s in sources])
    assert sum(len(g.related) for g in report.groups) > 20
    fast = al.relate(report.groups, report.claims, lexicon=lexicon)
    assert {g.id: g.related for g in report.groups if g.related} == fast  # the pipeline reuses align's reading

    def every_pair(pool, scorer, sides, threshold):
        tids, srcs = al._type_sources(pool, scorer)
        near = {}
        for a, b in sorted(al._candidate_types(tids, scorer, srcs, threshold)):
            near.setdefault(a, []).append((1.0, b))
            if a != b:
                near.setdefault(b, []).append((1.0, a))
        return near

    monkeypatch.setattr(al, "_relate_candidates", every_pair)
    assert al.relate(report.groups, report.claims, lexicon=lexicon) == fast


def test_a_sources_sentences_sharing_a_name_do_not_pile_into_one_group():
    """One source's several sentences about one body, each stating a different fact (some
    sharing the pier, the day or the crack with the fact another source states), do not
    join the group of the one sentence that other source shares, nor are they linked to
    it; a source telling one fact twice keeps both tellings in that fact's group."""
    body = "The Harbour Authority"
    a = Source(id="a", text=(
        f"{body} closed the northern pier on Monday after a crack was found in its supports. "
        f"{body} has appointed a new chief engineer, Maria Okafor. "
        f"{body} said the northern pier's lights would be replaced next spring. "
        f"Fishing crews have asked {body.lower()} to extend the mooring season. "
        f"{body} found a crack in the seawall last year."))
    b = Source(id="b", text=(
        f"A crack in the supports of the northern pier led {body.lower()} to close it on Monday. "
        f"Divers from {body.lower()} were seen near the lighthouse on Tuesday."))
    report = claimcheck.compare([a, b])
    assert [g.claims for g in report.shared_groups] == [("a/s1", "b/s1")]
    assert all(not g.related for g in report.groups)

    repeats = Source(id="a", text=(
        f"{body} closed the northern pier on Monday after a crack was found in its supports. "
        f"{body} said ferry fares would rise next spring. "
        "A crack found in its supports forced the northern pier to close on Monday, the authority said."))
    report = claimcheck.compare([repeats, Source(id="b", text=b.text.split(". ")[0] + ".")])
    assert [g.claims for g in report.shared_groups] == [("a/s1", "a/s3", "b/s1")]


def test_a_look_alike_of_the_same_source_stays_out_of_the_group():
    """A sentence about the same things (a pier, its supports, on the same day) stating
    another fact stays out of the group of the two tellings. Until days and months stopped
    counting as content words (they say when; dates are compared as figures) this was a
    strict xfail: the shared "Monday" lifted the look-alike to the threshold. Requiring a source's members to score the threshold with each other (a source
    repeating itself) would not keep this out: the look-alike (another pier reopened) scores
    it with the source's own telling too. Measured on the seeds (round 5), that requirement
    lost true pairs: groups only 0.852 / 0.525 -> 0.836 / 0.465, claim-level links
    0.790 / 0.838 -> 0.816 / 0.808 (a source's two sentences the fixture pairs with the
    same third sentence may score under the threshold with each other)."""
    decoy = "The Harbour Authority reopened the southern pier on Monday after repairs to its supports."
    a = Source(id="a", text="The Harbour Authority closed the northern pier on Monday after a crack was found in "
                            "its supports. The Harbour Authority has appointed a new chief engineer, Maria Okafor. "
                            + decoy)
    b = Source(id="b", text="A crack in the supports of the northern pier led the harbour authority to close it "
                            "on Monday.")
    report = claimcheck.compare([a, b])
    assert [g.claims for g in report.shared_groups] == [("a/s1", "b/s1")]


def test_who_a_statement_credits_is_no_shared_fact():
    """Two things one body said are two facts; one fact credited to two bodies still aligns
    (and is compared as an attribution)."""
    assert not _aligned("According to the Office for Rail Standards, punctuality on the line fell sharply.",
                        "According to the Office for Rail Standards, fares on the line will rise in January.")
    assert _aligned("The ferry terminal will close for repairs, the Harbour Authority of Kelso said.",
                    "The ferry terminal is to close for repairs, according to the Kelso port trust.")
    from claimcheck.align import Scorer

    report = claimcheck.compare([Source(id="a", text="Flooding closed the bypass, the Met Office said.")])
    assert Scorer(report.claims).features["a/s1"].lemmas == {"flooding", "close", "bypass"}


@pytest.mark.parametrize("verbal, nominal", [
    ("the plant will close", "the closure of the plant"),
    ("two walkers died on the path", "the deaths of two walkers on the path"),
    ("three nurses were hurt", "injuries to three nurses"),
    ("the treasurer stole from the club", "the theft from the club by the treasurer"),
    ("inspectors warned the bridge could fail", "the inspectors' warning of the bridge's failure"),
])
def test_a_verb_and_the_noun_of_its_act_are_one_content_word(verbal, nominal):
    from claimcheck.model import Claim

    a, b = (Claim(id=f"{s}/s1", source=s, start=0, end=0, text="", kind="statement", norm=t)
            for s, t in (("a", verbal), ("b", nominal)))
    assert Scorer([a, b]).score(a.id, b.id).dice == 1.0


def test_a_short_clause_meets_its_fact_not_a_long_sentence_that_holds_its_words():
    """ "and said production would move to the firm's plant in X" shares four words with a
    long sentence about another thing ("... as companies moved production to fewer,
    larger plants"); it states the fact of the medium sentence that says where production
    moves, and the two name different plants."""
    sources = [
        Source(id="a", text="Hartley Foods will close the Marsh Lane bakery in Dunmore by June. The snack maker said "
                            "production of the bakery's best-known lines, including its custard tarts and lemon "
                            "slices, would move to its plant in Ashby."),
        Source(id="b", text="Workers at the Marsh Lane bakery in Dunmore have been told it will close by June. Owner "
                            "Hartley Foods broke the news to staff on the bakery floor this week, and said production "
                            "would move to the firm's plant in Deneford."),
        Source(id="c", text="A report by the Food Federation last year found that 8% of food manufacturing jobs in the "
                            "region had disappeared since 2019 as companies moved production to fewer, larger, "
                            "automated plants. Hartley Foods is closing the Marsh Lane bakery in Dunmore."),
    ]
    report = claimcheck.compare(sources)
    group = _group_of(report)
    [clause] = [c for c in report.claims if c.source == "b" and c.text.startswith("and said production")]
    assert group[clause.id] == group["a/s2"] != group["c/s1"]
    [d] = report.discrepancies
    assert d.type.value == "entity" and sorted(v.value for v in d.values) == ["Ashby", "Deneford"]


def test_a_fire_is_no_dismissal():
    # "fire" folded onto "sack" made every blaze a dismissal: "the fire at the depot" met
    # "staff sacked at the depot"
    from claimcheck.model import Claim

    a, b = (Claim(id=f"{s}/s1", source=s, start=0, end=0, text="", kind="statement", norm=t)
            for s, t in (("a", "the fire at the depot"), ("b", "staff sacked at the depot")))
    assert Scorer([a, b]).features[a.id].lemmas == {"fire", "depot"}
