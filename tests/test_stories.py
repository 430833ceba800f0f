"""End to end on unseen articles: invented four-article stories, written blind with an
answer key (tests/data/stories*/key.json), measured for planted discrepancies found,
look-alikes left alone, and shared facts aligned.

``stories`` was written first and used to find and fix faults; ``stories2`` was written
after those fixes, and its first run (2/11 planted differences found, 31/55 shared-fact
pairs aligned) is the honest estimate on unseen text."""

from __future__ import annotations

import json
import re

import pytest

import claimcheck
from claimcheck import Source

from .conftest import DATA
from .test_alignment import _claims_at, _linked

#: The discrepancy type a planted kind of difference is reported as.
REPORTED_AS = {"quote-speaker": "attribution"}
#: Per set: planted differences found, flags matching nothing planted, share of shared-fact
#: pairs aligned, each the least the set must still reach (measured, see the comments).
FLOORS = {
    # written 11/18 (commit be423fb), then 17/18: the miss is a hospital named two ways,
    # "Calder Royal Infirmary" / "Halbrook General Hospital", in sentences too different to
    # align; the one unplanted flag is real (a3 quotes less of a resident's words than a2)
    # A name in the same role with the rest worded differently ("taken to X" / "injured and
    # taken to Y, where ...") is an entity swap: 18/18
    "stories": (18, 1, 0.85),
    # blind first run 2/11 and 31/55; 3/11 and 33/55 after a lower-cased text's "said ruth
    # abel" could clash with a named speaker and ", and <subject> <verb>" split clauses. The
    # misses are facts packed into long sentences that the other article words differently
    # ("bought ... in a £46m deal" / "paid £64m for"), a day of the week said of the
    # announcement, a judge named in a clause fragment, and "according to the trust" (a body
    # referred back to, never compared). Reading '"...," Nadia Quarshie, prosecuting, told
    # the jury' (it had guessed the defendant as the speaker) found the same speaker as the
    # lower-cased "prosecutor nadia quarshie", which is one person with a title, not a clash.
    # A verb and the noun of its act as one word ("close"/"closure"/"shut", "steal"/"theft"):
    # 33/55 -> 36/55
    # "according to the trust" is the one trust the source names in full: 4/11
    # ", and said production would move to ..." is a clause of its own, and a short clause
    # contained in a sentence over four times its weight counts half its containment: 5/11
    # One event given two days in sentences sharing little else ("will be sentenced on 14
    # november" / "... will be sentenced on 21 November"): 6/11
    # One sum told two ways in unaligned sentences, when near ("bought ... in a £46m deal" /
    # "paid £64m for"): 7/11; two judges of one trial, one named by each source ("Judge
    # Rachel Hume granted Threlfall bail" / "Judge Andrew Pearce, who presided ..."): 8/11;
    # one figure given to things of different kinds ("14 fake companies" / "14 fake
    # employees"): 9/11
    "stories2": (9, 0, 0.65),
    # blind first run (a rail crash report, a building society's data theft; written while
    # the speaker and synonym fixes were made, measured on commit 3598781): 3/14
    # planted, 68/81 shared-fact pairs, 3 unplanted flags: "54" (an age) against "two" (a
    # driver's children), and two quote truncations, one of them the planted one, shown
    # with other words than the key's. The alignment finds the facts; the flags miss them.
    # Entity swap in one role, worded differently: 4/14; a figure given to a thing each source
    # tells apart ("340 culverts" / "340 cuttings"): 5/14; one measure of one thing compared
    # whatever the words around it, and "more than 400" / "almost 400" typed a hedge: 6/14
    # "the board found" credited to the board named before: 7/14
    # two counts of one thing a few per cent apart ("412,000" / "421,000 members") are one count
    # told two ways, aligned and compared though the sentences differ around them: 8/14
    # a reworded end before a paragraph left out is a wording change ("let them down" /
    # "failed them"), not a cut: one unplanted flag fewer. Counts of one thing compared
    # across an "also states" link, and two counts with their digits transposed ("23" /
    # "32 passengers") no clash in alignment: 9/14
    # One event given two days in sentences sharing little else: 10/14; with the event word
    # up to five content words before the day ("a landslip on the line between Carsfield and
    # Wetherdale on 10 February"): 11/14; two names given one role in apposition ("Penmark
    # Systems, the IT contractor" / "its it contractor , corvex data ,"): 12/14
    # (round 11) a cut quote's flag counted as found when its values share QUOTE_RUN words in a row with
    # the key's snippets, which straddle the quote's end: 13/14, no unplanted flag
    "stories3": (13, 0, 0.8),
    # blind first run (a museum theft, a wedding food-poisoning outbreak; written after every
    # fix above, measured on commit 803211c): 5/14 planted, 50/66 shared-fact pairs, 1 flag
    # matching nothing ("a rating of five" / "lowered to one following an inspection": a
    # value before a change against the value after it, "following" read as what "one"
    # counts). Dates told with the same weekday ("Saturday 14 June" / "Saturday 21 June")
    # compared as one day, and a value changed to no rival of the value before: 6/14, none
    # A lower-cased text's words after the same role, as many as the other's name, when its first
    # word is none the story writes in lower case; a place's kind ("Hospital") says nothing of
    # which it is: 8/14
    # One count given to two things across an "also states" link ("confirmed salmonella in 11
    # guests" / a long sentence's "... in 11 food samples"), under the referent guard: 9/14
    # One thing counted two ways at one event in unaligned sentences ("Nine people were
    # treated at X Hospital" / "Six people were treated in hospital after ..."): 10/14
    # A body described by its owner ("the museum's own internal review" / "a report by the
    # museum's insurers"): the museum's and the insurers', two bodies: 11/14; one event given
    # two days of the week, two event words in common ("in the early hours of Sunday" /
    # "... of Saturday"): 12/14
    "stories4": (12, 0, 0.75),
    # blind first run (a recycling-plant fire, a university's job cuts; measured on commit
    # a99bc64): 4/14 planted, 51/61 shared-fact pairs, 5 flags matching nothing: the planted
    # quote cut shown with other words than the key's, and four false ("212 jobs" / "more than
    # 200 jobs" and "37 people" / "almost 40 people" as hedges; "Monday morning" / "Tuesday"
    # from a source naming both days), one of them a look-alike the key says must not be
    # flagged. A figure within a round bound agrees, and two days a source tells apart are
    # no difference: 4/14, 1 flag. A backtick opens a tokenised quote: 6/14; an inspection
    # speaks for its author, "a report by accountancy firm X": 7/14; "the closure of the
    # Norbury campus" fills a role: 8/14; one thing counted two ways at one event: 9/14;
    # "Earlier this year the university's own finance committee found": 10/14
    # One event given two months ("a smaller fire at the site in June 2022" / "hit by a
    # smaller fire in june 2023"), a word of telling only next to the date ("confirmed that
    # the site was hit ..." names no day of telling): 11/14
    # (round 11) a cut quote's flag counted as found when its values share QUOTE_RUN words in a row with
    # the key's snippets, which straddle the quote's end: 12/14, none
    "stories5": (12, 0, 0.8),
    # blind first run (a gas explosion in a block of flats, a water company fined for sewage
    # spills; written after every fix above, measured on commit 73c113b): 7/14 planted, 38/69
    # shared-fact pairs, 1 flag matching nothing: the planted quote cut, shown with other
    # words than the key's (so 8/14 in substance, no false flag). One count bounded on either
    # side is a hedge whatever verbs stand around it ("supplies more than 1.8 million
    # customers" / "serves almost 1.8 million"): 8/14; two names in one role in claims that
    # did not align ("The injured were taken to X Hospital" / "... to Y Infirmary"): 9/14;
    # one figure given to things of different kinds ("38 households" / "38 people"): 10/14;
    # one event given two months ("opened its investigation in March 2021" / "the
    # investigation, which began in may 2021"): 11/14; two days of the week ("a smell of
    # gas on Monday evening" / "... on Sunday evening"): 12/14
    # (round 11) a cut quote's flag counted as found when its values share QUOTE_RUN words in a row with
    # the key's snippets, which straddle the quote's end: 13/14, none
    "stories6": (13, 0, 0.55),
    # blind first run (a train derailment, a council housing-repairs review; written after
    # every fix above, measured on commit 84fb4a8): 7/14 planted, 62/70 shared-fact pairs,
    # 6 flags matching nothing: the two planted quote cuts, shown with other words than the
    # key's (so 9/14 in substance), and four false alarms ("Passenger Priya Mistry" / "Nurse
    # Priya Mistry"; "she said" read as "trackways uk", learnt as a person from "Trackways UK
    # said"; "the organisation's own 2022 review" against "a 2022 review by Trackways UK";
    # the one word "poor" in quotation marks credited by nearness). The figure given to
    # things of different kinds ("14 homes" / "14 residents"), written before the set was
    # read: 8/14; the four false alarms mended (commit 367423b): 2 flags matching nothing;
    # one percentage change told of things of different kinds ("a 22% cut in the repairs
    # budget" / "a 22% cut in repairs staff"): 9/14; two names given one role after "as"
    # ("brought in Carrick Facilities as an interim repairs contractor" / "lindale
    # maintenance , brought in as interim repairs contractor"): 10/14
    # (round 11) a cut quote's flag counted as found when its values share QUOTE_RUN words in a row with
    # the key's snippets, which straddle the quote's end: 12/14, none
    "stories7": (12, 0, 0.85),
    # blind first run (a ferry run aground, a council's failed solar investment; written after
    # every fix above, measured on commit 93d545f): 7/14 planted, 34/49 shared-fact pairs, 3
    # flags matching nothing: two true quote cuts the key does not list (one shown under the
    # wrong speaker) and one false alarm ("she said" read as the man named before, Fiona
    # Lachlan never learnt as a person from "Fiona Lachlan, the local MP" / "For Fiona
    # Lachlan, the MP for"). Names before a title in apposition learnt as people: the false
    # alarm gone; "the auditors ' report" no quote mark; a share bounded two ways read across
    # an "also states" link: 8/14; a finding told after a relative clause credited to its
    # subject ("The council's own internal audit, which ..., concluded"): 9/14. A body of
    # people counted with or without "members" ("23 crew" / "32 crew members"), and one
    # word in common enough for one word counted once by each source ("advanced in 11
    # separate loans" / "made 17 separate loans"): 11/14
    "stories8": (11, 2, 0.65),
    # blind first run (a charity finance director's fraud trial, a hospital emergency
    # department rated inadequate; written after every fix above, measured on commit
    # 1e1fa0d): 8/15 planted, 45/71 shared-fact pairs, no flag matching nothing. A day of
    # the week before a date takes no place among its event words ("a confiscation hearing
    # under the Act has been listed for Friday 19 September" / "... on friday 26
    # september"), and one sum bounded two ways is read across an "also states" link
    # ("lost more than £240,000 on online gambling sites" / "almost £ 240,000"): 10/15; a
    # role in apposition after a sentence-opening "The", its possessive one word however
    # spaced ("The trust's chief nurse, Marcus Oyelaran," / "the trust 's chief nurse ,
    # karen whitlock ,"): 11/15
    # (round 11) a credit opening the sentence is read when an acronym or capitalised inside a
    # sentence by its source too ("CQC inspectors also found" / "Healthwatch volunteers found"): 12/15
    "stories9": (12, 0, 0.6),
    # blind first run (a storm flooding a town, a tableware factory closing; measured on
    # commit 1e1fa0d): 10/14 planted, 43/61 shared-fact pairs, 2 false alarms ("one of
    # Britain's oldest tableware manufacturers" / "more than one company's balance sheet"
    # read as one figure hedged two ways; "on Tuesday" in the first report / "on monday" in
    # an update published two weeks later, read as one event's day). "One of" a set is no
    # count; a page's dateline dates its source, and days of the week in sources published
    # a week or more apart are days of two weeks: no false alarm left
    "stories10": (10, 0, 0.7),
    # blind first run (a council budget vote; a university study of wood-stove smoke; a press
    # release sharing passages with the wire copy, mojibake in the local pages), measured on
    # commit 0f0992c: 8/14 planted, 7 flags matching nothing, 53/68 shared-fact pairs. Fixed
    # after reading it: "as much as" a bound; "people" and "members" tell nothing apart; "eight
    # rather than nine" a new value; a department's name with a comma in it: 8/14, 2 (bills
    # sent "in March" / a rise "from April"; "24% more likely to see a GP" / "31% more likely
    # to be admitted"), 53/68
    "stories11": (8, 2, 0.75),
}


def _report(folder, story):
    paths = sorted((DATA / folder / story).glob("*.txt"))
    sources = [Source(id=p.stem, text=p.read_text(encoding="utf-8")) for p in paths]
    return claimcheck.compare(sources), {s.id: s.text for s in sources}


#: Words in a row a quote's value and the key's snippet must share: the key's snippets of a
#: cut quote straddle its end ('pay for it," said Dr Sian Pryce'), which no value holds whole.
QUOTE_RUN = 3


def _shows(d, values):
    """Whether discrepancy ``d`` shows the planted values, each in a source of its own
    (the variants recur in other articles than the two the key names). A quote's values
    show a snippet when they share :data:`QUOTE_RUN` words in a row with it."""
    def where(planted):
        return {v.source for v in d.values if planted.lower() in v.value.lower() or v.value.lower() in planted.lower()
                or (d.type.value.startswith("quote-") and _run(planted, v.value))}
    a, b = where(values[0]), where(values[1])
    return bool(a) and bool(b) and a != b


def _run(a, b):
    """Whether ``a`` and ``b`` share :data:`QUOTE_RUN` words in a row (case and punctuation aside)."""
    def runs(text):
        w = re.findall(r"[\w'’]+", text.lower())
        return {tuple(w[i:i + QUOTE_RUN]) for i in range(len(w) - QUOTE_RUN + 1)}
    return bool(runs(a) & runs(b))


def _key(folder):
    return json.loads((DATA / folder / "key.json").read_text(encoding="utf-8"))["stories"]


@pytest.fixture(scope="module", params=sorted(FLOORS))
def story_set(request):
    folder = request.param
    key = _key(folder)
    return folder, key, {story: _report(folder, story) for story in key}


def test_planted_differences_are_found_and_nothing_else_is_flagged(story_set, record_property):
    folder, keys, reports = story_set
    found = planted = 0
    missed, unplanted = [], []
    for story, key in keys.items():
        report, _ = reports[story]
        shown = set()
        for p in key["planted"]:
            kind = REPORTED_AS.get(p["type"], p["type"])
            planted += 1
            hits = [d.id for d in report.discrepancies if d.type.value == kind and _shows(d, p["values"])]
            found += bool(hits)
            shown.update(hits)
            if not hits:
                missed.append((story, p["type"], p["values"]))
        unplanted += [(story, d.summary) for d in report.discrepancies if d.id not in shown]
        for m in key["must_not_flag"]:
            files = {f.removesuffix(".txt") for f in m["files"]}
            for d in report.discrepancies:
                hits = [v for v in d.values if v.source in files
                        and any(len(x) > 3 and x.lower() in v.value.lower() for x in m["values"])]
                assert len({v.source for v in hits}) < 2, (story, m["what"], d.summary)
    print(f"\n{folder}: planted differences found: {found}/{planted}; missed: {missed}; flags matching "
          f"nothing planted: {unplanted}")
    record_property(f"{folder}_planted_found", [found, planted])
    least_found, most_unplanted, _ = FLOORS[folder]
    assert found >= least_found
    assert len(unplanted) <= most_unplanted, unplanted


def test_every_flag_shows_true_spans(story_set):
    _, _, reports = story_set
    for report, texts in reports.values():
        assert report.discrepancies
        for d in report.discrepancies:
            assert all(texts[v.source][v.start:v.end] == v.value for v in d.values)


def test_shared_facts_are_aligned(story_set, record_property):
    folder, keys, reports = story_set
    linked = pairs = 0
    for story, key in keys.items():
        report, texts = reports[story]
        for fact in key["shared_facts"]:
            claims = [_claims_at(report, f.removesuffix(".txt"), s, texts) for f, s in zip(fact["files"], fact["sentences"])]
            for i in range(len(claims)):
                for j in range(i + 1, len(claims)):
                    pairs += 1
                    linked += _linked(report, claims[i], claims[j])
    print(f"\n{folder}: shared-fact pairs aligned: {linked}/{pairs}")
    record_property(f"{folder}_shared_facts", [linked, pairs])
    assert linked >= FLOORS[folder][2] * pairs
