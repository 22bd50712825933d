"""Interviews and transcripts: who speaks each paragraph, and to whom.

A paragraph that opens with a speaker's label (``SALCIDO:``, ``DANA WHITFIELD, HOST:``,
``Q:``, ``A:``) is a turn; paragraphs after it without a label continue it. Within a turn,
"I" and "me" name the one speaking and "you" the one spoken to, so that ``What I told
folks in Yuma is: "…"`` and ``You have said Canada is "not the junior partner"`` find
their speakers. An article is read this way only when at least :data:`MIN_TURNS`
paragraphs carry labels, or when a note such as "This interview has been edited for length and
clarity" opens its questions (each a paragraph that ends with "?") and answers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from ..read import paragraph_at
from .lexicon import FIRST_PERSON, SECOND_PERSON
from .marks import doc_quote_spans, inside_quotes
from .pipeline import require_article, token_table

#: Labelled paragraphs an article needs before it is read as an interview or a transcript.
MIN_TURNS = 3
#: Labels of an interview's questions and answers.
QUESTION_LABELS, ANSWER_LABELS = {"q", "question"}, {"a", "answer"}

#: ``NAME:`` or ``NAME (D-AZ), SENATE CANDIDATE:`` opening a paragraph: capitals, an optional
#: bracket, an optional description after a comma.
_LABEL = re.compile(
    r"(?P<label>Q|A|Question|Answer|[A-Z][A-Z.'’\- ]{0,60}?[A-Z.])"
    r"(?:\s*\([^)\n]{0,24}\))?(?:,\s*[A-Z][A-Z .,'’()\-]{0,60}?)?:\s"
)


@dataclass(frozen=True)
class Turn:
    """Who speaks a paragraph of an interview or transcript.

    Attributes:
        speaker: The person speaking, or None (an interviewer nobody names).
        addressee: The person spoken to, or None.
        body_start: Where the words start, after the label (a character offset).
    """

    speaker: str | None
    addressee: str | None
    body_start: int


def paragraph_turns(doc: Doc, people_by_surname: dict[str, str], first_named: str | None) -> dict[int, Turn]:
    """The turn of each paragraph of an interview or transcript (empty for any other article).

    Args:
        doc: A doc from ``helpers.parse``.
        people_by_surname: Each person's surname, lower case, mapped to the person.
        first_named: The person an interview with ``Q:``/``A:`` labels is with (named first).
    """
    article = require_article(doc)
    text = article.text
    labelled: dict[int, tuple[str | None, str, int]] = {}  # paragraph → (person, label kind, body start)
    for k, para in enumerate(article.paragraphs):
        if para.kind != "body":
            continue
        found = _LABEL.match(text, para.start, para.end)
        if found is None:
            continue
        label = found.group("label").strip().lower()
        if label in QUESTION_LABELS:
            labelled[k] = (None, "question", found.end())
        elif label in ANSWER_LABELS:
            labelled[k] = (first_named, "answer", found.end())
        else:
            person = people_by_surname.get(label.split()[-1].strip(".’'"))
            if person is not None:
                labelled[k] = (person, "name", found.end())
    if len(labelled) < MIN_TURNS:
        return _unlabelled_interview(article, first_named)
    speakers = [labelled[k][0] for k in sorted(labelled)]
    turns: dict[int, Turn] = {}
    current: Turn | None = None
    for k, para in enumerate(article.paragraphs):
        if k in labelled:
            person, kind, start = labelled[k]
            if kind == "question":
                current = Turn(None, first_named, start)
            elif kind == "answer":
                current = Turn(person, None, start)
            else:
                current = Turn(person, _other_speaker(speakers, sorted(labelled).index(k)), start)
            turns[k] = current
        elif current is not None and para.kind == "body":
            turns[k] = Turn(current.speaker, current.addressee, para.start)
    return turns


def _unlabelled_interview(article, interviewee_name: str | None) -> dict[int, Turn]:
    """An interview without labels: after "This interview has been edited …", a paragraph that ends
    with a question mark is a question to the interviewee, and the others are the answers."""
    turns: dict[int, Turn] = {}
    started = False
    for k, para in enumerate(article.paragraphs):
        if para.kind != "body":
            continue
        words = article.text[para.start : para.end].strip()
        if not started:
            started = bool(_EDITED.search(words))
            continue
        if words.endswith("?"):
            turns[k] = Turn(None, interviewee_name, para.start)
        else:
            turns[k] = Turn(interviewee_name, None, para.start)
    return turns if interviewee_name and len(turns) >= MIN_TURNS else {}


#: The note that opens the questions and answers of an interview.
_EDITED = re.compile(r"\b(?:interview|conversation|exchange)s?\b[^.]{0,40}\b(?:edited|condensed)\b", re.I)


def _other_speaker(speakers: list[str | None], at: int) -> str | None:
    """The nearest other named speaker, before the turn, else after it: the one this turn speaks to."""
    me = speakers[at]
    for person in [*reversed(speakers[:at]), *speakers[at + 1 :]]:
        if person is not None and person != me:
            return person
    return None


def turn_pronouns(doc: Doc, turns: dict[int, Turn]) -> list[tuple[int, str]]:
    """(token, person) for each "I"/"me" and "you" a turn's speaker says outside quotation marks."""
    if not turns:
        return []
    article = require_article(doc)
    tt = token_table(doc)
    quoted = inside_quotes(doc_quote_spans(doc))
    out = []
    for i, low in enumerate(tt.lower):
        if low not in FIRST_PERSON and low not in SECOND_PERSON or quoted(tt.idx[i]):
            continue
        turn = turns.get(paragraph_at(article, tt.idx[i]))
        if turn is None or tt.idx[i] < turn.body_start:
            continue
        person = turn.speaker if low in FIRST_PERSON else turn.addressee
        if person is not None:
            out.append((i, person))
    return out


def interviewee(title_people: list[str], named: Counter) -> str | None:
    """Who a ``Q:``/``A:`` interview is with: the first person its headline names, else the one named most."""
    if title_people:
        return title_people[0]
    return named.most_common(1)[0][0] if named else None
