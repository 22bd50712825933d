"""The features of one target in a parsed sentence, for the tone model.

- the words of the sentence with the target mention replaced by ``TARGET`` and other
  people (spaCy ``PERSON`` entities) by ``OTHER``;
- the words just left and right of the target, the lemmas within three dependency
  arcs of it and the lemmas of its own clause (other clauses joined to it cut off);
- the target's part of speech and entity type (a date or place is rarely evaluated);
- dependency features: the target's relation and head, the verb governing it,
  negation, its ancestors, whether it is the speaker of a speech verb ("X accused …")
  or sits in a reported clause ("… said X is …"), inside quotation marks;
- lexicon scores: VADER and TextBlob of the masked sentence, VADER of the target's
  clause, and VADER word valences weighted by their dependency distance to the target.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.tokens import Span

from ..lexicon import TONE_MODEL_QUOTE_CHARS, TONE_MODEL_SPEECH_VERBS
from ..pipeline import TokenTable, span_ents, token_table
from .lexicon_scores import textblob_scores, vader_analyzer, vader_scores

#: Feature settings chosen by 5-fold grouped cross-validation on the training split.
DEFAULT_PARAMS: dict[str, Any] = {
    "window": 4,  # words left / right of the target
    "tree_depth": 3,  # lemmas within this many dependency arcs of the target
    "min_df": 2,  # keep features seen in at least this many training examples
    "C": 2.0,  # inverse L2 strength of the logistic regression
    "class_weight": "balanced",
    "max_iter": 3000,
}

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Clauses cut off the target's own clause unless they hold the target.
OTHER_CLAUSE_DEPS = frozenset({"advcl", "conj", "parataxis", "ccomp", "cc", "relcl"})
SUBJECT_CONTEXT_DEPS = frozenset({"dobj", "attr", "acomp", "xcomp", "ccomp", "prep", "advmod", "oprd"})
DENSE_FEATURES: tuple[str, ...] = (
    "vader_compound", "vader_pos", "vader_neg", "textblob_polarity", "textblob_subjectivity",
    "clause_vader_compound", "clause_vader_pos", "clause_vader_neg", "tree_lex_pos", "tree_lex_neg",
)
_FAR = 10  # dependency distance given to tokens the target's tree does not reach


def _target_tokens(tt: TokenTable, lo: int, hi: int, base: int, start: int, end: int) -> list[int]:
    """Tokens of the sentence ``lo:hi`` overlapping characters [start, end) (relative to ``base``, its start)."""
    idx, text = tt.idx, tt.text
    tokens = [i for i in range(lo, hi) if idx[i] - base < end and idx[i] - base + len(text[i]) > start]
    if not tokens:
        tokens = [min(range(lo, hi), key=lambda i: abs(idx[i] - base - start))]
    return tokens


def _span_root(tt: TokenTable, tokens: list[int]) -> int:
    """The token of the mention whose head lies outside it."""
    ids = set(tokens)
    for i in tokens:
        h = tt.head[i]
        if h not in ids or h == i:
            return i
    return tokens[0]


def _clause_verb(tt: TokenTable, lo: int, hi: int, root: int) -> int:
    """The nearest verb above the target (or its head when the target is a verb itself)."""
    head, pos = tt.head, tt.pos
    t = root
    while head[t] != t and lo <= head[t] < hi and pos[t] not in ("VERB", "AUX"):
        t = head[t]
    if t == root and head[t] != t and lo <= head[t] < hi:
        t = head[t]
    return t


def _local_clause(tt: TokenTable, lo: int, hi: int, verb: int, target_ids: set[int]) -> list[int]:
    """The target's own clause: the subtree of its verb minus joined clauses without the target."""
    cut: set[int] = set()
    for child in tt.children(verb):
        if tt.dep[child] in OTHER_CLAUSE_DEPS:
            sub = set(tt.subtree(child))
            if not sub & target_ids:
                cut |= sub
    return [t for t in tt.subtree(verb) if t not in cut and t not in target_ids and lo <= t < hi]


def _tree_distances(tt: TokenTable, lo: int, hi: int, root: int) -> dict[int, int]:
    """Number of dependency arcs from ``root`` to every token of the sentence it reaches."""
    head, children = tt.head, tt.children
    dist = {root: 0}
    frontier = [root]
    while frontier:
        nxt = []
        for t in frontier:
            neighbours = children(t)  # a fresh list
            if head[t] != t:
                neighbours.append(head[t])
            for n in neighbours:
                if n not in dist and lo <= n < hi:
                    dist[n] = dist[t] + 1
                    nxt.append(n)
        frontier = nxt
    return dist


def _masked_words(sent: Span, tt: TokenTable, target_ids: set[int]) -> list[str]:
    """Lower-cased words with the target as ``TARGET`` and other people as ``OTHER``."""
    other: set[int] = set()
    for ent in span_ents(sent):
        if ent.label_ == "PERSON" and not target_ids & set(range(ent.start, ent.end)):
            other.update(range(ent.start, ent.end))
    is_space, lower = tt.is_space, tt.lower
    words: list[str] = []
    for i in range(sent.start, sent.end):
        if is_space[i]:
            continue
        w = "TARGET" if i in target_ids else "OTHER" if i in other else lower[i]
        if words and w in ("TARGET", "OTHER") and words[-1] == w:
            continue
        words.append(w)
    return words


def _in_quotes(tt: TokenTable, lo: int, hi: int, first: int) -> bool:
    """Whether an opening quotation mark before the target (token ``first``) is still open."""
    inside = False
    for text in tt.text[lo : min(first, hi)]:
        if text == "“":
            inside = True
        elif text == "”":
            inside = False
        elif text == '"':
            inside = not inside
    return inside


def _word_features(f: Counter, words: list[str], window: int) -> None:
    for w in words:
        f["w:" + w] += 1
    p = words.index("TARGET") if "TARGET" in words else 0
    for w in words[max(0, p - window):p]:
        f["L:" + w] += 1
    for w in words[p + 1:p + 1 + window]:
        f["R:" + w] += 1


def _dependency_features(f: Counter, tt: TokenTable, lo: int, hi: int, tokens: list[int], root: int,
                         verb: int) -> None:
    lemma, deps = tt.lemma, tt.dep
    head = tt.head[root] if lo <= tt.head[root] < hi else root
    dep, head_lemma = deps[root], lemma[head]
    f["dep:" + dep] += 1
    f["ent:" + (tt.ent_type[root] or "none")] += 1
    f["tpos:" + tt.pos[root]] += 1
    f["hd:" + head_lemma] += 1
    f[f"dh:{dep}_{head_lemma}"] += 1
    verb_lemma = lemma[verb]
    f["vl:" + verb_lemma] += 1
    f[f"dv:{dep}_{verb_lemma}"] += 1
    verb_children = tt.children(verb)
    if any(deps[c] == "neg" for c in verb_children):
        f["neg_v"] += 1
        f["negv:" + verb_lemma] += 1
    ancestors = [a for a in tt.ancestors(root) if lo <= a < hi]
    for a in ancestors:
        f["anc:" + lemma[a]] += 1
    if dep in SUBJECT_DEPS and verb_lemma in TONE_MODEL_SPEECH_VERBS:
        f["speaker"] += 1
        f["speaker:" + verb_lemma] += 1
    if any(lemma[a] in TONE_MODEL_SPEECH_VERBS and a != verb for a in ancestors):
        f["reported"] += 1
    if dep == "poss":
        f["poss_of:" + head_lemma] += 1
    if dep in SUBJECT_DEPS:
        for c in verb_children:
            if deps[c] in SUBJECT_CONTEXT_DEPS:
                f["subjctx:" + lemma[c]] += 1
    if dep in ("dobj", "pobj"):
        for c in verb_children:
            if deps[c] == "nsubj":
                f["objsubj:" + ("OTHER" if tt.ent_type[c] == "PERSON" else lemma[c])] += 1
    if _in_quotes(tt, lo, hi, tokens[0]):
        f["inquote"] += 1
    if any(text in TONE_MODEL_QUOTE_CHARS for text in tt.text[lo:hi]):
        f["hasquote"] += 1


def _tree_features(f: Counter, tt: TokenTable, lo: int, hi: int, target_ids: set[int], verb: int,
                   dist: dict[int, int], depth: int) -> None:
    lemma, is_punct, is_space = tt.lemma, tt.is_punct, tt.is_space
    for i in range(lo, hi):
        if i in target_ids or is_punct[i] or is_space[i]:
            continue
        if dist.get(i, _FAR) <= depth:
            f["tb:" + lemma[i]] += 1
    for t in _local_clause(tt, lo, hi, verb, target_ids):
        if not (is_punct[t] or is_space[t]):
            f["lc:" + lemma[t]] += 1


def _dense_features(tt: TokenTable, lo: int, hi: int, words: list[str], target_ids: set[int], verb: int,
                    dist: dict[int, int]) -> list[float]:
    """Lexicon scores, in the order of ``DENSE_FEATURES``."""
    masked = " ".join("X" if w in ("TARGET", "OTHER") else w for w in words)
    text = tt.text
    clause = " ".join(text[t] for t in tt.subtree(verb) if t not in target_ids and lo <= t < hi)
    lexicon = vader_analyzer().lexicon
    lower = tt.lower
    pos = neg = 0.0
    for i in range(lo, hi):
        if i in target_ids:
            continue
        valence = lexicon.get(lower[i])
        if valence is None:
            continue
        weight = 1.0 / (1 + dist.get(i, _FAR))
        if valence > 0:
            pos += valence * weight
        else:
            neg -= valence * weight
    return [*vader_scores(masked), *textblob_scores(masked), *vader_scores(clause), pos / 4, neg / 4]


def featurize(sentence: Span, start: int, end: int, params: dict[str, Any] | None = None
              ) -> tuple[Counter, list[float]]:
    """The features of one target.

    Args:
        sentence: A parsed sentence (any span of a parsed Doc).
        start: The mention's first character, relative to ``sentence.start_char``.
        end: Just past the mention's last character, relative to the sentence.
        params: Feature settings (``window``, ``tree_depth``); ``DEFAULT_PARAMS`` when omitted.

    Returns:
        Sparse feature counts and the dense lexicon scores (``DENSE_FEATURES``).
    """
    params = params or DEFAULT_PARAMS
    tt = token_table(sentence.doc)
    lo, hi = sentence.start, sentence.end
    tokens = _target_tokens(tt, lo, hi, sentence.start_char, start, end)
    target_ids = set(tokens)
    root = _span_root(tt, tokens)
    words = _masked_words(sentence, tt, target_ids)
    dist = _tree_distances(tt, lo, hi, root)
    verb = _clause_verb(tt, lo, hi, root)
    sparse: Counter = Counter()
    _word_features(sparse, words, int(params["window"]))
    _dependency_features(sparse, tt, lo, hi, tokens, root, verb)
    _tree_features(sparse, tt, lo, hi, target_ids, verb, dist, int(params["tree_depth"]))
    return sparse, _dense_features(tt, lo, hi, words, target_ids, verb, dist)
