"""The style: leader colours by leader order."""

from __future__ import annotations

from types import SimpleNamespace

from helpers import output


def test_leader_colors_are_deterministic_and_distinct():
    a = output.leader_colors(["Xi Jinping", "Narendra Modi"])
    b = output.leader_colors([SimpleNamespace(name="Xi Jinping"), SimpleNamespace(name="Narendra Modi")])
    assert a == b == {"Xi Jinping": output.PALETTE[0], "Narendra Modi": output.PALETTE[1]}
    assert output.color_of("Someone Else", a) == output.OTHER_COLOR
    assert output.color_of(None, a) == output.OTHER_COLOR
    assert output.leader_colors([]) == {}
