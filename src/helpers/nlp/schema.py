"""The contracts of the analysis tables: rule names, quotation kinds, tone aspects and columns.

Defined once here and imported by the code that fills the tables and by the code that
reads them (charts, exports, the corpus tables), so a name cannot drift between them.
This module imports nothing heavy: the output band reads it without loading spaCy.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- entities

ENTITY_COLUMNS = ["text", "label", "start", "end", "sentence", "paragraph", "canonical"]

# --------------------------------------------------------------------------- mentions

#: How a mention was tied to its person, in the order charts and tables show them.
FULL_NAME, TITLE_NAME, SURNAME, ROLE_PHRASE, PRONOUN = "full name", "title + name", "surname", "role phrase", "pronoun"
MENTION_RULES = (FULL_NAME, TITLE_NAME, SURNAME, ROLE_PHRASE, PRONOUN)
#: The rules that count as naming a person ("name mentions").
NAME_RULES = (FULL_NAME, SURNAME, TITLE_NAME)
#: The clearest mention of a leader in a sentence comes first: a name, then a surname, a role phrase, a pronoun.
RULE_RANK = {FULL_NAME: 0, TITLE_NAME: 0, SURNAME: 1, ROLE_PHRASE: 2, PRONOUN: 3}

MENTION_COLUMNS = ["leader", "text", "start", "end", "sentence", "paragraph", "rule"]

# --------------------------------------------------------------------------- quotations

#: A quotation's kind: someone's words, a term nobody is said to have uttered, reported speech without marks.
DIRECT, SCARE, INDIRECT = "direct", "scare", "indirect"
QUOTE_KINDS = (DIRECT, SCARE, INDIRECT)
#: The cue recorded for a quotation that takes the speaker of the one before it.
FLOATING_CUE = "floating"
#: The cue recorded for a quotation that repeats words a named speaker says elsewhere in the article.
ECHO_CUE = "echo"

QUOTE_COLUMNS = ["text", "start", "end", "speaker", "speaker_mention", "cue", "kind", "group", "paragraph",
                 "sentence"]
COUNT_COLUMNS = ["leader", "direct_quotes", "quoted_words", "share_quoted_words", "indirect"]

# --------------------------------------------------------------------------- tone

#: The tone methods: TextBlob's polarity (blind to the target), and the linear target-aware model trained on NewsMTSC.
TEXTBLOB, NEWSMTSC = "textblob", "newsmtsc"
#: MiniLM fine-tuned on NewsMTSC, run with onnxruntime: the default.
MINILM = "minilm"
DEFAULT_METHOD = MINILM
#: VADER's compound score: a column of the sentence, quotation and target tables (the default method scores
#: voice by it), and the name a tone table gives it when it is a method of its own.
VADER = "vader"

#: Tone of a leader's own words, and tone toward them in the sentences that mention them.
VOICE, COVERAGE = "voice", "coverage"
ASPECTS = (VOICE, COVERAGE)

SENTENCE_COLUMNS = ["sentence", "start", "end", "text", "paragraph", "kind", "polarity", "subjectivity", "vader"]
TARGET_COLUMNS = ["sentence", "leader", "start", "end", "rule", "label", "score", "polarity", "vader",
                  "own_quote"]
#: ``difference`` is True on the rows comparing the two leaders (their ``leader`` reads "A − B").
#: ``scored_by`` names what produced a row's values: under the default method a leader's own words (voice)
#: have no target, so VADER scores them, while coverage is the target-aware model's.
TONE_COLUMNS = ["method", "aspect", "scored_by", "leader", "difference", "n", "mean", "low", "high", "note"]
