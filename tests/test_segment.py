"""Sentences and noise, with spans into the original text."""

from __future__ import annotations

from hypothesis import given

from claimcheck.model import NoteKind, Source
from claimcheck.noise import mark_noise
from claimcheck.normalise import normalise
from claimcheck.segment import segment

from .strategies import any_text


def sentences(text):
    doc = normalise(Source(id="x", text=text))
    return [s.text for s in segment(doc)]


def test_lower_cased_tokenised_text_with_titles():
    text = "dr angie heal wrote the report . mr wright resigned in 2014 . 2008 . operation central is set up ."
    assert sentences(text) == ["dr angie heal wrote the report .", "mr wright resigned in 2014 .", "2008 .",
                               "operation central is set up ."]


def test_tokenised_multi_paragraph_quote_marks_go_to_their_sentences():
    text = ("the chief said : ' we found failings . ' many were fixed . ' we will act . ' "
            "the agency will take over one inquiry .")
    assert sentences(text) == ["the chief said : ' we found failings .", "' many were fixed .",
                               "' we will act . '", "the agency will take over one inquiry ."]


def test_curly_quotes_over_paragraphs_and_headline_lines():
    text = ("Storm closes schools\n\nThe mayor said: “We are ready. Crews are out.\n\n"
            "“Stay at home tonight.”\nPicture: Some Agency\n")
    assert sentences(text) == ["Storm closes schools", "The mayor said: “We are ready.", "Crews are out.",
                               "“Stay at home tonight.”", "Picture: Some Agency"]


def test_run_on_text_without_paragraphs():
    text = ('He said it was "inadequate". "Some of this failure can be linked to awareness. '
            '"Opportunities were missed." The IPCC said 21 staff work on it.')
    assert sentences(text) == ['He said it was "inadequate".', '"Some of this failure can be linked to awareness.',
                               '"Opportunities were missed."', 'The IPCC said 21 staff work on it.']


def noise_of(text):
    doc = normalise(Source(id="x", text=text))
    sents, notes = mark_noise(doc, segment(doc))
    return {s.text: (s.noise.value if s.noise else None) for s in sents}, notes


def test_boilerplate_and_captions_are_recognised_by_shape():
    text = ("Floods force hundreds from homes Reuters\n\nHeavy rain flooded 300 homes in the valley on Sunday.\n\n"
            "Photo: Jane Doe/Agency\n\nSubscribe to our morning briefing newsletter\n\n"
            "Mayor Ann Lee at the scene\n\nThe river rose two metres overnight, officials said.\n\n"
            "Heavy rain flooded 300 homes in the valley on Sunday (pictured).\n\n"
            "A pop star released a new album of love songs. © 2024 Example News. All rights reserved.")
    kinds, notes = noise_of(text)
    assert kinds["Heavy rain flooded 300 homes in the valley on Sunday."] is None
    assert kinds["The river rose two metres overnight, officials said."] is None
    assert kinds["Photo: Jane Doe/Agency"] == "caption"
    assert kinds["Subscribe to our morning briefing newsletter"] == "boilerplate"
    assert kinds["Mayor Ann Lee at the scene"] == "caption"
    assert kinds["Heavy rain flooded 300 homes in the valley on Sunday (pictured)."] in ("duplicate", "caption")
    assert kinds["A pop star released a new album of love songs."] == "boilerplate"
    # the headline keeps its words but loses the credit glued to its end
    assert "Floods force hundreds from homes" in kinds
    credit = [n for n in notes if n.kind is NoteKind.CAPTION and text[n.start:n.end] == "Reuters"]
    assert credit


def test_real_statements_are_not_noise():
    text = ("Police arrested five men.\n\nThe court heard the case in March.\n\n"
            "Officers said the men sold the images.\n\nMr Smith resigned.")
    kinds, _ = noise_of(text)
    assert all(v is None for v in kinds.values()), kinds


def test_cookie_banners_and_site_menus_are_boilerplate():
    text = ("The Tarnby Echo\n\nHome | News | Sport | What's On | Jobs\n\n"
            "We value your privacy. We use cookies to make our site work and to show you personalised adverts. "
            "ACCEPT ALL COOKIES | REJECT ALL\n\n[Cookie settings]\n\n"
            "Shoe factory to close with the loss of 212 jobs\n\n"
            "Harwell & Co said on Tuesday that its Tarnby factory would close by September.\n\n"
            "By signing up you agree to our privacy notice.\n\n"
            "Contact us | Advertise | Privacy notice | Cookie settings")
    kinds, _ = noise_of(text)
    for line in ("Home | News | Sport | What's On | Jobs", "We value your privacy.",
                 "We use cookies to make our site work and to show you personalised adverts.",
                 "ACCEPT ALL COOKIES | REJECT ALL", "[Cookie settings]",
                 "By signing up you agree to our privacy notice.", "Contact us | Advertise | Privacy notice | Cookie settings"):
        assert kinds[line] == "boilerplate", line
    assert kinds["Harwell & Co said on Tuesday that its Tarnby factory would close by September."] is None


def test_a_story_about_cookies_is_not_boilerplate():
    text = ("The watchdog fined the retailer £2m for setting cookies without consent.\n\n"
            "Its banner told shoppers: \"We use cookies to give you the best experience\", the regulator said.\n\n"
            "The firm said 40 | 50 | 60 per cent of users clicked accept in each of three trials run by its team.")
    kinds, _ = noise_of(text)
    assert all(v is None for v in kinds.values()), kinds


@given(any_text)
def test_sentence_spans_slice_back_and_do_not_overlap(text):
    doc = normalise(Source(id="x", text=text or "x"))
    sents, notes = mark_noise(doc, segment(doc))
    last = 0
    for s in sents:
        assert doc.text[s.start:s.end] == s.text
        assert s.start >= last and s.end > s.start
        last = s.end
    for n in notes:
        assert 0 <= n.start <= n.end <= len(doc.text)

