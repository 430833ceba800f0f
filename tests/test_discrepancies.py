"""Discrepancies between aligned claims: what must be flagged, and what must not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimcheck
from claimcheck import Source

from .conftest import shared_groups


def flags(*texts):
    report = claimcheck.compare([Source(id=f"s{i}", text=t) for i, t in enumerate(texts)])
    return report, sorted({d.type.value for d in report.discrepancies})


def flagged(kind, a, b):
    """The values (sorted) of each ``kind`` discrepancy between sources "a" and "b" (texts
    or :class:`Source` objects)."""
    sources = [x if isinstance(x, Source) else Source(id=sid, text=x) for sid, x in (("a", a), ("b", b))]
    report = claimcheck.compare(sources)
    return [sorted(v.value for v in d.values) for d in report.discrepancies if d.type.value == kind]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("At least 300 people were evacuated from the valley on Sunday.",
         "More than 300 people were evacuated from the valley on Sunday.", ["hedge"]),
        ("Floods forced at least 2,000 women from their homes in the valley.",
         "Floods forced at least 2,000 children from their homes in the valley.", ["referent"]),
        ("The storm killed 12 people in the coastal towns on Friday.",
         "The storm killed 21 people in the coastal towns on Friday.", ["quantity"]),
        # a day of the week, and a name swapped at the start of the sentence
        ("The dam gave way on Monday night, flooding the lower valley.",
         "The dam gave way on Sunday night, flooding the lower valley.", ["date"]),
        ("Marlow Town Council opened an emergency shelter at the sports hall in the high street.",
         "Bucks County Council opened an emergency shelter at the sports hall in the high street.", ["entity"]),
        # one sentence told with another counted thing the lexicon does not know
        ("The county council said 23 bridges across the district would stay closed until Friday.",
         "The county council said 23 footpaths across the district would stay closed until Friday.", ["referent"]),
    ],
)
def test_flags_real_differences(a, b, expected):
    report, types = flags(a, b)
    assert types == expected
    d = report.discrepancies[0]
    texts = {s.id: s.text for s in report.sources}
    assert {v.source for v in d.values} == {"s0", "s1"}
    assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)
    assert d.summary.endswith(".") and "\n" not in d.summary


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # same bound in other words
        ("More than 300 people were evacuated from the valley on Sunday.",
         "Over 300 people were evacuated from the valley on Sunday."),
        # synonyms for the counted people
        ("More than 40 children were treated in hospital after the crash.",
         "More than 40 minors were treated in hospital after the crash."),
        # the same period said three ways
        ("Officers reviewed cases of abuse between 1997 and 2013 in the city.",
         "Officers reviewed cases of abuse over a 16-year period in the city."),
        # identical statements
        ("The council approved 48 recommendations on Monday.", "The council approved 48 recommendations on Monday."),
        # a sentence's first word is capitalised anyway: no name swapped
        ("Officials opened an emergency shelter at the sports hall in the high street.",
         "Volunteers opened an emergency shelter at the sports hall in the high street."),
        # the thing counted named another way, in other words around it
        ("The carmaker will cut 600 jobs at its Swindon plant by the end of the year.",
         "By the end of the year 600 posts will go at the carmaker's Swindon plant."),
        # the day it was said is not the day it happened
        ("The dam gave way on Sunday night, officials said on Monday.",
         "The dam gave way on Sunday night, officials said on Tuesday."),
    ],
)
def test_does_not_flag_consistent_statements(a, b):
    _, types = flags(a, b)
    assert types == []


def test_figures_about_different_things_are_not_compared():
    # Two reports in one story: each makes its own number of recommendations.
    a = ("The inspectors' report made 48 recommendations for the force. "
         "A separate review by a retired judge makes 11 recommendations about training.")
    b = "The inspectors told the force to make 48 recommendations for improvement."
    report, types = flags(a, b)
    assert "quantity" not in types


def test_partitive_and_label_numbers_are_not_totals():
    a = "Three inquiries are examining the collapse. The council took over one of the inquiries."
    b = "Phase one of the inquiry examined the collapse of three inquiries into the bridge."
    _, types = flags(a, b)
    assert "quantity" not in types


def test_seed_hedge_on_the_headline_figure(seed_report, seed_texts):
    hedges = [d for d in seed_report.discrepancies if d.type.value == "hedge"]
    assert hedges, "the at-least / more-than / over difference must be flagged"
    shown = {(v.source, v.value.lower()) for d in hedges for v in d.values}
    assert ("000_b5b3b3b0d2513ee5", "at least 1,400 children") in shown
    assert any(src == "001_7160a6edc39496a7" and val.startswith(("over", "more than")) for src, val in shown)


def test_seed_referent_children_vs_girls(seed_report):
    referents = [d for d in seed_report.discrepancies if d.type.value == "referent"]
    values = {v.value.lower() for d in referents for v in d.values}
    assert {"children", "girls"} <= values


def test_a_referent_summary_shows_synonyms_as_one_counted_thing():
    """"children" and "minors" count the same people: the summary sets them together
    against "girls" instead of listing three different things (the values keep each
    wording and span)."""
    report = claimcheck.compare([
        Source(id="a", text="Police said more than 300 children were abused in the city over ten years."),
        Source(id="b", text="Police said more than 300 minors were abused in the city over ten years."),
        Source(id="c", text="Police said more than 300 girls were abused in the city over ten years."),
    ])
    [d] = [d for d in report.discrepancies if d.type.value == "referent"]
    assert "“children” or “minors” (a and b) and “girls” (c)" in d.summary
    assert sorted(v.value for v in d.values) == ["children", "girls", "minors"]


def test_seed_other_reports_recommendations_are_not_grouped_or_flagged(seed_report):
    eleven = next(c for c in seed_report.claims if "11 recommendations" in c.text)
    group = next(g for g in seed_report.groups if eleven.id in g.claims)
    assert group.sources == (eleven.source,), "a later report's 11 recommendations is another fact"
    assert not any(d.type.value == "quantity" and any("recommendation" in v.value for v in d.values)
                   for d in seed_report.discrepancies)


def test_summary_stays_one_readable_sentence_with_many_sources():
    hedges = ["At least", "More than", "Over", "About", "Nearly", "Almost", "Some", "Around", "Roughly", "Up to",
              "Fewer than", "In excess of"]
    sources = [Source(id=f"s{i:02d}", text=f"{h} 300 people were evacuated from the valley on Sunday.")
               for i, h in enumerate(hedges)]
    report = claimcheck.compare(sources)
    assert report.discrepancies
    for d in report.discrepancies:
        assert len(d.summary) < 600 and d.summary.count(". ") == 0, d.summary
        assert len({v.source for v in d.values}) >= 2  # every value is still listed in full


def test_many_sources_repeating_a_sentence_with_other_figures_are_aligned_and_flagged():
    sources = [Source(id=f"s{i}", text=f"At least {300 + i} people were evacuated from the valley on Sunday.")
               for i in range(8)]
    report = claimcheck.compare(sources)
    assert len(report.groups) == 1 and len(report.groups[0].sources) == 8
    assert [d.type.value for d in report.discrepancies] == ["quantity"]
    assert len(report.discrepancies[0].values) == 8


def test_a_name_swapped_for_another_is_an_entity_discrepancy():
    report, types = flags("The review was ordered by chief constable Mary Jones last year.",
                          "The review was ordered by chief constable Peter Hale last year.")
    assert types == ["entity"]
    assert sorted(v.value for v in report.discrepancies[0].values) == ["Mary Jones", "Peter Hale"]


def test_title_case_headlines_do_not_make_every_word_a_name():
    _, types = flags("The Mayor Opened The Bridge On Monday.", "The Mayor Closed The Bridge On Monday.")
    assert "entity" not in types


# -- figures decided per kind, checked against the pair-by-pair pass -------------------


def _pairwise_quantity_findings(members, compare_quantities=None):
    """Quantity findings as a pass over every pair of figures gives them (the definition)."""
    from collections import defaultdict

    from claimcheck import discrepancies as dm
    from claimcheck.statement_compare import same_fact

    if compare_quantities is None:
        from claimcheck.quantities import compare_quantities

    items = [(c, q) for c in members for q in c.quantities if dm._countable(c, q)]
    contexts = [dm._context(c, q) for c, q in items]
    parent = list(range(len(items)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    relations = {}
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            (ca, qa), (cb, qb) = items[i], items[j]
            if ca.source == cb.source:
                continue
            cmp = compare_quantities(qa, qb)
            shared = contexts[i] & contexts[j]
            if cmp.relation == "agree" and cmp.referents == "unknown" and dm._recounted(qa, contexts[i], qb, contexts[j]):
                relations[(i, j)] = ("referent", f"One source says {dm.describe(qa)}, another {dm.describe(qb)}, in the "
                                                 f"same words around the figure: the same figure counts other things.")
                parent[find(i)] = find(j)
                continue
            if cmp.relation == "unrelated" or (dm._changed_to(ca, qa) != dm._changed_to(cb, qb)
                                               and cmp.relation != "agree"):
                continue
            if cmp.relation != "agree" and not dm._measured_alike(qa, qb) and not dm._bounded_apart(qa, qb) and not (shared and (
                    same_fact(ca, qa, cb, qb) or dm._near_count(qa, qb) or dm._same_weekday(qa, qb, shared))):
                continue
            relations[(i, j)] = (cmp.relation, cmp.explanation)
            parent[find(i)] = find(j)
    clusters = defaultdict(list)
    for i in range(len(items)):
        clusters[find(i)].append(i)
    out = []
    for idx in sorted(clusters.values()):
        if len({items[i][0].source for i in idx}) < 2:
            continue
        for rel in ("quantity", "referent", "hedge", "period", "date"):
            hits = sorted((ij, expl) for ij, (r, expl) in relations.items() if r == rel and ij[0] in idx)
            if hits:
                out.append((rel, tuple(dm._value(items[i][0], items[i][1], rel) for i in idx), hits[0][1]))
    return out


def test_quantities_per_kind_equal_every_pair_on_a_generated_story():
    from benchmarks.generate import generate
    from claimcheck.discrepancies import quantity_discrepancies
    from claimcheck.model import ClaimKind

    report = claimcheck.compare(generate(30, seed=11))
    found = 0
    for g, members in shared_groups(report, ClaimKind.STATEMENT):
        got = [(f.type.value, f.values, f.detail["explanation"]) for f in quantity_discrepancies(g, members)]
        assert got == _pairwise_quantity_findings(members), g.id
        found += len(got)
    assert found >= 3  # the story has figures that differ


def test_quantities_per_kind_when_the_relation_depends_on_the_order(monkeypatch):
    """A comparison whose verdict depends on which figure comes first is decided pair by pair."""
    from claimcheck import discrepancies as dm
    from claimcheck.model import ClaimKind, Group, Relation
    from claimcheck.quantities import QuantityComparison, compare_quantities

    def lopsided(a, b):
        got = compare_quantities(a, b)
        if a.value > b.value and got.relation == "quantity":
            return QuantityComparison("hedge", "lopsided: " + got.explanation)
        return got

    texts = ["At least 300 people were evacuated from the valley on Sunday.",
             "Some 350 people were evacuated from the valley on Sunday.",
             "About 300 people were evacuated from the valley on Sunday.",
             "Around 410 people were evacuated from the valley on Sunday."]
    report = claimcheck.compare([Source(id=f"s{i}", text=t) for i, t in enumerate(texts)])
    claims = [c for c in report.claims if c.kind is ClaimKind.STATEMENT and c.quantities]
    group = Group(id="g1", claims=[c.id for c in claims], sources=sorted({c.source for c in claims}),
                  relation=Relation.NEAR_VERBATIM)
    want = _pairwise_quantity_findings(claims, lopsided)
    monkeypatch.setattr(dm, "compare_quantities", lopsided)
    got = [(f.type.value, f.values, f.detail["explanation"]) for f in dm.quantity_discrepancies(group, claims)]
    assert got == want and {t for t, _, _ in got} >= {"quantity", "hedge"}


@given(st.lists(st.tuples(st.booleans(), st.sampled_from("abcd")), min_size=2, max_size=12))
def test_linked_parts_are_the_components_of_cross_source_pairs(figures):
    from claimcheck.discrepancies import _linked

    src = [s for _, s in figures]
    xs = [i for i, (side, _) in enumerate(figures) if side]
    ys = [i for i, (side, _) in enumerate(figures) if not side]
    parent = {}

    def find(i):
        while parent.setdefault(i, i) != i:
            i = parent[i]
        return i

    for i in xs:
        for j in ys:
            if src[i] != src[j]:
                parent[find(i)] = find(j)
    parts = {}
    for i in sorted(parent):
        parts.setdefault(find(i), []).append(i)
    assert _linked(xs, ys, src) == sorted(parts.values())
    same = [xs] if len({src[i] for i in xs}) > 1 else []
    assert _linked(xs, xs, src) == same


def test_a_figure_given_to_a_thing_each_source_tells_apart_is_a_referent_difference():
    """ "340 culverts" / "340 cuttings": each source speaks of both elsewhere, so neither
    is the other's word for the same thing."""
    a = ("A landslip blocked the line after a drainage culvert above the cutting was left blocked. "
         "Since the crash, the company says, its engineers have examined 340 drainage culverts on the 38-mile line.")
    b = ("Rain washed earth from a cutting onto the line, investigators said, because a culvert had not been cleared. "
         "The company said its engineers had now inspected 340 cuttings on the 38-mile line.")
    report, types = flags(a, b)
    assert types == ["referent"]
    [d] = report.discrepancies
    texts = {s.id: s.text for s in report.sources}
    assert sorted(v.value for v in d.values) == ["culverts", "cuttings"]
    assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)


@pytest.mark.parametrize("a, b", [
    # each sentence holds both words: one thing read two ways
    ("Health officials confirmed 14 new cases of measles in Bristol last week.",
     "Fourteen new measles cases were confirmed in Bristol last week, health officials said."),
    # one thing named two ways, each source using both words
    ("The bakery will close with the loss of 600 jobs. The posts will go by June.",
     "The bakery will close with the loss of 600 posts. Most of the jobs are on the night shift."),
    # only one source speaks of both
    ("Since the crash, its engineers have examined 340 culverts on the 38-mile line. A cutting collapsed.",
     "The company said 340 drains on the 38-mile line had now been checked by its engineers."),
    # the same words before the figure, then another incident
    ("Police in Carrow Vale have arrested two teenagers on suspicion of setting fire to the town's library.",
     "Police in Carrow Vale have arrested two men on suspicion of burglary after a break-in at a pharmacy."),
    # one thing in other words: the thesaurus or the referent lexicon knows them
    ("He authorised payments to 14 fake firms over six years.",
     "He authorised payments to 14 fake companies over six years, the court heard."),
    ("The bakery will close with the loss of 600 jobs by the end of June.",
     "The bakery will close with the loss of 600 posts, the company said."),
])
def test_a_figure_named_two_ways_is_not_a_referent_difference(a, b):
    report, types = flags(a, b)
    assert report.shared_groups
    assert "referent" not in types


def test_one_measure_of_one_thing_is_compared_whatever_the_words_around_it():
    a = "In an interim report, the board said the train struck more than 400 tonnes of earth that had slipped onto the line."
    b = "Almost 400 tonnes of earth had come down onto the line."
    report, types = flags(a, b)
    assert report.shared_groups and types == ["hedge"]
    [d] = report.discrepancies
    assert sorted(v.value for v in d.values) == ["Almost 400 tonnes of earth", "more than 400 tonnes of earth"]
    assert "cannot be true" in d.detail["explanation"]
    # measures of other things keep the guard: words around them decide
    report, types = flags("The train struck more than 400 tonnes of earth that had slipped onto the line.",
                          "Crews removed 300 tonnes of rail from the line after the train had struck the earth.")
    assert "hedge" not in types and "quantity" not in types


def test_one_count_told_a_few_per_cent_apart_is_aligned_and_flagged():
    """ "412,000 members" / "421,000 members": one count told wrong, though the sentences say
    different things around it; a count a hundred times smaller is a later count."""
    report, types = flags("Calderbrook Building Society says hackers stole data of 412,000 members.",
                          "Customers are being urged to be on their guard against scams after hackers stole the "
                          "personal information of 421,000 members.")
    assert report.shared_groups and types == ["quantity"]
    assert sorted(v.value for v in report.discrepancies[0].values) == ["412,000 members", "421,000 members"]
    report, types = flags("Storm Idris left about 40,000 homes without power overnight.",
                          "Energy companies said power had been restored to all but 400 homes left without "
                          "electricity by Storm Idris.")
    assert "quantity" not in types


def test_two_dates_told_with_the_same_weekday_are_one_day():
    report, types = flags("More than 150 guests attended the reception at Hallows Barn on Saturday 14 June, the "
                          "council said.",
                          "Of the 150 guests who sat down to eat at Hallows Barn, the tithe barn outside Ledmore, on "
                          "Saturday 21 June, more than 60 have fallen ill.")
    assert "date" in types
    d = next(d for d in report.discrepancies if d.type.value == "date")
    assert sorted(v.value for v in d.values) == ["14 June", "21 June"]


def test_a_value_something_changed_to_is_no_rival_of_the_value_before():
    report, types = flags("The caterer held the top food hygiene rating of five at its last inspection in March 2023.",
                          "The caterer's food hygiene rating has been lowered to one following an inspection on Monday.")
    assert report.shared_groups and "quantity" not in types
    # two values changed to are rivals
    _, types = flags("The death toll from the collapse of the Marle Street bridge rose to 12 on Tuesday.",
                     "The death toll from the collapse of the Marle Street bridge rose to 21 on Tuesday.")
    assert types == ["quantity"]


_HURT = [Source(id="a", text="The train left the rails at Hollinsby. The 23 passengers who were hurt, four of them "
                             "seriously, were taken to Marlow General Hospital."),
         Source(id="b", text="The train came off the rails near Hollinsby. Twenty-three of them were injured and taken "
                             "to Marlow General Hospital, where four were treated for serious injuries.")]


def test_a_count_a_clause_gives_across_an_also_states_link_is_compared():
    """ "... and 32 passengers were hurt" is a clause of its own that links to the group of
    "The 23 passengers who were hurt ..." (an "also states" link, not a member): one
    count of one thing, told two ways, is flagged all the same."""
    c = Source(id="c", text="The train was derailed at Hollinsby. Its driver, Tom Reed, 54, was killed, and 32 "
                            "passengers were hurt.")
    report = claimcheck.compare(_HURT + [c])
    clause = next(cl for cl in report.claims if cl.text.startswith("and 32 passengers"))
    group = next(g for g in report.groups if clause.id in g.claims)
    assert group.claims == (clause.id,) and group.related  # linked, not grouped
    [d] = report.discrepancies
    assert d.type.value == "quantity" and sorted(v.value for v in d.values) == ["23 passengers", "32 passengers"]
    # other things counted across a link are not compared
    c = Source(id="c", text="The train was derailed at Hollinsby. Its driver, Tom Reed, 54, was killed, and 32 "
                            "carriages were damaged.")
    assert not claimcheck.compare(_HURT + [c]).discrepancies


_PARTY = "Dozens of guests fell ill after a christening party at Moorfield Hall. "


def test_a_count_given_to_another_thing_across_an_also_states_link_is_a_referent_difference():
    """ "confirmed norovirus in 9 guests" / a long sentence's "... confirmed norovirus in 9
    food samples" (linked, not grouped): each source speaks of guests and of samples, so
    the one figure counts two things. A thing named two ways is no difference."""
    a = Source(id="a", text=_PARTY + "Laboratory tests have confirmed norovirus in 9 guests, and officials said they "
                                     "expected the number to rise. Inspectors took food samples from the caterer's "
                                     "kitchen on Friday.")

    def b(counted):
        return Source(id="b", text=_PARTY + "A trifle, made the night before by the caterer, was served to almost "
                                            f"everyone, and laboratory tests have so far confirmed norovirus in 9 "
                                            f"{counted} taken from the caterer's kitchen by inspectors.")

    report = claimcheck.compare([a, b("food samples")])
    claim = next(c for c in report.claims if c.source == "a" and "9 guests" in c.text)
    group = next(g for g in report.groups if claim.id in g.claims)
    assert group.claims == (claim.id,) and group.related  # linked, not grouped
    [d] = report.discrepancies
    assert d.type.value == "referent" and sorted(v.value for v in d.values) == ["guests", "samples"]
    assert not claimcheck.compare([a, b("partygoers")]).discrepancies


_CONVICTED = Source(id="a", text="A former charity boss has been found guilty of stealing £2.4m from a housing trust. "
                                 "He was granted bail and will be sentenced on 14 November.")


def _dates(b_text):
    return flagged("date", _CONVICTED, b_text)


def test_one_event_given_two_days_in_sentences_that_share_little_else_is_flagged():
    """ "will be sentenced on 14 November" / "... convicted of a £2.4m fraud will be
    sentenced on 21 November": no group holds both, the event word is one."""
    assert _dates("A former charity chief executive convicted of a £2.4m fraud will be sentenced on "
                  "21 November, the court has confirmed.") == [["14 November", "21 November"]]


@pytest.mark.parametrize("b_text", [
    # the day it was told, not the day of the event
    "The former charity boss will be sentenced, the court confirmed on 21 November.",
    # a source giving the event both days: a hearing moved, not a difference
    "The former charity boss had been due to be sentenced on 14 November; he will now be sentenced on 21 November.",
    "The former charity boss had been due to be sentenced on 21 November; he will now be sentenced on 28 November.",
    # a source naming the other's day for something else: the days may date two events
    "The hearing on 14 November heard from his victims; the former charity boss will be sentenced on 21 November.",
    # months apart: two events
    "The former charity boss, convicted of a £2.4m fraud, will be sentenced on 21 March.",
    # the same day
    "A former charity chief executive convicted of a £2.4m fraud will be sentenced on 14 November.",
])
def test_days_of_other_events_or_of_the_telling_are_not_flagged(b_text):
    assert _dates(b_text) == []


@pytest.mark.parametrize(("a", "b"), [
    ("The university will cut 212 jobs under the savings plan, the council decided.",
     "The university will cut more than 200 jobs under the savings plan, the council decided."),
    ("In all, 37 people spent the night at the rest centre.", "Almost 40 people spent the night at the rest centre."),
])
def test_a_figure_within_a_round_bound_of_it_is_no_difference(a, b):
    # "212 jobs" is "more than 200 jobs": a figure and a round bound it meets
    report, types = flags(a, b)
    assert report.shared_groups and types == []


def test_two_days_a_source_tells_apart_are_no_date_difference():
    """ "still damping down hotspots on Monday morning" / "crews would stay on Tuesday to
    deal with hotspots", from a source that also says the fire was under control on
    Monday: two days, each of its own event. A source naming one day only is compared."""
    a = "Crews were still damping down hotspots at the warehouse on Monday morning."
    b = ("The fire was brought under control on Monday morning. Fewer crews were still damping down hotspots "
         "at the warehouse on Tuesday.")
    _, types = flags(a, b)
    assert types == []
    _, types = flags(a, "Crews were still damping down hotspots at the warehouse on Tuesday.")
    assert types == ["date"]


_BLAZE = "A fire broke out at a recycling plant in Harbury on Sunday night. "


def _counts_flagged(a_text, b_text, lead=_BLAZE):
    """The counts flagged between two sources opening on one story's ``lead`` sentence."""
    return flagged("quantity", lead + a_text, lead + b_text)


def test_one_thing_counted_two_ways_at_one_event_in_unaligned_sentences_is_flagged():
    """ "At the height of the incident 80 firefighters ... were at the scene" / "... said 60
    firefighters were sent to the scene at the peak of the incident": no group holds both
    (two counts of one thing keep sentences apart), the surroundings say one event."""
    assert _counts_flagged(
        "At the height of the incident 80 firefighters and 12 fire engines were at the scene, the service said.",
        "Harbury Fire and Rescue Service said 60 firefighters were sent to the scene at the peak of the incident.",
    ) == [["60 firefighters", "80 firefighters"]]


@pytest.mark.parametrize("b_text", [
    # a later count
    "Harbury Fire and Rescue Service said 20 firefighters were still at the scene of the incident on Monday.",
    # a source giving the other's number too: two counts of two moments
    "Harbury Fire and Rescue Service said 60 firefighters were sent to the scene at the peak of the incident. "
    "Over the whole night, 80 firefighters took turns at the pumps.",
    # surroundings sharing less than two words: another event
    "Harbury Fire and Rescue Service said 60 firefighters had been trained in the town last year.",
])
def test_counts_of_other_moments_or_events_are_not_flagged(b_text):
    assert _counts_flagged("At the height of the incident 80 firefighters and 12 fire engines were at the scene, "
                           "the service said.", b_text) == []


_LENDING = "A council lost £38m when a solar company it backed collapsed. "


def test_one_thing_each_source_counts_once_needs_one_word_in_common():
    """ "The money was advanced in 11 separate loans" / "the council made 17 separate loans
    to the firm between 2019 and 2022": each source counts loans once, and the sentences
    share one word ("separate", between the figure and what it counts)."""
    assert _counts_flagged(
        "The money was advanced in 11 separate loans, several of which were signed off without a vote.",
        "the council made 17 separate loans to the firm between 2019 and 2022 .",
        lead=_LENDING,
    ) == [["11 separate loans", "17 separate loans"]]


@pytest.mark.parametrize("b_text", [
    # a source counting loans twice: which of its counts is the other's is unknown
    "the council made 17 separate loans to the firm between 2019 and 2022 . three loans were repaid .",
    # ... even when its other count is a later or further one, itself never compared
    "the council made 17 separate loans to the firm between 2019 and 2022 . a further 3 loans went to a "
    "subsidiary .",
    # nothing in common around the counts
    "the council made 17 loans to the firm between 2019 and 2022 .",
])
def test_one_word_in_common_is_not_enough_otherwise(b_text):
    assert _counts_flagged("The money was advanced in 11 separate loans, several of which were signed off "
                           "without a vote.", b_text, lead=_LENDING) == []


def test_a_thing_counted_beside_is_the_word_in_common():
    """ "carrying 186 passengers and 23 crew ran aground" / "almost 190 passengers and 32
    crew members were left stranded": the one word in common is the other thing both
    sentences count, and each source counts crew once."""
    ferry = "A ferry ran aground off the island on Friday. "
    assert flagged("quantity", ferry + "The ship carrying 186 passengers and 23 crew hit rocks in a gale.",
                   ferry + "When it stopped, almost 190 passengers and 32 crew members were left stranded."
                   ) == [["23 crew", "32 crew"]]


def test_one_word_in_common_needs_one_word_for_the_thing_counted():
    # "firms" / "companies" are one thing to the lexicon, but two words for it with one
    # word in common ("separate") say too little of one count
    firms = "The money was routed through 5 separate firms."
    assert _counts_flagged(firms, "the council paid 9 separate companies .", lead=_LENDING) == []
    assert _counts_flagged(firms, "the council paid 9 separate firms .", lead=_LENDING) == [
        ["5 separate firms", "9 separate firms"]]


@pytest.mark.parametrize(("paid", "found"), [("£64m", True), ("£90m", False)])
def test_one_sum_told_two_ways_in_unaligned_sentences_is_flagged_when_near(paid, found):
    """ "bought Pellow & Sons in a £46m deal" / "paid £64m for Pellow & Sons": a sum says
    not what it pays for, so only near sums (digits transposed, or within 10%) are one sum."""
    a = ("The snack maker, which bought the family-owned Pellow & Sons in a £46m deal in 2023, said production "
         "would move to Doncaster.")
    b = f"When Hartwell Brands paid {paid} for Pellow & Sons in 2023, executives promised the factory would stay."
    got = [[v.split()[0] for v in values] for values in flagged("quantity", a, b)]  # "£46m deal": the sum
    assert got == ([sorted(["£46m", paid])] if found else [])


def test_an_event_word_a_few_words_before_the_day_still_names_the_event():
    # "a landslip on the line between Carsfield and Wetherdale on 10 February": the event
    # word stands five content words before the day
    a = Source(id="a", text="The driver was killed when his train ploughed into a landslip on the line between "
                            "Marsden and Wetherby on 10 February.")
    b = Source(id="b", text="the rail accident board said the train ran into a landslip on 3 february .")
    assert flagged("date", a, b) == [["10 February", "3 february"]]

_TRIAL = "A former charity boss has been found guilty of stealing £2.4m from a housing trust. "


def _entities(a_text, b_text):
    return flagged("entity", _TRIAL + a_text, _TRIAL + b_text)


def test_two_judges_of_one_trial_are_an_entity_difference():
    """ "Judge Rachel Hume granted Threlfall bail" / "Judge Andrew Pearce, who presided over
    the trial, said ...": sentences too different to align, one judge each."""
    assert _entities("Judge Rachel Hume granted Threlfall bail and said he would be sentenced later.",
                     "Judge Andrew Pearce, who presided over the trial, said Threlfall would be sentenced later "
                     "and allowed him to remain on bail.") == [["Andrew Pearce", "Rachel Hume"]]


@pytest.mark.parametrize("b_text", [
    # a source naming both: a trial judge and an appeal judge, say
    "Judge Andrew Pearce, who presided over the trial, allowed him bail; Judge Rachel Hume will hear the appeal.",
    # ... or naming the other's judge without the title
    "Judge Andrew Pearce, who presided over the trial, allowed him bail; Rachel Hume will hear the appeal.",
    # one judge, named in full and by surname
    "Judge Hume, who presided over the trial, said Threlfall would be sentenced later.",
])
def test_judges_a_source_tells_apart_or_names_two_ways_are_no_difference(b_text):
    assert _entities("Judge Rachel Hume granted Threlfall bail and said he would be sentenced later.", b_text) == []


_BREACH = "Hackers stole the personal details of 412,000 members of the Ellerby Building Society. "


def test_two_names_given_one_role_in_apposition_are_an_entity_difference():
    """ "Penmark Systems, the IT contractor that runs ..." / a lower-cased "its it contractor ,
    corvex data ,": one role, a name each, in sentences that do not align."""
    a = Source(id="a", text=_BREACH + "The attackers got in through an account belonging to Penmark Systems, the IT "
                                      "contractor that runs its mortgage system.")
    b = Source(id="b", text=_BREACH.lower() + "the regulator will examine whether the society and its it "
                                              "contractor , corvex data , had taken adequate steps .")
    assert flagged("entity", a, b) == [["Penmark Systems", "corvex data"]]


def test_a_role_owned_by_a_body_opening_the_sentence_takes_two_names():
    """ "The trust's chief nurse, Marcus Oyelaran, said ..." / tokenised "the trust 's chief
    nurse , karen whitlock , told the board ...": "The" opens the sentence, and the
    possessive is one word however it is spaced."""
    ward = "Inspectors rated the emergency department at Brayford Royal Hospital inadequate. "
    a = Source(id="a", text=ward + "The trust's chief nurse, Marcus Oyelaran, said more senior nurses had been "
                                   "posted to the department around the clock.")
    b = Source(id="b", text=ward.lower() + "the trust 's chief nurse , karen whitlock , told the board that "
                                           "corridor care had not been eliminated .")
    assert flagged("entity", a, b) == [["Marcus Oyelaran", "karen whitlock"]]


@pytest.mark.parametrize(("role", "b_text"), [
    # a one-word role fits too many
    ("contractor", "The regulator will examine whether the society and its contractor, Corvex Data, had taken "
                   "adequate steps."),
    # a source naming both: two contractors
    ("IT contractor", "The regulator will examine whether its IT contractor, Corvex Data, and Penmark Systems had "
                      "taken adequate steps."),
    # one name, told two ways
    ("IT contractor", "The regulator will examine whether its IT contractor, Penmark Data, had taken adequate steps."),
])
def test_roles_in_apposition_that_do_not_clash_are_not_flagged(role, b_text):
    a = Source(id="a", text=_BREACH + f"The attackers got in through an account belonging to Penmark Systems, the "
                                      f"{role} that runs its mortgage system.")
    assert flagged("entity", a, _BREACH + b_text) == []


def test_one_count_bounded_on_either_side_is_a_hedge_whatever_verbs_stand_around_it():
    # "supplies more than 1.8 million customers" / "serves almost 1.8 million customers"
    _, types = flags("Wendle Water, which supplies more than 1.8 million customers across the county, was fined £11m "
                     "by the regulator.",
                     "The company, which serves almost 1.8 million customers, was fined £11m by the regulator.")
    assert types == ["hedge"]


_GAS = "A gas explosion tore through a block of flats in Ashby on Wednesday, killing two people. "


@pytest.mark.parametrize(("a_text", "b_text", "found"), [
    # one role, a name each, in claims too different by their names to align
    ("The injured were taken to Ashby General Hospital, police said.",
     "The injured were taken to Wendle Royal Infirmary, and six remain there.", True),
    # nothing in common besides the role: two people, two hospitals
    ("A man was taken to Ashby General Hospital.", "A woman was taken to Wendle Royal Infirmary.", False),
    # a source naming both: two hospitals
    ("The injured were taken to Ashby General Hospital, police said.",
     "The injured were taken to Wendle Royal Infirmary; others went to Ashby General Hospital.", False),
])
def test_two_names_in_one_role_in_unaligned_claims(a_text, b_text, found):
    assert flagged("entity", _GAS + a_text, _GAS + b_text) == \
        ([["Ashby General Hospital", "Wendle Royal Infirmary"]] if found else [])


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("gh")), max_size=6),
       st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("gh")), max_size=6))
def test_counted_partners_are_the_pairwise_partners(xs, ys):
    """``unaligned._paired`` counts what a pair-by-pair pass finds: the items with a partner
    from another source and another group."""
    from claimcheck.model import Claim
    from claimcheck.unaligned import _paired

    def items(spec, tag):
        out = [(Claim(id=f"{src}/{tag}{n}", source=src, start=0, end=0, text="", kind="statement"), None)
               for n, (src, _) in enumerate(spec)]
        return out, {c.id: grp for (c, _), (_, grp) in zip(out, spec)}

    xi, gx = items(xs, "x")
    yi, gy = items(ys, "y")
    group_of = {**gx, **gy}
    want = [x for x in xi if any(x[0].source != y[0].source and group_of[x[0].id] != group_of[y[0].id] for y in yi)]
    assert _paired(xi, yi, group_of) == want


@pytest.mark.parametrize(("a", "b", "things"), [
    ("The jury heard that he authorised payments to 14 fake companies between 2016 and 2022, with the money "
     "routed to accounts he controlled.",
     "The court heard that he authorised payments to 14 fake employees, with the money routed to accounts he "
     "controlled.", ["companies", "employees"]),
    ("Calder Fire and Rescue Service said 38 households had been evacuated from the block and from "
     "neighbouring buildings after the explosion.",
     "38 people were evacuated from the block and from buildings nearby after the explosion, the fire "
     "service said.", ["households", "people"]),
])
def test_one_figure_given_to_things_of_different_kinds_is_a_referent_difference(a, b, things):
    assert flagged("referent", a, b) == [things]


@pytest.mark.parametrize(("a", "b"), [
    # what it counts stands for the other: 300 jobs are 300 workers
    ("The factory in Lenham will cut 300 jobs by the end of next year, the company said.",
     "The factory in Lenham will lay off 300 workers by the end of next year, the company said."),
    # a small figure recurs by chance
    ("Six people remain in hospital after the blast at the block on Thornley Road.",
     "Six flats were destroyed in the blast at the block on Thornley Road."),
    # only the credit is shared: two facts told by one speaker
    ("Dr Helen Marsh, chief executive of Riverside Hospitals Trust, said the new cancer centre would treat up to "
     "9,000 patients a year.",
     "Dr Helen Marsh, chief executive of Riverside Hospitals Trust, said about 9,000 operations had been "
     "postponed during last winter's strikes."),
    # one kind of thing named two ways
    ("The council said 72 flats in the block would be inspected.", "The council said 72 homes in the block would "
     "be inspected."),
])
def test_one_figure_given_to_things_not_known_apart_is_not_flagged(a, b):
    assert flagged("referent", a, b) == []


def test_one_person_described_two_ways_before_her_name_is_no_other_speaker():
    quote = ('"There was a bang, then everything tipped sideways and the lights went out. People were screaming, '
             'but within a few minutes everyone was helping each other."')
    a = f"Passenger Priya Mistry, 34, a nurse travelling to work in Aldcaster, said: {quote}"
    b = f"Nurse Priya Mistry, 34, who was heading to a shift in Aldcaster, told the Echo: {quote}"
    assert flagged("attribution", a, b) == []
    assert flagged("attribution", a, b.replace("Nurse Priya Mistry", "Nurse Priya Shah")) == [
        ["Nurse Priya Shah", "Passenger Priya Mistry"]]


def test_a_term_in_quotation_marks_near_two_names_is_no_attribution_difference():
    a = ('The 2022 survey by engineer Tom Hale had rated the condition of the slope at Sallow Bank as "poor", the '
         'Echo understands.')
    b = ('But the Sallow Bank slope was graded as being in "poor" condition in the 2022 survey, and it never made the '
         'list of sites earmarked for work.')
    assert flagged("attribution", a, b) == []
    # credited by a verb of saying, a short quote's speaker still counts
    said = ('Engineer Tom Hale said the slope was "poor" in 2022, the Echo understands.',
            'Sallow Bank Trust said the slope was "poor" in 2022, the Echo understands.')
    report = claimcheck.compare([Source(id="a", text=said[0]), Source(id="b", text=said[1])])
    # the quote group's own finding, not only the statements' credits
    quoted = [sorted(v.value for v in d.values) for d in report.discrepancies
              if d.type.value == "attribution" and "quoted words" in d.summary]
    assert quoted == [["Engineer Tom Hale", "Sallow Bank Trust"]]


def test_a_review_owned_by_the_organisation_is_the_named_bodys_own():
    a = ('A 2022 earthworks review by Trackways UK had rated the condition of the Sallow Bank slope as poor, the '
         'Echo understands.')
    b = ("Trackways UK is responsible for the track. But the Sallow Bank slope was graded as being in poor condition "
         "in the organisation's own 2022 earthworks review.")
    assert flagged("attribution", a, b) == []
    assert flagged("attribution", a, b.replace("the organisation's own", "the regulator's")) != []


_EARLIER_FIRE = ("It is not the first time the plant has caught fire: a smaller fire at the site in June 2022 was put "
                 "out within a few hours.")


@pytest.mark.parametrize(("b_text", "found"), [
    # a month with its year, a year off; the telling ("confirmed that") is not next to the date
    ("greyholt recycling confirmed that the site was also hit by a smaller fire in june 2023 , which was put out "
     "without injury .", [["June 2022", "june 2023"]]),
    # two months off
    ("Records show an earlier, smaller fire in August 2022 caused no damage.", [["August 2022", "June 2022"]]),
    # the same month
    ("Staff said an earlier, smaller fire in June 2022 caused no damage.", []),
    # years apart: two fires
    ("Records show an earlier, smaller fire in June 2019 caused no damage.", []),
    # a month alone says too little of which August
    ("Workers said a smaller fire broke out at the site in August.", []),
    # the month it was told, not the month of the event
    ("Details of the smaller fire were published in May 2022.", []),
])
def test_one_event_given_two_months_in_unaligned_sentences(b_text, found):
    """The sentences share too little to align: the story-level pass finds the event."""
    assert _unaligned_dates(_EARLIER_FIRE, b_text) == found


def _unaligned_dates(a, b):
    """The date values flagged between two one-sentence sources that share no group (the
    story-level pass's ground, not a group detector's), from one comparison."""
    report = claimcheck.compare([Source(id="a", text=a), Source(id="b", text=b)])
    assert not report.shared_groups
    return [sorted(v.value for v in d.values) for d in report.discrepancies if d.type.value == "date"]


def test_months_without_their_years_are_not_compared_across_unaligned_sentences():
    assert flagged("date", "It is not the first time the plant has caught fire: a smaller fire at the site in June "
                           "was put out within a few hours.",
                   "Records show an earlier, smaller fire in August caused no damage.") == []


_SMELL = ("She said she and other residents had rung their landlord, Larchfield Homes, to report a strong smell of gas "
          "on Monday evening.")


@pytest.mark.parametrize(("b_text", "found"), [
    # two event words in common ("smell", "gas"), a day apart
    ("Residents say they first contacted the housing association about a smell of gas on Sunday evening.",
     [["Monday evening", "Sunday evening"]]),
    # days of the week far apart: two events
    ("Residents say they first contacted the housing association about a smell of gas on Thursday evening.", []),
    # one word in common ties two events as often as one
    ("Engineers from the gas board visited the block on Sunday evening.", []),
])
def test_one_event_given_two_days_of_the_week_in_unaligned_sentences(b_text, found):
    assert _unaligned_dates(_SMELL, b_text) == found


_CUT = "The report also points to a 22% cut in the repairs budget between 2019 and 2024, even as demand grew."


@pytest.mark.parametrize(("b_text", "found"), [
    ("The report traces a 22% cut in repairs staff between 2019 and 2024, as demand grew.",
     [["22% cut in repairs staff", "22% cut in the repairs budget"]]),
    # one kind of thing named two ways
    ("The report traces a 22% cut in repairs funding between 2019 and 2024, as demand grew.", []),
    # a thing the kind lexicon does not know
    ("The report traces a 22% cut in repairs between 2019 and 2024, as demand grew.", []),
    # another change
    ("The report traces a 22% rise in repairs staff between 2019 and 2024, as demand grew.", []),
])
def test_one_percentage_change_told_of_things_of_different_kinds(b_text, found):
    assert flagged("referent", _CUT, b_text) == found


def test_a_share_bounded_two_ways_across_an_also_states_link_is_a_hedge():
    """The lower-cased sentence tells two facts and aligns with the one about the lending;
    its share of the reserves is read across its "also states" link to the other."""
    a = "The losses will wipe out more than 40 per cent of the council's usable reserves, the report said."
    b = ("According to the auditors, much of the lending was approved not by elected members but by three senior "
         "officers using delegated powers.")
    c = ("the auditors ' report found that the losses would wipe out almost 40 per cent of its usable reserves , and "
         "that much of the lending had been approved by three senior officers using delegated powers rather than by "
         "elected councillors .")
    report = claimcheck.compare([Source(id=k, text=t) for k, t in (("a", a), ("b", b), ("c", c))])
    hedges = [sorted(v.value for v in d.values) for d in report.discrepancies if d.type.value == "hedge"]
    assert hedges == [["almost 40 per cent of its usable reserves",
                       "more than 40 per cent of the council's usable reserves"]]
    # the same share, bounded alike, is no difference
    report = claimcheck.compare([Source(id=k, text=t) for k, t in (("a", a), ("b", b),
                                                                  ("c", c.replace("almost", "more than")))])
    assert not report.discrepancies


def test_a_finding_told_after_a_relative_clause_is_credited_to_the_subject():
    """ "The council's own internal audit, which looked at the scheme in 2021, | concluded
    that ...": the clause after the cut is the audit's finding, and "the council" is the
    one council the story names."""
    a = ("According to Calder Whitley's findings, councillors at Harrowfield Borough Council were never shown the "
         "full risk assessment for the scheme before they voted to back it.")
    b = ("The council's own internal audit, which looked at the scheme in 2021, concluded that councillors had never "
         "been shown the full risk assessment for the scheme before they voted.")
    assert flagged("attribution", a, b) == [["Calder Whitley's findings", "The council's own internal audit"]]
    # credited to the same body, no difference
    assert flagged("attribution", a, b.replace("The council's own internal audit", "The Calder Whitley audit")) == []


_INTERIM = ("The council ended its contract with Keystone Property Services in January and has since brought in "
            "Carrick Facilities as an interim repairs contractor while a new long-term deal is put out to tender.")


@pytest.mark.parametrize(("b_text", "found"), [
    ("lindale maintenance , brought in as interim repairs contractor after the council ended its contract , has "
     "doubled the number of operatives , according to a report .", [["Carrick Facilities", "lindale maintenance"]]),
    ("Tenants say Lindale Maintenance, appointed as the interim repairs contractor, has doubled its staff.",
     [["Carrick Facilities", "Lindale Maintenance"]]),
    # another role
    ("Tenants say Lindale Maintenance, appointed as the new gas safety contractor, has doubled its staff.", []),
    # the source names both: two firms
    ("Carrick Facilities works beside Lindale Maintenance, appointed as the interim repairs contractor, tenants say.",
     []),
])
def test_two_names_given_one_role_after_as(b_text, found):
    assert flagged("entity", _INTERIM, b_text) == found



@pytest.mark.parametrize("member", ["one of Britain's oldest shoe makers", "one of several shoe makers in the town"])
def test_one_of_a_set_is_no_figure_to_hedge(member):
    """ "Harwell & Co, one of Britain's oldest shoe makers, is to close" / "is about more
    than one company's balance sheet": "one of" picks a member out of a set, no count of one."""
    a = (f"TARNBY (UKNA) - Harwell & Co, {member}, is to close its factory in Tarnby, Staffordshire, with "
         "the loss of 212 jobs, its owner announced on Tuesday.")
    b = "The closure of Harwell & Co's Tarnby works is about more than one company's balance sheet."
    report, types = flags(a, b)
    assert report.shared_groups and types == []


def test_a_day_of_the_week_before_the_date_takes_no_place_among_the_event_words():
    """ "A confiscation hearing under the Proceeds of Crime Act has been listed for Friday 19
    September" / "... a confiscation hearing is due to take place at the same court on friday
    26 september": "Friday" stood among the five words before the day and pushed "hearing"
    out of them."""
    a = _TRIAL + "A confiscation hearing under the Proceeds of Crime Act has been listed for Friday 19 September."
    b = (_TRIAL.lower() + "prosecutors want more back , and a confiscation hearing is due to take place at the same "
         "court on friday 26 september .")
    assert flagged("date", a, b) == [["19 September", "26 september"]]


def test_one_sum_bounded_two_ways_across_an_also_states_link_is_a_hedge():
    """ "... and lost more than £240,000 on online gambling sites" in a long sentence /
    "jurors heard that he had lost almost £ 240,000 on gambling websites": the short one
    states one of the long one's facts (an "also states" link, not one group); a sum says
    not what it pays for, so only the same sum bounded another way is read."""
    a = _TRIAL + ("The court heard he spent the money on a Range Rover, a holiday lodge in Cornwall and trips "
                  "overseas, and lost more than £240,000 on online gambling sites.")
    c = _TRIAL + "He spent the money on a Range Rover, a holiday lodge in Cornwall and trips overseas, the court heard."
    b = _TRIAL.lower() + "during the trial , jurors heard that he had lost almost £ 240,000 on gambling websites ."
    report = claimcheck.compare([Source(id="a", text=a), Source(id="c", text=c), Source(id="b", text=b)])
    short, = [g for g in report.groups if g.claims == ("b/s2",)]
    assert short.related  # linked, not grouped: the group detectors never see the two sums together
    assert [sorted(v.value for v in d.values) for d in report.discrepancies if d.type.value == "hedge"] == [
        ["almost £ 240,000", "more than £240,000"]]


# --- round 11: look-alikes from blind set 11 ------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        # "as much as" bounds a figure as "up to" does
        ("On still evenings smoke levels in the streets with most stoves were up to three times the midday level.",
         "On still evenings smoke levels in the streets with most stoves reached as much as three times the midday "
         "level.", "hedge"),
        # "people" names the protesters too, however often each source says "people"
        ("About 250 people gathered outside County Hall before the meeting. The protesters sang. Two protesters "
         "spoke.",
         "Around 250 protesters gathered outside County Hall before the meeting. Many people waved placards. "
         "People sang.", "referent"),
        # a few counted with other words: three councillors are three members abstaining
        ("The budget was passed by 38 votes to 29, with three councillors abstaining. Members debated for six "
         "hours. Several members walked out.",
         "The budget went through by 38 votes to 29, and three members abstained. Councillors debated for six "
         "hours. Two councillors walked out.", "referent"),
        # a revised figure set against the one it replaces is no rival of another count
        ("As part of the strategy, nine of the county's 34 libraries will close next year.",
         "As part of the strategy, the county said eight rather than nine branches will close next year.",
         "quantity"),
    ],
)
def test_round_11_look_alikes_are_not_flagged(a, b, kind):
    report = claimcheck.compare([Source(id="a", text=a), Source(id="b", text=b)])
    assert report.shared_groups, "the pair must align for the test to say anything"
    assert kind not in {d.type.value for d in report.discrepancies}, [d.summary for d in report.discrepancies]


def test_as_much_as_bounds_a_figure_from_above():
    from claimcheck.quantities import find_quantities

    (q,) = find_quantities("Levels reached as much as three times the midday level.")
    assert (q.text, q.bound.value) == ("as much as three times", "le")


def test_rather_than_is_no_counted_thing():
    from claimcheck.quantities import find_quantities

    got = [(q.text, q.referent) for q in find_quantities("Eight rather than nine branches will now close.")]
    assert got == [("Eight", None), ("nine branches", "branch")]
