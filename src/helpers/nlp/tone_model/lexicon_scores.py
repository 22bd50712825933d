"""The lexicon scores: TextBlob and VADER of a text (cached), and the labels of the two baselines.

Both scorers are pure functions of the text, so their scores are cached by the text.
"""

from __future__ import annotations

from functools import lru_cache

#: Fixed thresholds of the lexicon baselines (VADER's own; the same for TextBlob).
TEXTBLOB_THRESHOLD = 0.05
VADER_THRESHOLD = 0.05


@lru_cache(maxsize=1)
def vader_analyzer():
    """VADER's analyser (its ``lexicon`` maps lower-cased words to valences)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _pattern_sentiment():
    """The scorer behind ``TextBlob(text).sentiment`` (TextBlob's default ``PatternAnalyzer``)."""
    from textblob.en import sentiment

    return sentiment


#: Texts whose lexicon scores are kept (both scorers are pure functions of the text).
LEXICON_CACHE_SIZE = 8192


@lru_cache(maxsize=LEXICON_CACHE_SIZE)
def vader_scores(text: str) -> tuple[float, float, float]:
    """VADER's compound, positive and negative scores of a text."""
    s = vader_analyzer().polarity_scores(text)
    return s["compound"], s["pos"], s["neg"]


@lru_cache(maxsize=LEXICON_CACHE_SIZE)
def textblob_scores(text: str) -> tuple[float, float]:
    """TextBlob's polarity and subjectivity of the whole string, as ``TextBlob(text).sentiment`` gives them.

    The scorer is called directly: building a ``TextBlob`` (and the named tuple it
    returns) costs more than the scoring itself. No NLTK sentence splitter is involved.

    Raises:
        TypeError: when ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    polarity, subjectivity = _pattern_sentiment()(text)
    return float(polarity), float(subjectivity)


def _threshold_label(value: float, threshold: float) -> str:
    return "positive" if value > threshold else "negative" if value < -threshold else "neutral"


def textblob_label(sentence: str) -> str:
    """TextBlob's polarity of the whole sentence, positive above 0.05, negative below -0.05."""
    return _threshold_label(textblob_scores(sentence)[0], TEXTBLOB_THRESHOLD)


def vader_label(sentence: str) -> str:
    """VADER's compound score of the whole sentence with its standard ±0.05 thresholds."""
    return _threshold_label(vader_scores(sentence)[0], VADER_THRESHOLD)
