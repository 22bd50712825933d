"""The style: leader colours by leader order, one function for the leaders' tick labels."""

from __future__ import annotations

from types import SimpleNamespace

from matplotlib.figure import Figure

from helpers import output
from helpers.output.style import INK, color_leader_ticks


def test_leader_colors_are_deterministic_and_distinct():
    a = output.leader_colors(["Xi Jinping", "Narendra Modi"])
    b = output.leader_colors([SimpleNamespace(name="Xi Jinping"), SimpleNamespace(name="Narendra Modi")])
    assert a == b == {"Xi Jinping": output.PALETTE[0], "Narendra Modi": output.PALETTE[1]}
    assert output.color_of("Someone Else", a) == output.OTHER_COLOR
    assert output.color_of(None, a) == output.OTHER_COLOR
    assert output.leader_colors([]) == {}


def test_leader_tick_labels_take_the_leaders_colours_and_others_stay_in_ink():
    colors = output.leader_colors(["Xi Jinping", "Narendra Modi"])
    ax = Figure().add_subplot()
    ax.set_yticks([0, 1, 2], ["Xi Jinping", "a spokesman", "Narendra Modi"])
    color_leader_ticks(ax.get_yticklabels(), colors)
    ticks = {t.get_text(): (t.get_color(), t.get_fontweight()) for t in ax.get_yticklabels()}
    assert ticks == {"Xi Jinping": (output.PALETTE[0], "bold"), "a spokesman": (INK, "normal"),
                     "Narendra Modi": (output.PALETTE[1], "bold")}
