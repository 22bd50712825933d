"""The style: one colour per person (a hash of the name, distinct within a chart), the leaders' tick labels."""

from __future__ import annotations

from types import SimpleNamespace

from matplotlib.figure import Figure

from helpers import output
from helpers.output.style import INK, color_leader_ticks, color_slot


def test_leader_colors_do_not_depend_on_order_or_record_type():
    names = ["Xi Jinping", "Narendra Modi", "Joe Biden"]
    a = output.leader_colors(names)
    assert a == output.leader_colors(names[::-1]) == output.leader_colors([SimpleNamespace(name=n) for n in names])
    assert set(a) == set(names) and set(a.values()) <= set(output.PALETTE) and len(set(a.values())) == 3
    assert output.color_of("Someone Else", a) == output.OTHER_COLOR
    assert output.color_of(None, a) == output.OTHER_COLOR
    assert output.leader_colors([]) == {}


def test_a_leader_alone_gets_the_colour_of_their_name_and_keeps_it_beside_another():
    # one person's colour is a function of the name: the same alone and beside anyone who does not ask for it
    for name in ("Xi Jinping", "Joe Biden", "Emmanuel Macron", "Olaf Scholz"):
        alone = output.leader_colors([name])[name]
        assert alone == output.PALETTE[color_slot(name)]
        others = [f"Leader {i}" for i in range(40) if color_slot(f"Leader {i}") != color_slot(name)]
        assert {output.leader_colors([name, o])[name] for o in others} == {alone}


def test_leaders_drawn_together_never_share_a_colour():
    names = [f"Leader {i}" for i in range(60)]
    # two names that ask for the same colour: the second in name order takes the next free one
    a, b = next((x, y) for x in names for y in names if x < y and color_slot(x) == color_slot(y))
    pair = output.leader_colors([a, b])
    assert pair[a] == output.PALETTE[color_slot(a)] and pair[b] != pair[a]
    # any group up to the palette's size, whatever the names
    for size in range(2, len(output.PALETTE) + 1):
        for start in range(0, 60 - size, 7):
            group = names[start:start + size]
            assert len(set(output.leader_colors(group).values())) == size, group


def test_a_run_gives_each_person_one_colour_and_each_chart_distinct_ones():
    # 20 leaders over 14 articles (some in several): more people than colours
    people = [f"Person {i}" for i in range(20)]
    articles = [people[i:i + 2] for i in range(0, 20, 2)] + [[people[0], people[5]], [people[3], people[8]],
                                                             [people[0], people[13]], [people[1], people[19]]]
    shown = people[:6]
    registry = output.leader_colors(people, together=[shown, *articles])
    assert set(registry) == set(people)
    for group in [shown, *articles]:
        assert len({registry[n] for n in group}) == len(group), group
        # a chart of that group given the run's registry draws everyone in the run's colour
        drawn = output.chart_colors(group, registry)
        assert {n: drawn[n] for n in group} == {n: registry[n] for n in group}


def test_chart_colors_give_a_leader_the_registry_lacks_a_colour_of_its_own():
    registry = output.leader_colors(["Xi Jinping", "Joe Biden"])
    drawn = output.chart_colors(["Xi Jinping", "Narendra Modi"], registry)
    assert drawn["Xi Jinping"] == registry["Xi Jinping"]
    assert drawn["Narendra Modi"] in output.PALETTE and drawn["Narendra Modi"] != drawn["Xi Jinping"]
    assert output.chart_colors(["Xi Jinping", "Narendra Modi"]) == output.leader_colors(["Xi Jinping", "Narendra Modi"])


def test_leader_tick_labels_take_the_leaders_colours_and_others_stay_in_ink():
    colors = output.leader_colors(["Xi Jinping", "Narendra Modi"])
    ax = Figure().add_subplot()
    ax.set_yticks([0, 1, 2], ["Xi Jinping", "a spokesman", "Narendra Modi"])
    color_leader_ticks(ax.get_yticklabels(), colors)
    ticks = {t.get_text(): (t.get_color(), t.get_fontweight()) for t in ax.get_yticklabels()}
    assert ticks == {"Xi Jinping": (colors["Xi Jinping"], "bold"), "a spokesman": (INK, "normal"),
                     "Narendra Modi": (colors["Narendra Modi"], "bold")}
