"""Provenance: carriers, credits, citations, shared wording and coverage on the seeds."""

from __future__ import annotations

import pytest

from claimcheck.provenance import cites_in, coverage, credits_in


def test_every_group_has_provenance_with_true_spans(seed_report):
    texts = {s.id: s.text for s in seed_report.sources}
    prov = {p.group: p for p in seed_report.provenance}
    assert set(prov) == {g.id for g in seed_report.groups}
    for p in seed_report.provenance:
        for c in p.carried_by:
            assert texts[c.source][c.start:c.end] == seed_report.claim(c.claim).text
        for c in p.attributed_to:
            assert texts[c.source][c.start:c.end] == c.name
        for c in p.cites:
            assert texts[c.source][c.start:c.end] == c.name
        for s in p.shared_wording:
            assert s.words >= 10 and s.a != s.b


def test_coverage_matrix_and_unique_claims(seed_report):
    ids = [s.id for s in seed_report.sources]
    matrix, unique = coverage(seed_report.groups, ids)
    assert set(matrix) == set(ids)
    for g in seed_report.groups:
        assert {s for s in ids if matrix[s][g.id]} == set(g.sources)
    # a group in a source's unique list is carried by that source alone
    for s, gids in unique.items():
        assert all(seed_report.groups[int(g[1:]) - 1].sources == (s,) for g in gids)
    # the later, related story (003) shares few facts: most of its groups are its own
    later = "003_c112dde57de14b8b"
    own = len(unique[later])
    shared = sum(matrix[later][g.id] for g in seed_report.shared_groups)
    assert own > 3 * shared


def test_credits_name_who_says_not_what_a_passive_verb_describes():
    text = "Drugs worth £2m were found in a van, the Border Force said."
    assert [(name, text[s:e]) for name, s, e in credits_in(text)] == [("the Border Force", "the Border Force")]
    # "was found to be", "were told", "is said": nobody is credited by a passive verb
    for text in ("A van stopped at Dover was found to be carrying cocaine, officers said.",
                 "Investigators were told that the records had been destroyed.",
                 "The ship is said to have sunk within minutes."):
        names = [name for name, _, _ in credits_in(text)]
        assert not any(n.split()[-1].lower() in ("was", "were", "is", "are") for n in names), names
        assert names in ([], ["officers"]), names
    text = "Spending rose by 4%, according to the Treasury."
    assert [(text[s:e]) for _, s, e in credits_in(text)] == ["the Treasury"]


@pytest.mark.parametrize("text, credits", [
    ("But the agency also said the plan was sound.", ["the agency"]),
    ("The report also found that waiting lists had grown.", ["The report"]),
    ("The road will close for a week, the mayor said.", ["the mayor"]),
    ("It backed claims from the residents' association that the road was unsafe.", []),
    ("The council refutes claims in the article.", []),
    ("The Harbour Commission (HC said the pier would reopen.", ["The Harbour Commission"]),
    ("But despite all the reports, the council said nothing had changed.", ["the council"]),
    ("The company, who in a statement said it regretted the delay, paid the fine.", []),
    # a comma inside a name's list is no clause break
    ("A spokesperson for the Department for Environment, Food and Rural Affairs said the air was cleaner.",
     ["Department for Environment, Food and Rural Affairs"]),
    ("After the vote, Smith and Jones said the plan was sound.", ["Smith and Jones"]),
    ("After the vote in Leeds, Smith and Jones said the plan was sound.", ["Smith and Jones"]),
])
def test_credits_are_names_not_clause_openers_or_nouns(text, credits):
    assert _names(credits_in, text) == credits


@pytest.mark.parametrize("text, cites", [
    ("It followed an August report by Professor Ann Hale, who said so.", ["an August report by Professor Ann Hale"]),
    ("the review followed an inquiry by the national audit office ( nao ) .",
     ["an inquiry by the national audit office"]),
    ("a report by strategic analyst dr ann hale , commissioned by the council , found",
     ["a report by strategic analyst dr ann hale"]),
    ("The figures come from a report by the agency.", ["a report by the agency"]),
    ("the times publishes an investigation into the council .", ["an investigation"]),
    ("A review of the force's work has led to 12 recommendations.", ["A review"]),
    ("The report from the Care Quality Commission was damning.", ["The report from the Care Quality Commission"]),
    ("in the wake of the report , the council resigned .", []),
])
def test_cites_name_the_document_and_its_whole_author(text, cites):
    assert _names(cites_in, text) == cites


def _names(finder, text):
    """The names ``finder`` (credits_in or cites_in) reads in ``text``, each checked to be
    the text at its span."""
    found = finder(text)
    assert all(text[s:e] == name for name, s, e in found)
    return [name for name, _, _ in found]
