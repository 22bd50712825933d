"""report.html: one self-contained page, article text escaped, quotes highlighted, charts inlined."""

from __future__ import annotations

import re
import shutil
import subprocess
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers import article_from_text, output
from helpers.nlp.schema import COUNT_COLUMNS, SENTENCE_COLUMNS, TARGET_COLUMNS, TONE_COLUMNS
from helpers.output import highlighted_article, render_report, write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def page(fake):
    # two charts are enough to check inlining; the full set is drawn by the report job
    return render_report(fake, figures=[output.chart_mentions(fake), output.chart_tone(fake)])


def _hostile():
    text = 'Leaders <b>meet</b>\n\nJoe Biden said "<script>alert(1)</script>" & left.\n\nPutin said <img src=x>.\n'
    article = article_from_text(text, source_path="hostile.txt")
    start = text.index("<script>")
    end = text.index('"', start)
    quotes = pd.DataFrame([{"text": text[start:end], "start": start, "end": end, "speaker": "Joe Biden",
                            "speaker_mention": "Joe Biden", "cue": "said", "kind": "direct", "group": 0,
                            "paragraph": 1, "sentence": 1}])
    b = text.index("Joe Biden")
    mentions = pd.DataFrame([{"leader": "Joe Biden", "text": "Joe Biden", "start": b, "end": b + 9, "sentence": 1,
                              "paragraph": 1, "rule": "full name"}])
    return SimpleNamespace(article=article, slug=article.slug, leaders=[SimpleNamespace(name="Joe Biden", mentions=1)],
                           mentions=mentions, quotes=quotes, warnings=["<i>warned</i>"], entities=pd.DataFrame(),
                           quote_counts=pd.DataFrame(columns=COUNT_COLUMNS),
                           sentences=pd.DataFrame(columns=SENTENCE_COLUMNS),
                           sentence_targets=pd.DataFrame(columns=TARGET_COLUMNS),
                           tone=pd.DataFrame(columns=TONE_COLUMNS))


def test_article_text_is_escaped():
    html = render_report(_hostile(), figures=[])
    assert "<script>" not in html and "<img src=x>" not in html and "<b>meet</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x&gt;" in html and "&lt;b&gt;meet&lt;/b&gt;" in html and "&lt;i&gt;warned" in html
    # the quote is still highlighted, around the escaped text
    assert re.search(r'<mark id="q0" class="quote kind-direct"[^>]*>&lt;script&gt;', html)


def test_page_is_self_contained(page):
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert page.count('src="data:image/png;base64,') == 2


def test_every_quote_and_mention_is_marked_from_offsets(fake, fake_leaders):
    html = highlighted_article(fake)
    ids = {int(m) for m in re.findall(r'data-quote="(\d+)"', html)}
    assert ids == set(range(len(fake.quotes)))
    assert len(re.findall(r'<mark id="q\d+"', html)) == len(fake.quotes)
    colours = output.leader_colors(fake_leaders)
    putin_quote = fake.quotes.index[fake.quotes.speaker == fake_leaders[0]][0]
    putin = colours[fake_leaders[0]]
    assert re.search(rf'data-quote="{putin_quote}" data-speaker="Vladimir Putin" style="--c:{putin}', html)
    assert html.count('class="mention') >= len(fake.mentions)
    # the marked text, put back together, is the article's paragraphs
    plain = re.sub(r"<[^>]+>", "", re.sub(r'<span class="pno">¶\d+</span>', "", html))
    import html as h

    assert h.unescape(plain).replace("\n", "") == "".join(
        fake.article.text[p.start:p.end] for p in fake.article.paragraphs).replace("\n", "")


def test_write_report(fake, tmp_path):
    path = write_report(fake, figures=[], out_dir=tmp_path)
    assert path == tmp_path / "putin_biden_geneva_2021" / "report.html"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def _chromium(*args, tmp_path):
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_page_renders_in_headless_chromium(page, fake, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    proc = _chromium("--dump-dom", path.as_uri(), tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert "<mark" in dom and len(set(re.findall(r'data-quote="(\d+)"', dom))) == len(fake.quotes)
    assert len(re.findall(r'<figure class="chart"[^>]*><img alt="[^"]+" src="data:image/png;base64,', dom)) == 2
    assert dom.count('class="mention') >= len(fake.mentions)
    shot = tmp_path / "report.png"
    proc = _chromium(f"--screenshot={shot}", "--window-size=1200,1600", "--hide-scrollbars", path.as_uri(),
                     tmp_path=tmp_path)
    assert proc.returncode == 0 and shot.stat().st_size > 10_000, proc.stderr[-2000:]


def test_page_highlights_each_leader_in_the_colour_given_for_the_run(fake, fake_leaders):
    own = output.chart_colors(fake_leaders)
    registry = dict(zip(fake_leaders, [c for c in output.PALETTE if c not in own.values()]))
    html = render_report(fake, figures=[], colors=registry)
    chips = dict((n, c) for c, n in re.findall(r'<li><span class="chip" style="--c:(#[0-9A-Fa-f]{6})"></span> '
                                                r'<strong>([^<]+)</strong>', html))
    assert chips == registry
    for n in fake_leaders:
        assert f'data-leader="{n}" style="--c:{registry[n]}"' in html
        assert f'data-leader="{n}" style="--c:{own[n]}"' not in html
    # without a registry the page uses the colours the article's charts use on their own
    alone = render_report(fake, figures=[])
    assert all(f'data-leader="{n}" style="--c:{own[n]}"' in alone for n in fake_leaders)
