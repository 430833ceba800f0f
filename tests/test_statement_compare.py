"""Entity and attribution discrepancies between aligned statements: flagged and not."""

from __future__ import annotations

import pytest

import claimcheck
from claimcheck import Source


def _types(a, b):
    report = claimcheck.compare([Source(id="a", text=a), Source(id="b", text=b)])
    return report, sorted({d.type.value for d in report.discrepancies})


def _attribution(a, b):
    """The report of sources ``a`` and ``b`` and its attribution discrepancy, whose values
    must show their exact spans and come from both sources."""
    report, types = _types(a, b)
    assert "attribution" in types
    d = next(d for d in report.discrepancies if d.type.value == "attribution")
    texts = {s.id: s.text for s in report.sources}
    assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)
    assert {v.source for v in d.values} == {"a", "b"}
    return report, d


def test_entity_swap_is_flagged_with_spans():
    a = "The review said the force failed to work effectively with local authorities in the city."
    b = "The review said the force failed to work effectively with the city council in the city."
    report, types = _types(a, b)
    assert "entity" in types
    d = next(d for d in report.discrepancies if d.type.value == "entity")
    texts = {s.id: s.text for s in report.sources}
    assert {v.value for v in d.values} == {"local authorities", "the city council"} or \
        {v.value for v in d.values} == {"local authorities", "city council"}
    assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)
    assert d.summary.endswith(".") and "\n" not in d.summary


def test_attribution_to_different_authors_is_flagged():
    a = "Gangs abused at least 300 children in the town over a decade, according to a report by the regional health agency."
    b = "Gangs abused at least 300 children in the town over a decade, according to a report by Professor Ann Hale."
    _attribution(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a swapped verb is not an entity
        ("Fiona Shaw won the Highlands seat for the Liberal Democrats by 4,312 votes.",
         "Fiona Shaw lost the Highlands seat for the Liberal Democrats by 4,312 votes."),
        # synonyms are the same party
        ("More than 40 children were treated in hospital after the crash on the bypass.",
         "More than 40 minors were treated in hospital after the crash on the bypass."),
        # the same author cited two ways
        ("The force missed chances to protect victims, according to a report by the National Crime Agency.",
         "The force missed chances to protect victims, according to a report by the NCA."),
        # an anonymous report credits nobody
        ("The force missed chances to protect victims, a report has found.",
         "The force missed chances to protect victims, according to a report by the NCA."),
        # identical statements
        ("The council approved the plan on Monday.", "The council approved the plan on Monday."),
        # two differences: not one role swapped
        ("The mayor opened the new bridge over the river on Monday.",
         "The governor closed the old bridge over the river on Friday."),
    ],
)
def test_not_flagged(a, b):
    _, types = _types(a, b)
    assert "entity" not in types and "attribution" not in types


def test_seed_report_has_no_statement_false_alarms(seed_report):
    # precision first: every entity/attribution value on the seeds must point at text
    texts = {s.id: s.text for s in seed_report.sources}
    for d in seed_report.discrepancies:
        if d.type.value in ("entity", "attribution"):
            assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)
            assert len({v.source for v in d.values}) >= 2


@pytest.mark.parametrize(
    ("a", "b", "credits"),
    [
        # a figure found by one inquiry in one source, in another report in the other
        ("The death rate on the ward was twice the national average, a figure found by the Harland inquiry.",
         "The death rate on the ward was twice the national average, a figure found in the Dunmore report.",
         {"the Harland inquiry", "the Dunmore report"}),
        # an agency's finding in one source, a person's report in the other
        ("Waiting times at the hospital doubled between 2019 and 2023, the Care Quality Commission found.",
         "Waiting times at the hospital doubled between 2019 and 2023, according to a report by Professor Ann Hale.",
         {"the Care Quality Commission", "a report by Professor Ann Hale"}),
        # "according to X" against "Y's report"
        ("Fewer than half of the town's bridges had been inspected, according to the Westmoor Trust.",
         "Fewer than half of the town's bridges had been inspected, Dr Omar Reyes's report concluded.",
         {"the Westmoor Trust", "Dr Omar Reyes's report"}),
    ],
)
def test_finding_credited_to_different_bodies_is_flagged(a, b, credits):
    _, d = _attribution(a, b)
    assert {v.value for v in d.values} == credits
    assert d.summary.endswith(".") and "\n" not in d.summary and "different bodies" in d.summary


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same body named in full, then as "the agency"
        ("The river burst its banks at Tewkesbury on Sunday, the Environment Agency said.",
         "The river burst its banks at Tewkesbury on Sunday, the agency said."),
        # a full name and its acronym
        ("Waiting times at the hospital doubled between 2019 and 2023, according to the Care Quality Commission.",
         "Waiting times at the hospital doubled between 2019 and 2023, the CQC said."),
        # both credits present in both sources
        ("Waiting times at the hospital doubled between 2019 and 2023, the Care Quality Commission found, "
         "according to Professor Ann Hale.",
         "Professor Ann Hale said waiting times at the hospital doubled between 2019 and 2023, "
         "the Care Quality Commission found."),
        # one body, as a speaker and as the author of a report
        ("Waiting times at the hospital doubled between 2019 and 2023, the Nuffield Trust said.",
         "Waiting times at the hospital doubled between 2019 and 2023, the Nuffield Trust's report found."),
        # one person, with and without a first name
        ("The death rate on the ward was twice the national average, Professor Hale's report found.",
         "The death rate on the ward was twice the national average, according to a report by Professor Ann Hale."),
        # a department named in full, with a comma in its name, and by its acronym
        ("A spokesperson for the Department for Environment, Food and Rural Affairs said the government was "
         "determined to clean up the air we breathe.",
         "A Defra spokesperson said the government was determined to clean up the air we breathe."),
        # only one source credits anyone
        ("The death rate on the ward was twice the national average, the Harland inquiry found.",
         "The death rate on the ward was twice the national average."),
    ],
)
def test_same_credit_is_not_flagged(a, b):
    _, types = _types(a, b)
    assert "attribution" not in types


# --- a finding credited in a relative clause ("the X report, which found ...") --------------


@pytest.mark.parametrize(
    ("a", "b", "credits"),
    [
        # a named report as the antecedent of "which found"
        ("The review was launched in the wake of the Harland report, which found at least 300 patients had "
         "been harmed at the hospital between 2015 and 2020.",
         "At least 300 patients were harmed at the hospital between 2015 and 2020, according to a report by "
         "the Care Quality Commission.",
         {"the Harland report", "a report by the Care Quality Commission"}),
        # a report by a person, then "who said"
        ("The minister ordered the inquiry after a study by Professor Ann Hale, who said that waiting times "
         "at the hospital doubled between 2019 and 2023.",
         "Waiting times at the hospital doubled between 2019 and 2023, the Nuffield Trust found.",
         {"a study by Professor Ann Hale", "the Nuffield Trust"}),
    ],
)
def test_relative_clause_credits_its_antecedent(a, b, credits):
    report, d = _attribution(a, b)
    assert {v.value for v in d.values} == credits
    # provenance shows the credit on the clause's group
    shared = next(p for p in report.provenance if len({c.source for c in p.carried_by}) == 2)
    assert any(c.name in credits for c in shared.attributed_to if c.source == "a")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same report as the antecedent and as the credit
        ("The review was launched in the wake of the Harland report, which found at least 300 patients had "
         "been harmed at the hospital between 2015 and 2020.",
         "The Harland report found that at least 300 patients were harmed at the hospital between 2015 and 2020."),
        # the antecedent is no report or name ("the ward, which said"): nobody is credited
        ("The minister ordered the inquiry after the council closed the ward, which said that waiting times "
         "at the hospital doubled between 2019 and 2023.",
         "Waiting times at the hospital doubled between 2019 and 2023, the Nuffield Trust found."),
        # a relative clause that reports nothing ("which opened in 2019") credits nobody
        ("Staff were moved to the Harland Wing, which opened at the hospital in 2019 after years of delays.",
         "The Harland Wing opened at the hospital in 2019 after years of delays, the Nuffield Trust said."),
    ],
)
def test_relative_clause_not_a_clash(a, b):
    _, types = _types(a, b)
    assert "attribution" not in types


def test_antecedent_spans_point_at_the_source():
    from claimcheck.clauses import antecedent

    for left, want in [("It followed the damning Harland report, ", "the damning Harland report"),
                       ("It followed a review by Dr Omar Reyes, ", "a review by Dr Omar Reyes"),
                       ("This followed an August report by Professor Ann Hale, ", "an August report by Professor Ann Hale"),
                       ("It was praised by Professor Ann Hale, ", "Professor Ann Hale")]:
        span = antecedent(left)
        assert span is not None and left[span[0]:span[1]] == want
    for left in ("The council closed the road, ", "It was commissioned in the wake of , "):
        assert antecedent(left) is None


# --- "the same fact?": differences between look-alikes are not flagged -------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same figure about other things done ("arrested" / "injured")
        ("Police said 40 people were arrested after the protest in Marlow on Sunday.",
         "Police said 40 officers were injured during the protest in Marlow on Sunday."),
        # the same percentage, another measure moving the other way, each credited to its body
        ("Food prices in Wales rose 4% last year, according to the Kestrel Institute.",
         "Energy bills in Wales fell 4% last year, according to the Office for Fuel."),
        # one figure pairs with its equal: the other figure of the sentence is no rival
        ("Members backed the merger by 64% to 36%.", "Turnout among members in the merger vote was 36%."),
        # two announcements made on one day about one place share a time, not a thing: the
        # days and seasons near the figures are no common context
        ("The mayor said on Tuesday that the city would introduce a clean air charge of £9 a day from next spring.",
         "The mayor said on Tuesday that single tram fares in the city would be capped at £2 from next spring."),
    ],
)
def test_look_alikes_are_not_flagged(a, b):
    report, _ = _types(a, b)
    assert not [d for d in report.discrepancies if d.type.value in ("quantity", "referent", "attribution")]


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("At least 40 children were treated in hospital after the fire in Marlow on Sunday.",
         "At least 40 girls were treated in hospital after the fire in Marlow on Sunday.", "referent"),
        ("Police said 40 people were arrested after the protest in Marlow on Sunday.",
         "Police said 47 people were arrested after the protest in Marlow on Sunday.", "quantity"),
        ("Food prices in Wales rose 4% last year, according to the Kestrel Institute.",
         "Food prices in Wales rose 4% last year, according to the Office for Fuel.", "attribution"),
        # told in other words: the verb before one figure ("free to ... abuse"), after the other
        ("Failings left gangs free to rape, traffic and sexually abuse at least 300 children in the town.",
         "More than 300 children were abused by gangs in the town after a series of failings.", "hedge"),
    ],
)
def test_the_same_fact_told_differently_is_still_flagged(a, b, kind):
    _, types = _types(a, b)
    assert kind in types


@pytest.mark.xfail(strict=True, reason="known limit: the words around each figure (mayor, city centre, next "
                   "spring) are mostly shared, and neither figure's verb is read ('would cost £3', 'capped at "
                   "£1'), so the guard cannot tell the parking charge from the bus fare")
def test_two_prices_of_other_things_in_one_announcement_are_not_flagged():
    report, _ = _types("The mayor of Brindle said on Tuesday that parking in the city centre would cost £3 an hour "
                       "from next spring.",
                       "The mayor of Brindle said on Tuesday that bus fares in the city centre would be capped at £1 "
                       "from next spring.")
    assert not [d for d in report.discrepancies if d.type.value == "quantity"]


def test_same_fact_helper():
    from claimcheck.model import Claim
    from claimcheck.quantities import find_quantities
    from claimcheck.statement_compare import same_fact

    def mk(cid, text):
        return Claim(id=cid, source=cid[0], start=0, end=len(text), text=text, kind="statement",
                     quantities=find_quantities(text))

    died = mk("a/s1", "At least 12 people died when the bus left the road near Tarn.")
    rescued = mk("b/s1", "At least 12 people were rescued when the bus left the road near Tarn.")
    killed = mk("c/s1", "More than 12 people died when the bus left the road near Tarn.")
    assert not same_fact(died, died.quantities[0], rescued, rescued.quantities[0])
    assert same_fact(died, died.quantities[0], killed, killed.quantities[0])


@pytest.mark.parametrize("a, b, names", [
    # the same role, the rest of each sentence worded its own way
    ("The 23 passengers who were hurt, four of them seriously, were taken to Marlow General Hospital.",
     "Twenty-three passengers were injured and taken to Ashcombe Royal Infirmary, where four were treated "
     "for serious injuries.",
     {"Marlow General Hospital", "Ashcombe Royal Infirmary"}),
    ("Judge Rachel Dunn granted the former director bail until he is sentenced at a later date, the court heard.",
     "Judge Peter Okoro released the former director on bail until he is sentenced at a later date.",
     {"Rachel Dunn", "Peter Okoro"}),
    # a lower-cased text names with no capitals: its words after the same role, as many as
    # the other's name has
    ("The dark grey Audi estate was later found burnt out in a lane near the village of Saltby.",
     "the dark grey audi estate used in the raid was found burnt out near the village of coldhurst hours after "
     "the break-in .",
     {"Saltby", "coldhurst"}),
    # both names end in the kind of place they name: that word says nothing of which
    ("Nine people were treated at St Wulstan's Hospital in Ledmore after the wedding.",
     "nine guests were treated at ledmore community hospital after the wedding , where two remain .",
     {"St Wulstan's Hospital", "ledmore community hospital"}),
])
def test_a_name_in_the_same_role_worded_differently_is_an_entity_swap(a, b, names):
    report, types = _types(a, b)
    assert report.shared_groups and "entity" in types
    d = next(d for d in report.discrepancies if d.type.value == "entity")
    texts = {s.id: s.text for s in report.sources}
    assert {v.value for v in d.values} == names
    assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)


@pytest.mark.parametrize("a, b", [
    # the other source names both: a town and the county it is in
    ("Twenty passengers were hurt and taken to hospital in Carsby, North Dale.",
     "The 20 passengers who were hurt were taken to hospital in North Dale."),
    # one name spelt out and shortened
    ("The injured were taken to Marlow General Hospital, police said.",
     "The injured were taken to Marlow General, where they were treated for cuts."),
    # two interviews, not one role: verbs of saying give no role
    ("The chief executive spoke to Radio Dale on Monday about the closure of the plant.",
     "The chief executive spoke to the Ashcombe Echo on Monday about the plant's closure."),
    # months are dates, not names
    ("The plant will close in March, with the loss of 300 jobs at the site.",
     "The site will shut in May, with the loss of 300 jobs."),
    # words the cased text writes in lower case are common words, not a name
    ("The bakery moved to Ashby in March after its new premises were found to be too small.",
     "the bakery moved to new premises in march after the old site was sold ."),
    # a common noun after the role names no rival
    ("Nine people were treated at Ledmore Hospital after the wedding.",
     "nine people were treated at hospital after the wedding , the council said ."),
    # one hospital, with and without a word of its name
    ("Nine people were treated at Ledmore Hospital after the wedding.",
     "Nine people were treated at Ledmore General Hospital after the wedding, the council said."),
])
def test_names_in_one_role_that_do_not_clash_are_not_entity_swaps(a, b):
    report, types = _types(a, b)
    assert report.shared_groups
    assert "entity" not in types


_BOARD = "The Harbour Safety Board published its interim report into the crane collapse on Monday. "


@pytest.mark.parametrize("a, b", [
    (_BOARD + "The board found that the crane had last been inspected 27 months before the collapse.",
     "According to Dockline's own internal review, the crane had last been inspected 27 months before the collapse."),
    ("Brightwater Homes Trust has 40 hostels. Threlfall took £1.2m over six years, according to the trust.",
     "Threlfall took £1.2m over six years, according to the Charity Commission."),
])
def test_a_body_referred_back_to_is_credited_as_the_body_named_before(a, b):
    _, d = _attribution(a, b)
    assert any(v.value.lower().startswith(("the board", "the trust")) for v in d.values)


@pytest.mark.parametrize("a, b", [
    # the same body, in full in one source and referred back to in the other
    (_BOARD + "The board found that the crane had last been inspected 27 months before the collapse.",
     "The crane had last been inspected 27 months before the collapse, the Harbour Safety Board found."),
    # two boards named before: "the board" is either, so it names neither
    (_BOARD + "The Dockline Board met on Tuesday. The board found that the crane had last been inspected "
              "27 months before the collapse.",
     "According to Dockline's own internal review, the crane had last been inspected 27 months before the collapse."),
])
def test_a_body_referred_back_to_that_is_no_other_body_is_not_a_clash(a, b):
    _, types = _types(a, b)
    assert "attribution" not in types


@pytest.mark.parametrize(("a", "b", "values"), [
    # an inspection is a document that speaks for its author, as a report is
    ("An Environment Agency inspection last year found that bales of waste at the plant were stacked too high.",
     "An inspection by Harbury Borough Council last year found that bales of waste at the plant were stacked too high.",
     {"An Environment Agency inspection", "An inspection by Harbury Borough Council"}),
    # what the author is, in lower case, then its name
    ("A report by accountancy firm Brindle Marsh found the university could run out of cash by July.",
     "A report by Professor Ann Hale found the university could run out of cash by July.",
     {"A report by accountancy firm Brindle Marsh", "A report by Professor Ann Hale"}),
])
def test_a_finding_credited_to_two_authors_described_or_inspecting(a, b, values):
    _, d = _attribution(a, b)
    assert {v.value for v in d.values} == values


def test_one_author_described_or_not_is_one_body():
    a = "A report by accountancy firm Brindle Marsh found the university could run out of cash by July."
    b = "A report by Brindle Marsh found the university could run out of cash by July."
    _, types = _types(a, b)
    assert "attribution" not in types


def test_a_name_before_the_kind_of_place_fills_the_role_after_the():
    """ "the closure of the Norbury campus" / "the planned closure of the Ashgrove campus":
    one role, two names, though "the" stands between the role and the name."""
    a = "The plan also includes the closure of the Norbury campus, whose courses will move to the city centre."
    b = ("That explains one of the less-noticed parts of the package: the planned closure of the Ashgrove "
         "campus, with its teaching to be moved to the city centre.")
    report, types = _types(a, b)
    assert "entity" in types
    d = next(d for d in report.discrepancies if d.type.value == "entity")
    assert {v.value for v in d.values} == {"Norbury", "Ashgrove"}


def test_a_name_after_the_whose_next_word_may_be_a_verb_fills_no_role():
    # "at the University of Elmsford found ...": the next word is no kind of place
    a = "Researchers at the University of Elmsford found that drinking two cups of coffee a day was safe."
    b = "Researchers at Castlemoor University found that drinking two cups of coffee a day was safe."
    _, types = _types(a, b)
    assert "entity" not in types


@pytest.mark.parametrize(("a", "b"), [
    ("A motion sensor in the gallery had been faulty for several weeks, according to the museum's own internal review.",
     "A motion sensor in the gallery had been faulty for several weeks, according to a report by the museum's insurers."),
    ("Earlier this year the university's own finance committee found that it could run out of cash by July.",
     "A report by accountancy firm Brindle Marsh found that the university could run out of cash by July."),
])
def test_a_finding_credited_to_a_body_described_by_its_owner(a, b):
    # the museum's review is the museum's; its insurers are the insurers; the university's
    # own committee is no accountancy firm
    _attribution(a, b)


def test_a_body_described_by_its_owner_and_named_is_one_body():
    a = "The council's own review found that the bridge had not been inspected for six years."
    b = "A review by Harbury Council found that the bridge had not been inspected for six years."
    _, types = _types(a, b)
    assert "attribution" not in types


# --- a credit opening the sentence ("CQC inspectors found ...") ------------------------------

_DRINK = " found that a third of the patients they spoke to in corridors had not been offered a drink."


@pytest.mark.parametrize(
    ("a", "b", "credits"),
    [
        # an acronym opens the sentence: a name, whatever its place
        ("CQC inspectors" + _DRINK, "Healthwatch volunteers" + _DRINK + " Volunteers from Healthwatch visited in May.",
         {"CQC inspectors", "Healthwatch volunteers"}),
        # a first word the source capitalises inside a sentence too
        ("Ofsted inspectors" + _DRINK + " The report by Ofsted was published on Monday.",
         "Healthwatch volunteers" + _DRINK + " The findings of Healthwatch were sent to the trust.",
         {"Ofsted inspectors", "Healthwatch volunteers"}),
    ],
)
def test_a_credit_opening_the_sentence_is_read(a, b, credits):
    _, d = _attribution(a, b)
    assert {v.value for v in d.values} == credits


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # capitalised only because it opens the sentence: no name, nothing to compare
        ("Inspectors" + _DRINK, "Volunteers from the charity" + _DRINK),
        ("Healthwatch volunteers" + _DRINK, "Volunteers" + _DRINK),
        # one body, as an acronym and in full
        ("CQC inspectors" + _DRINK + " The Care Quality Commission visited in May.",
         "Inspectors from the Care Quality Commission" + _DRINK),
    ],
)
def test_a_sentence_opening_word_alone_is_no_other_credit(a, b):
    _, types = _types(a, b)
    assert "attribution" not in types


@pytest.mark.parametrize("document", ["notice", "figures"])
def test_a_document_of_a_body_referred_back_to_is_that_bodys(document):
    """"the regulator's notice" is the notice of the one regulator the source names in full."""
    a = (f"The Housing Standards Regulator issued a notice in April. According to the regulator's {document}, "
         "complaints were routinely closed without any repair being carried out.")
    b = "The review by Judith Arkwright found that complaints were routinely closed without any repair being carried out."
    _, d = _attribution(a, b)
    assert {v.value for v in d.values} == {f"the regulator's {document}", "The review by Judith Arkwright"}
    # the same body's notice and its review: one credit
    c = ("The Housing Standards Regulator issued a notice in April. The regulator's review found that complaints "
         "were routinely closed without any repair being carried out.")
    assert "attribution" not in _types(a, c)[1]
