"""Interviews and transcripts: "I" is the one speaking, "you" the one spoken to."""

from __future__ import annotations

from helpers import article_from_text, leader_mentions, parse, quote_table

TRANSCRIPT = """TRANSCRIPT: Senate candidates Ruben Salcido and Kate Brannock on "Sunday Briefing"

DANA WHITFIELD, HOST: Good morning. We begin with Congressman Ruben Salcido. Later, Kate Brannock joins us.

REP. RUBEN SALCIDO (D-AZ), SENATE CANDIDATE: Thanks for having me, Dana.

WHITFIELD: But you did say, back in 2019, that a wall was "a monument to fear." Do you still believe that?

SALCIDO: I believe walls alone don't work. What I told folks in Yuma is what I'll tell you: "Judge me by what I did."

WHITFIELD: Thank you, Congressman.
"""


def test_in_a_transcript_i_is_the_speaker_and_you_the_one_spoken_to(nlp):
    table = quote_table(parse(article_from_text(TRANSCRIPT), nlp))
    speakers = dict(zip(table.text, table.speaker))
    assert speakers["a monument to fear."] == "Ruben Salcido"  # "you did say", asked of Salcido
    assert speakers["Judge me by what I did."] == "Ruben Salcido"  # "What I told folks …:"
    assert speakers["Sunday Briefing"] is None  # the show's title


def test_i_and_you_are_no_mentions_of_a_leader(nlp):
    # the turns tie words to speakers; the counts of mentions stay the narrator's
    doc = parse(article_from_text(TRANSCRIPT), nlp)
    texts = {t.lower() for t in leader_mentions(doc, ["Ruben Salcido", "Kate Brannock"]).text}
    assert not texts & {"i", "you", "me"}


def test_q_and_a_interview_questions_speak_to_the_interviewee(nlp):
    text = ("'We will not be the junior partner': Canada's Gauthier on trade\n\n"
            "Prime Minister Elise Gauthier spoke to the Dispatch before meeting Andres Molina.\n\n"
            "Q: Is trade fair?\n\nA: Not yet. It will be.\n\n"
            "Q: You have said Canada is \"not the junior partner\". Is that true?\n\n"
            "A: Size is not the same as importance.\n")
    table = quote_table(parse(article_from_text(text), nlp))
    assert dict(zip(table.text, table.speaker))["not the junior partner"] == "Elise Gauthier"


def test_an_interview_without_labels_after_its_editing_note(nlp):
    text = ("'We are not asking for favours': Claudia Sheinbaum on Europe\n\n"
            "Mexico's president, Claudia Sheinbaum, met the Italian prime minister, Giorgia Meloni, in Rome.\n\n"
            "This interview has been edited for length and clarity.\n\n"
            "You met Giorgia Meloni for the first time today. How did it go?\n\n"
            "Well. We discussed migration at length. I told her what I tell everyone: \u201cThe solution is not "
            "walls.\u201d\n\n"
            "In the past you have described your approach as keeping a \u201ccool head\u201d. Is that still the "
            "strategy?\n\nYes. We have a relationship that is very deep.\n")
    table = quote_table(parse(article_from_text(text), nlp))
    speakers = dict(zip(table.text, table.speaker))
    assert speakers["The solution is not walls."] == "Claudia Sheinbaum"
    assert speakers["cool head"] == "Claudia Sheinbaum"
