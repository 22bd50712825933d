"""A target-aware tone model: negative / neutral / positive toward one person in a sentence.

Trained on the NewsMTSC training split (Hamborg & Donnay, "NewsMTSC: A Dataset for
(Multi-)Target-dependent Sentiment Classification in Political News Articles",
EACL 2021; MIT licence). A multinomial logistic regression over words, dependency
features and lexicon scores of the sentence around the target.

- :mod:`.lexicon_scores`: TextBlob and VADER scores of a text (cached) and their labels;
- :mod:`.features`: the features of one target in a parsed sentence;
- :mod:`.model`: :class:`ToneModel`, its JSON file and :func:`load_tone_model`;
- :mod:`.train`: reading NewsMTSC, training, cross-validation and evaluation.

scikit-learn is used for training only. The trained model is a JSON file (vocabulary,
idf, weights) read with :mod:`json` and applied with numpy: nothing is unpickled.
"""

from .features import DEFAULT_PARAMS, DENSE_FEATURES, featurize
from .lexicon_scores import textblob_label, textblob_scores, vader_label, vader_scores
from .model import LABELS, METHOD, ToneModel, TonePrediction, load_tone_model
from .train import (
    ToneExample,
    accuracy,
    cross_validate,
    evaluate,
    f1_macro,
    main_train,
    read_newsmtsc,
    train_tone_model,
)

__all__ = [
    "DEFAULT_PARAMS",
    "DENSE_FEATURES",
    "LABELS",
    "METHOD",
    "ToneExample",
    "ToneModel",
    "TonePrediction",
    "accuracy",
    "cross_validate",
    "evaluate",
    "f1_macro",
    "featurize",
    "load_tone_model",
    "main_train",
    "read_newsmtsc",
    "textblob_label",
    "textblob_scores",
    "train_tone_model",
    "vader_label",
    "vader_scores",
]
