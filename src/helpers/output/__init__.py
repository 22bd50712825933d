"""The output band: charts, tables, captions, files and the HTML report, drawn from the analysis tables only.

``from helpers.output import chart_tone, export, display_options …``: every public name
of the band's modules, which are, from the bottom up:

- ``style``: palette, leader colours, labels, the matplotlib style and figure helpers;
- ``tables`` / ``corpus_tables``: the data each chart plots and the notebook views;
- ``styled``: the notebook tables a reader reads (pandas ``Styler``: the reader's columns, wrapped, whole text);
- ``captions``: the sentences under the charts and the summaries;
- ``charts`` / ``corpus_charts``: one function per chart, each returning a ``Chart``;
- ``export``: writing figures and tables to files;
- ``html_report``: the self-contained ``report.html``.

The band reads ``helpers.nlp.schema`` for the names in the tables and never imports
spaCy or the analysis itself: anything with the tables of an ``Analysis``
(:class:`ArticleTables`) or a ``Corpus`` (:class:`CorpusTables`) will do.
"""

from .captions import Sentence, describe_article, describe_corpus, describe_tone
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
    UNKNOWN,
    CorpusTables,
    corpus_groups,
    corpus_leaders,
    corpus_quote_share_table,
    corpus_tone_table,
)
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
    color_of,
    leader_colors,
    method_label,
    tint,
)
from .styled import (
    DRIVER_VIEW_COLUMNS,
    MENTION_VIEW_COLUMNS,
    QUOTE_VIEW_COLUMNS,
    TONE_VIEW_COLUMNS,
    boilerplate_view,
    driver_view,
    mention_view,
    paragraph_view,
    quote_view,
    reading_table,
    tone_view,
)
from .tables import (
    NO_SPEAKER,
    ArticleTables,
    HtmlView,
    boilerplate_table,
    default_method,
    display_options,
    entity_count_table,
    entity_view,
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
    "DRIVER_VIEW_COLUMNS",
    "ENTITY_LABELS",
    "FORMATS",
    "KIND_LABELS",
    "MENTION_VIEW_COLUMNS",
    "METHOD_LABELS",
    "NO_SPEAKER",
    "OTHER_COLOR",
    "PALETTE",
    "PNG_DPI",
    "QUOTE_VIEW_COLUMNS",
    "STYLE",
    "TONE_VIEW_COLUMNS",
    "UNKNOWN",
    "ArticleTables",
    "Chart",
    "CorpusTables",
    "HtmlView",
    "Sentence",
    "all_charts",
    "analysis_tables",
    "article_slug",
    "boilerplate_table",
    "boilerplate_view",
    "chart_corpus_quote_share",
    "chart_corpus_tone",
    "chart_entity_counts",
    "chart_mentions",
    "chart_quote_counts",
    "chart_sentence_tone",
    "chart_speakers",
    "chart_tone",
    "color_of",
    "corpus_groups",
    "corpus_leaders",
    "corpus_quote_share_table",
    "corpus_tone_table",
    "csv_bytes",
    "default_method",
    "driver_view",
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
    "leader_names",
    "leader_tone_table",
    "mention_evidence",
    "mention_rule_table",
    "mention_view",
    "method_comparison",
    "method_label",
    "output_root",
    "paragraph_table",
    "paragraph_view",
    "quote_count_table",
    "quotes_of_kind",
    "quote_view",
    "reading_table",
    "render_report",
    "sentence_tone_table",
    "speaker_table",
    "tables_dir",
    "tint",
    "tone_drivers",
    "tone_methods",
    "tone_view",
    "write_report",
]
