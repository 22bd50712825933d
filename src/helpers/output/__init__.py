"""The output band: charts, tables, captions, files and the HTML report, drawn from the analysis tables only.

``from helpers.output import chart_tone, export, display_options …``: every public name
of the band's modules, which are, from the bottom up:

- ``style``: palette, leader colours, labels, the matplotlib style and figure helpers;
- ``tables`` / ``corpus_tables``: the data each chart plots and the notebook views;
- ``counts``: the words for every count a reader sees (``say``, ``plural``), defined once;
- ``captions``: the sentences under the charts and the summaries;
- ``charts`` / ``corpus_charts``: one function per chart, each returning a ``Chart``;
- ``export``: writing figures and tables to files;
- ``html_report``: the self-contained ``report.html``.

The band reads ``helpers.nlp.schema`` for the names in the tables and never imports
spaCy or the analysis itself: anything with the tables of an ``Analysis``
(:class:`ArticleTables`) or a ``Corpus`` (:class:`CorpusTables`) will do.
"""

from .captions import (
    Sentence,
    article_counts_line,
    describe_article,
    describe_corpus,
    describe_tone,
    leader_counts_line,
)
from .charts import (
    CHARTS,
    Chart,
    all_charts,
    chart_entity_counts,
    chart_mentions,
    chart_quote_counts,
    chart_sentence_tone,
    chart_speakers,
    chart_tone,
)
from .corpus_charts import chart_corpus_quote_share, chart_corpus_tone
from .corpus_tables import (
    CORPUS_GROUPS,
    MAX_LEADERS,
    NOT_GIVEN,
    CorpusTables,
    corpus_colors,
    corpus_groups,
    corpus_leaders,
    corpus_quote_share_table,
    corpus_tone_table,
)
from .counts import COUNT_LABELS, COUNT_WORDS, plural, say
from .export import (
    FORMATS,
    PNG_DPI,
    analysis_tables,
    article_slug,
    csv_bytes,
    export,
    export_tables,
    figure_bytes,
    figures_dir,
    output_root,
    tables_dir,
)
from .html_report import highlighted_article, render_report, write_report
from .style import (
    ASPECT_LABELS,
    ENTITY_LABELS,
    KIND_LABELS,
    METHOD_LABELS,
    OTHER_COLOR,
    PALETTE,
    STYLE,
    chart_colors,
    color_of,
    leader_colors,
    method_label,
    tint,
)
from .tables import (
    NO_SPEAKER,
    ArticleTables,
    HtmlView,
    article_counts,
    boilerplate_table,
    default_method,
    display_options,
    entity_count_table,
    entity_view,
    leader_count_table,
    leader_names,
    leader_tone_table,
    mention_evidence,
    mention_rule_table,
    method_comparison,
    paragraph_table,
    quote_count_table,
    quotes_of_kind,
    sentence_tone_table,
    speaker_table,
    tone_drivers,
    tone_methods,
)

__all__ = [
    "ASPECT_LABELS",
    "CHARTS",
    "CORPUS_GROUPS",
    "COUNT_LABELS",
    "COUNT_WORDS",
    "ENTITY_LABELS",
    "FORMATS",
    "KIND_LABELS",
    "MAX_LEADERS",
    "METHOD_LABELS",
    "NOT_GIVEN",
    "NO_SPEAKER",
    "OTHER_COLOR",
    "PALETTE",
    "PNG_DPI",
    "STYLE",
    "ArticleTables",
    "Chart",
    "CorpusTables",
    "HtmlView",
    "Sentence",
    "all_charts",
    "analysis_tables",
    "article_counts",
    "article_counts_line",
    "article_slug",
    "boilerplate_table",
    "chart_corpus_quote_share",
    "chart_corpus_tone",
    "chart_entity_counts",
    "chart_mentions",
    "chart_quote_counts",
    "chart_sentence_tone",
    "chart_speakers",
    "chart_tone",
    "chart_colors",
    "color_of",
    "corpus_colors",
    "corpus_groups",
    "corpus_leaders",
    "corpus_quote_share_table",
    "corpus_tone_table",
    "csv_bytes",
    "default_method",
    "describe_article",
    "describe_corpus",
    "describe_tone",
    "display_options",
    "entity_count_table",
    "entity_view",
    "export",
    "export_tables",
    "figure_bytes",
    "figures_dir",
    "highlighted_article",
    "leader_colors",
    "leader_count_table",
    "leader_counts_line",
    "leader_names",
    "leader_tone_table",
    "mention_evidence",
    "mention_rule_table",
    "method_comparison",
    "method_label",
    "output_root",
    "paragraph_table",
    "plural",
    "quote_count_table",
    "quotes_of_kind",
    "render_report",
    "say",
    "sentence_tone_table",
    "speaker_table",
    "tables_dir",
    "tint",
    "tone_drivers",
    "tone_methods",
    "write_report",
]
