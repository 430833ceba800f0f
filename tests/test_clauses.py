"""Clause splitting: a sentence carrying several facts becomes one claim per clause."""

from __future__ import annotations

import pytest

from claimcheck.clauses import clause_ranges


@pytest.mark.parametrize("text, parts", [
    ("the site is to close by the end of september , and 412 workers are expected to lose their jobs .",
     ["the site is to close by the end of september , ", "and 412 workers are expected to lose their jobs ."]),
    ("the plant will close by the end of june , and a consultation with staff is now under way .",
     ["the plant will close by the end of june , ", "and a consultation with staff is now under way ."]),
    ("the council will close the depot in march , with the loss of 40 jobs .",
     ["the council will close the depot in march , ", "with the loss of 40 jobs ."]),
    # a relative clause inside the subject is a fact of its own
    ("The striker, who scored twice in the cup final, has signed a new contract until 2028.",
     ["The striker, who scored twice in the cup final, ", "has signed a new contract until 2028."]),
    # the subject before such a relative clause stays with it: no clause is a bare name
    ("judge ann lee , who presided over the trial , said the man would be sentenced at a later date .",
     ["judge ann lee , who presided over the trial , ", "said the man would be sentenced at a later date ."]),
    # a second verb of saying with the same subject
    ("owner hartley foods told staff on the factory floor this week , and said production would move to deneford .",
     ["owner hartley foods told staff on the factory floor this week , ", "and said production would move to deneford ."]),
    # "and" joining two nouns, and "with" inside a phrase, do not split
    ("the council and the police agreed to review the cases , with help from the charity .",
     ["the council and the police agreed to review the cases , with help from the charity ."]),
])
def test_a_clause_with_a_subject_of_its_own_is_a_claim_of_its_own(text, parts):
    assert [text[a:b] for a, b in clause_ranges(text)] == parts
