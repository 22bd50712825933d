"""The tables behind the one-article output: what each chart plots, and the views the notebooks show.

Everything here reads the tables of an analysis (:class:`ArticleTables`, which an
``Analysis`` is) and returns a DataFrame; nothing parses the article again (the
corpus tables are in ``corpus_tables``). The rule names, quotation
kinds, aspects and methods are those of ``helpers.nlp.schema``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

from ..nlp.schema import (
    ASPECTS,
    COUNT_COLUMNS,
    COVERAGE,
    DIRECT,
    INDIRECT,
    MENTION_RULES,
    NAME_RULES,
    TEXTBLOB,
    VADER,
    VOICE,
)
from .style import ENTITY_LABELS, method_label

if TYPE_CHECKING:
    from ..read import Article


class LeaderRecord(Protocol):
    """A leader as the output reads it (``helpers.Leader`` is one)."""

    @property
    def name(self) -> str: ...

    @property
    def mentions(self) -> int: ...


class ArticleTables(Protocol):
    """The tables of one article that the charts, tables and report read: an ``Analysis`` is one."""

    @property
    def article(self) -> Article: ...

    @property
    def slug(self) -> str: ...

    @property
    def leaders(self) -> Sequence[LeaderRecord]: ...

    @property
    def warnings(self) -> Sequence[str]: ...

    entities: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    quote_counts: pd.DataFrame
    sentences: pd.DataFrame
    sentence_targets: pd.DataFrame
    tone: pd.DataFrame


#: The columns of the tone chart's data: the tone table's, without the difference rows' flag, in this order.
TONE_CHART_COLUMNS = ["method", "leader", "aspect", "n", "mean", "low", "high", "note"]
#: The speaker of a quotation whose speaker was not found.
NO_SPEAKER = "(speaker not found)"


def leader_names(analysis: ArticleTables) -> list[str]:
    """The analysis's leaders, in order."""
    return [ld.name for ld in analysis.leaders]


def tone_methods(tone: pd.DataFrame | None) -> list[str]:
    """The tone methods in a tone table, TextBlob first."""
    methods = list(dict.fromkeys(tone["method"])) if tone is not None and not tone.empty else []
    return sorted(methods, key=lambda m: (m != TEXTBLOB, m == VADER, methods.index(m)))


def default_method(tone: pd.DataFrame | None) -> str | None:
    """The analysis's default (target-aware) tone method: the first one that is not TextBlob or VADER."""
    methods = tone_methods(tone)
    rest = [m for m in methods if m not in (TEXTBLOB, VADER)]
    return rest[0] if rest else (methods[0] if methods else None)


# --------------------------------------------------------------------------- what the one-article charts plot


def entity_count_table(analysis: ArticleTables) -> pd.DataFrame:
    """Entities per type, most frequent first: ``label``, ``meaning``, ``mentions`` (occurrences), ``distinct``."""
    entities = analysis.entities
    if entities.empty:
        return pd.DataFrame(columns=["label", "meaning", "mentions", "distinct"])
    data = (
        entities.groupby("label")
        .agg(mentions=("text", "size"), distinct=("canonical", "nunique"))
        .reset_index()
        .sort_values(["mentions", "label"], ascending=[False, True], ignore_index=True)
    )
    data.insert(1, "meaning", [ENTITY_LABELS.get(label, label.lower()) for label in data["label"]])
    return data


def mention_rule_table(analysis: ArticleTables) -> pd.DataFrame:
    """Mentions per leader and rule, long form: ``leader``, ``rule``, ``mentions`` (zeros kept)."""
    names = leader_names(analysis)
    mentions = analysis.mentions
    extra = [r for r in dict.fromkeys(mentions["rule"]) if r not in MENTION_RULES]
    rules = list(MENTION_RULES) + sorted(extra)
    counts = mentions.groupby(["leader", "rule"]).size() if not mentions.empty else pd.Series(dtype=int)
    rows = [
        {"leader": n, "rule": r, "mentions": int(counts.get((n, r), 0))}
        for n in names + [x for x in dict.fromkeys(mentions["leader"]) if x not in names]
        for r in rules
    ]
    return pd.DataFrame(rows, columns=["leader", "rule", "mentions"])


def quote_count_table(analysis: ArticleTables) -> pd.DataFrame:
    """The ``quote_counts`` table in its schema's columns (a missing column counts zero)."""
    data = analysis.quote_counts.copy()
    for c in COUNT_COLUMNS:
        if c not in data:
            data[c] = 0
    return data[COUNT_COLUMNS].reset_index(drop=True)


#: The columns of ``leader_count_table``: every count of a leader a reader sees (see ``helpers.output.counts``).
LEADER_COUNT_COLUMNS = ["leader", "name_mentions", "mentions", *COUNT_COLUMNS[1:]]


def leader_count_table(analysis: ArticleTables) -> pd.DataFrame:
    """Every count of each leader that report.html and the command line show, one row per leader.

    ``name_mentions`` are the rows of the mentions table found by a name rule
    (``NAME_RULES``), ``mentions`` all its rows (names, role phrases, pronouns), and
    the quote columns those of ``quote_count_table``; a leader with none counts zero.
    """
    rules = mention_rule_table(analysis)
    named = rules[rules["rule"].isin(NAME_RULES)].groupby("leader")["mentions"].sum()
    total = rules.groupby("leader")["mentions"].sum()
    quotes = quote_count_table(analysis).set_index("leader")
    rows = [
        {"leader": n, "name_mentions": int(named.get(n, 0)), "mentions": int(total.get(n, 0)),
         **{c: quotes.at[n, c] if n in quotes.index else 0 for c in COUNT_COLUMNS[1:]}}
        for n in leader_names(analysis)
    ]
    return pd.DataFrame(rows, columns=LEADER_COUNT_COLUMNS)


def article_counts(article: Article) -> dict[str, int]:
    """How the article was read, in counts: ``body_paragraphs``, ``subheadings``, ``boilerplate`` (lines set aside)."""
    return {"body_paragraphs": len(article.body_paragraphs()), "subheadings": len(article.headings),
            "boilerplate": len(article.boilerplate)}


def speaker_table(analysis: ArticleTables) -> pd.DataFrame:
    """Quotes per speaker: ``speaker``, ``is_leader``, ``direct``, ``indirect``, ``total`` (scare quotes left out)."""
    quotes = analysis.quotes
    names = leader_names(analysis)
    cols = ["speaker", "is_leader", DIRECT, INDIRECT, "total"]
    if quotes.empty:
        return pd.DataFrame(columns=cols)
    q = quotes[quotes["kind"].isin([DIRECT, INDIRECT])].copy()
    q["speaker"] = q["speaker"].where(q["speaker"].notna() & (q["speaker"].astype(str) != ""), NO_SPEAKER)
    # a quotation that runs over several paragraphs is one quote: count groups, as quote_counts does
    unit = q["group"] if "group" in q else pd.Series(range(len(q)), index=q.index)
    q = q.assign(_unit=unit)
    table = (
        q.groupby(["speaker", "kind"])["_unit"].nunique().unstack(fill_value=0)
        .reindex(columns=[DIRECT, INDIRECT], fill_value=0)
    )
    table.columns.name = None
    table = table.reset_index()
    table["total"] = table[DIRECT] + table[INDIRECT]
    table["is_leader"] = table["speaker"].isin(names)
    order = {n: i for i, n in enumerate(names)}
    table["_lead"] = table["speaker"].map(lambda s: order.get(s, len(order) + (1 if s == NO_SPEAKER else 0)))
    table = table.sort_values(["_lead", "total", "speaker"], ascending=[True, False, True], ignore_index=True)
    return table[cols].astype({DIRECT: int, INDIRECT: int, "total": int, "is_leader": bool})


def tone_leaders(analysis: ArticleTables) -> list[str]:
    """The leaders whose tone is shown: the analysis's, else those of the tone table's rows that are no difference."""
    tone = analysis.tone
    names = leader_names(analysis)
    if names or tone.empty:
        return names
    return list(dict.fromkeys(tone.loc[~tone["difference"], "leader"]))


def leader_tone_table(analysis: ArticleTables) -> pd.DataFrame:
    """The tone rows of the leaders (no difference rows), by method, leader and aspect: ``TONE_CHART_COLUMNS``."""
    tone = analysis.tone
    if tone.empty:
        return pd.DataFrame(columns=TONE_CHART_COLUMNS)
    names = tone_leaders(analysis)
    data = tone[~tone["difference"] & tone["leader"].isin(names) & tone["aspect"].isin(ASPECTS)]
    data = data[TONE_CHART_COLUMNS].copy()
    rank = {m: i for i, m in enumerate(tone_methods(tone))}
    return data.sort_values(
        ["method", "leader", "aspect"],
        key=lambda s: s.map(rank) if s.name == "method" else (
            s.map({n: i for i, n in enumerate(names)}) if s.name == "leader" else s.map(ASPECTS.index)),
        ignore_index=True,
    )


def sentence_tone_table(analysis: ArticleTables, score: str = "polarity") -> pd.DataFrame:
    """One row per sentence: ``sentence, start, end, paragraph, <score>`` and, per leader,
    ``mentions: <name>``, ``quotes: <name>`` (direct quotes starting there) and
    ``tone toward: <name>`` (mean target-aware score, empty where not mentioned)."""
    sentences = analysis.sentences
    if sentences.empty:
        return pd.DataFrame(columns=["sentence", "start", "end", "paragraph", score])
    data = sentences[["sentence", "start", "end", "paragraph", score]].copy().reset_index(drop=True)
    mentions, quotes, targets = analysis.mentions, analysis.quotes, analysis.sentence_targets
    for n in leader_names(analysis):
        m = mentions[mentions["leader"] == n].groupby("sentence").size()
        data[f"mentions: {n}"] = data["sentence"].map(m).fillna(0).astype(int)
        if not quotes.empty:
            q = quotes[(quotes["speaker"] == n) & (quotes["kind"] == DIRECT)].groupby("sentence").size()
        else:
            q = pd.Series(dtype=int)
        data[f"quotes: {n}"] = data["sentence"].map(q).fillna(0).astype(int)
        if not targets.empty:
            t = targets[targets["leader"] == n].groupby("sentence")["score"].mean()
        else:
            t = pd.Series(dtype=float)
        data[f"tone toward: {n}"] = data["sentence"].map(t).astype(float)
    return data


# --------------------------------------------------------------------------- views for the notebooks


def display_options(max_colwidth: int = 160, max_rows: int = 200) -> None:
    """Pandas display settings for the notebooks: whole sentences in table cells, long tables shown."""
    pd.set_option("display.max_colwidth", max_colwidth)
    pd.set_option("display.max_rows", max_rows)
    pd.set_option("display.min_rows", min(max_rows, 40))


def paragraph_table(article: Article) -> pd.DataFrame:
    """The article as read: one row per paragraph with ``kind`` (title / heading / body), offsets, words, text."""
    rows = [
        {
            "paragraph": i,
            "kind": p.kind,
            "start": p.start,
            "end": p.end,
            "words": len(article.text[p.start : p.end].split()),
            "text": article.text[p.start : p.end],
        }
        for i, p in enumerate(article.paragraphs)
    ]
    return pd.DataFrame(rows, columns=["paragraph", "kind", "start", "end", "words", "text"])


def boilerplate_table(article: Article) -> pd.DataFrame:
    """What was set aside as boilerplate, each with its reason and offsets."""
    rows = [
        {"start": b.start, "end": b.end, "reason": b.reason, "text": article.text[b.start : b.end]}
        for b in article.boilerplate
    ]
    return pd.DataFrame(rows, columns=["start", "end", "reason", "text"])


class HtmlView(str):
    """A piece of HTML that a notebook shows rendered."""

    def _repr_html_(self) -> str:
        return str(self)


#: displaCy's colour of each entity label (``spacy.displacy``'s defaults; other labels get ``#ddd``).
DISPLACY_COLORS = {
    "ORG": "#7aecec", "PRODUCT": "#bfeeb7", "GPE": "#feca74", "LOC": "#ff9561", "PERSON": "#aa9cfc",
    "NORP": "#c887fb", "FAC": "#9cc9cc", "EVENT": "#ffeb80", "LAW": "#ff8197", "LANGUAGE": "#ff8197",
    "WORK_OF_ART": "#f0d0ff", "DATE": "#bfe1d9", "TIME": "#bfe1d9", "MONEY": "#e4e7d2", "QUANTITY": "#e4e7d2",
    "ORDINAL": "#e4e7d2", "CARDINAL": "#e4e7d2", "PERCENT": "#e4e7d2",
}
_ENTS_HTML = '\n<div class="entities" style="line-height: 2.5; direction: ltr">{content}</div>\n'
_ENT_HTML = (
    '\n<mark class="entity" style="background: {bg}; padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; '
    'border-radius: 0.35em;">\n    {text}\n    <span style="font-size: 0.8em; font-weight: bold; line-height: 1; '
    'border-radius: 0.35em; vertical-align: middle; margin-left: 0.5rem">{label}</span>\n</mark>\n'
)


def _displacy_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def entity_view(analysis: ArticleTables) -> HtmlView:
    """The article with every named entity marked in displaCy's style, drawn from the entity table.

    The markup is displaCy's (``displacy.render(..., style="ent", manual=True)``), built
    here from the offsets in the entity table: no Doc and no spaCy, so an analysis read
    from the cache shows it without parsing again.
    """
    text = analysis.article.text
    ents = sorted(((int(r.start), int(r.end), str(r.label)) for r in analysis.entities.itertuples()),
                  key=lambda e: (e[0], e[1]))
    markup, offset = "", 0
    for start, end, label in ents:
        markup += _displacy_escape(text[offset:start]).replace("\n", "<br>")
        markup += _ENT_HTML.format(bg=DISPLACY_COLORS.get(label.upper(), "#ddd"), label=label,
                                   text=_displacy_escape(text[start:end]))
        offset = end
    markup += _displacy_escape(text[offset:]).replace("\n", "<br>")
    return HtmlView(_ENTS_HTML.format(content=markup).strip())


def sentence_texts(analysis: ArticleTables) -> dict[int, str]:
    """Each sentence's text by its number, from the sentence table."""
    sentences = analysis.sentences
    if sentences.empty:
        return {}
    return dict(zip(sentences["sentence"].astype(int), sentences["text"]))


def mention_evidence(analysis: ArticleTables) -> pd.DataFrame:
    """Every leader mention with the rule behind it and the sentence it stands in (the evidence)."""
    mentions = analysis.mentions
    cols = ["leader", "text", "rule", "start", "end", "paragraph", "sentence", "sentence_text"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    texts = sentence_texts(analysis)
    table = mentions.copy()
    table["sentence_text"] = [texts.get(int(s), "") if pd.notna(s) else "" for s in table["sentence"]]
    return table[cols].reset_index(drop=True)


def quotes_of_kind(analysis: ArticleTables, *kinds: str) -> pd.DataFrame:
    """The quotes of the given kinds (``direct``, ``scare``, ``indirect``), in text order; all when none given."""
    quotes = analysis.quotes
    table = quotes[quotes["kind"].isin(kinds)] if kinds else quotes
    first = ["text", "speaker", "cue", "kind"]
    return table[first + [c for c in table.columns if c not in first]].sort_values("start", ignore_index=True)


def method_comparison(analysis: ArticleTables) -> pd.DataFrame:
    """The tone table side by side: one row per leader and aspect, one ``mean [low, high] (n)`` column per method."""
    tone = analysis.tone
    if tone.empty:
        return pd.DataFrame(columns=["leader", "aspect"])
    t = tone.copy()

    def cell(r) -> str:
        if pd.isna(r["mean"]):
            return f"n/a (n={int(r['n'])})"
        return f"{r['mean']:+.2f} [{r['low']:+.2f}, {r['high']:+.2f}] (n={int(r['n'])})"

    t["value"] = t.apply(cell, axis=1)
    order = {n: i for i, n in enumerate(leader_names(analysis))}
    table = t.pivot_table(index=["leader", "aspect"], columns="method", values="value", aggfunc="first")
    table = table.reindex(columns=tone_methods(tone)).reset_index()
    table.columns.name = None
    table = table.rename(columns={m: method_label(m) for m in tone_methods(tone)})
    table["_o"] = table["leader"].map(lambda n: order.get(n, len(order)))
    table["_a"] = table["aspect"].map({a: i for i, a in enumerate(ASPECTS)}).fillna(2)
    return table.sort_values(["_o", "leader", "_a"], ignore_index=True).drop(columns=["_o", "_a"])


def tone_drivers(analysis: ArticleTables, *, top: int = 3, method: str | None = None) -> pd.DataFrame:
    """The sentences that drive each leader's tone figures: the ``top`` strongest per leader and aspect.

    Coverage rows come from ``sentence_targets`` (the target-aware score toward the
    leader; sentences holding the leader's own quotation are left out, as in the tone
    table); voice rows are the leader's direct quotes, scored by their own VADER
    compound when the quote table has it, else by their sentence's TextBlob polarity.
    Each row keeps offsets and the text.
    """
    cols = ["leader", "aspect", "score", "scored_by", "sentence", "start", "end", "text"]
    rows: list[dict[str, Any]] = []
    texts = sentence_texts(analysis)
    sentences, targets, quotes = analysis.sentences, analysis.sentence_targets, analysis.quotes
    method = method or default_method(analysis.tone) or "target-aware"
    polarity = dict(zip(sentences["sentence"].astype(int), sentences["polarity"])) if "polarity" in sentences else {}
    for name in leader_names(analysis):
        if not targets.empty:
            t = targets[targets["leader"] == name]
            if "own_quote" in t:
                t = t[~t["own_quote"].astype(bool)]
            t = t.assign(_abs=t["score"].abs()).sort_values(["_abs", "sentence"], ascending=[False, True]).head(top)
            for r in t.itertuples():
                rows.append({"leader": name, "aspect": COVERAGE, "score": float(r.score), "scored_by": method,
                             "sentence": int(r.sentence), "start": int(r.start), "end": int(r.end),
                             "text": texts.get(int(r.sentence), "")})
        if not quotes.empty:
            q = quotes[(quotes["speaker"] == name) & (quotes["kind"] == DIRECT)]
            picked = []
            for r in q.itertuples():
                if VADER in q:
                    score, by = float(r.vader), VADER
                elif pd.notna(r.sentence) and int(r.sentence) in polarity:
                    score, by = float(polarity[int(r.sentence)]), f"{TEXTBLOB} (sentence)"
                else:
                    continue
                picked.append({"leader": name, "aspect": VOICE, "score": score, "scored_by": by,
                               "sentence": int(r.sentence) if pd.notna(r.sentence) else None,
                               "start": int(r.start), "end": int(r.end), "text": str(r.text)})
            picked.sort(key=lambda d: (-abs(d["score"]), d["start"]))
            rows.extend(picked[:top])
    return pd.DataFrame(rows, columns=cols)
