"""Hypothesis strategies for news-like text, tokenised text and hostile text."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = ["police", "said", "the", "report", "at", "least", "1,400", "children", "more", "than", "over",
         "Council", "NCA", "people's", "it's", "review", "found", "three", "16-year", "between", "1997",
         "and", "2013", "Dr", "Mr.", "U.S.", "é", "naïve", "peopleâ€™s", "cafÃ©"]
MARKS = [".", ",", ":", ";", "!", "?", "'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "(", ")", "-", "\u2014",
         "``", "''", " 's", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u200b", "\ufeff", "\u202e", "e\u0301", "😀"]

token = st.sampled_from(WORDS + MARKS)
news_text = st.lists(token, min_size=0, max_size=60).map(lambda ts: " ".join(ts))
any_text = st.one_of(news_text, st.text(max_size=300),
                     st.lists(st.sampled_from(MARKS + ["a", "b", " "]), max_size=80).map("".join))
