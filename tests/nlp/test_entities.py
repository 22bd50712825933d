"""Entities and their canonical names."""

from __future__ import annotations

from helpers import article_from_text, canonical_place, clean_name, entity_table, find_leaders, parse, quote_table


def test_clean_name_strips_titles_and_possessives():
    assert clean_name("President Joe Biden") == "Joe Biden"
    assert clean_name("Mr. Trump’s") == "Trump"
    assert clean_name("Prime Minister Boris Johnson's") == "Boris Johnson"


def test_places_merge():
    assert {canonical_place(s) for s in ["the United States", "US", "The United States", "U.S."]} == {
        "United States"
    }
    assert canonical_place("Geneva") == "Geneva"


def test_default_article_entities(default_analysis):
    t = default_analysis.entities
    article = default_analysis.article
    assert list(t.columns) == ["text", "label", "start", "end", "sentence", "paragraph", "canonical"]
    for row in t.itertuples():
        assert article.text[row.start : row.end] == row.text
    persons = t[t.label == "PERSON"]
    assert set(persons[persons.text.isin(["Biden", "Joe Biden"])].canonical) == {"Joe Biden"}
    assert set(persons[persons.text.isin(["Putin", "Vladimir Putin"])].canonical) == {"Vladimir Putin"}
    places = t[t.text.isin(["US", "the United States", "The United States"])]
    assert set(places.canonical) == {"United States"}
    counts = persons.canonical.value_counts()
    assert counts.index[0] == "Vladimir Putin" and counts.index[1] == "Joe Biden"
    # boilerplate is never analysed: the author byline is not an entity
    assert "Denton Watson" not in set(t.text)
    assert t.paragraph.notna().all()


def test_single_name_goes_to_most_frequent_full_name(nlp):
    text = (
        "Leaders meet\n\nJoe Biden met Vladimir Putin in Geneva. Biden spoke first. "
        "Later Hunter Biden was not mentioned again, but Joe Biden was. Putin left."
    )
    doc = parse(article_from_text(text), nlp)
    t = entity_table(doc)
    assert set(t[(t.label == "PERSON") & (t.text == "Biden")].canonical) == {"Joe Biden"}


def test_a_relative_named_later_does_not_take_the_surname(nlp):
    # both are named in full once: the surname alone stays with the person named first
    text = (
        "Mayor speaks\n\nMayor Lorraine Castellanos gave her annual speech on Tuesday. "
        "Castellanos called for a new tax.\n\n"
        "Her husband, Daniel Castellanos, a pediatrician, sat in the front row. "
        "\"It will pass,\" Castellanos told reporters."
    )
    quotes = quote_table(parse(article_from_text(text), nlp))
    assert list(quotes.speaker) == ["Lorraine Castellanos"]


def test_a_name_tagged_as_an_organisation_is_a_person_when_described_as_one(nlp):
    # the small model tags "Jamal Reyes" ORG; a first name and "Reyes said" make him a person
    text = (
        "Senate debate\n\nSen. Carol Whitaker and her Democratic challenger, Jamal Reyes, clashed on "
        "Thursday. \"Then put some in your own,\" Reyes said. Whitaker said she disagreed."
    )
    t = entity_table(parse(article_from_text(text), nlp))
    assert "Jamal Reyes" in set(t[t.label == "PERSON"].canonical)


def test_a_name_beside_an_office_is_a_person_whatever_the_first_name(nlp):
    # the small model tags "Aminu Ladan" ORG, and "Aminu" has no gender in the name list
    text = ("Trade talks\n\nThe talks brought Nigeria’s president, Aminu Ladan, and Ghana’s president, Efua "
            "Amankwah, to Abuja.\n\n“They pay their taxes,” Ladan, 66, told a news conference.")
    quotes = quote_table(parse(article_from_text(text), nlp))
    assert list(quotes.speaker) == ["Aminu Ladan"]


def test_an_untagged_name_with_an_age_is_a_person(nlp):
    # "Ikenna" is tagged a place and "Obi" left untagged; "Obi, 47," is somebody's age
    text = ("Shop war\n\nFor eleven years, Ikenna Obi sold phone chargers behind Makola Market.\n\n"
            "“They did not even knock,” said Obi, 47, who was born in Anambra state.")
    doc = parse(article_from_text(text), nlp)
    assert list(quote_table(doc).speaker) == ["Ikenna Obi"]


def test_lower_case_words_are_no_person(nlp):
    # the small model tags "jollof" PERSON: it is neither a person nor a leader
    text = ("Rivals\n\nThe two countries trade insults in the endless jollof wars. Efua Amankwah laughed. "
            "The jollof wars go on, and John Mensah said jollof was his favourite dish.")
    leaders = find_leaders(parse(article_from_text(text), nlp), k=3)
    assert {leader.name for leader in leaders} == {"Efua Amankwah", "John Mensah"}


def test_a_full_name_whose_surname_has_a_title_elsewhere_is_a_person(nlp):
    # the small model tags "Helena Duarte" ORG here; "Ms Duarte" makes her a person, named in full
    text = ("Summit\n\nWhen Helena Duarte walked off the stage at the convention centre in Belém on Tuesday, the "
            "applause went on for almost a minute.\n\nAsked about drilling, Ms Duarte said it was “not in "
            "conflict” with the pledge.")
    quotes = quote_table(parse(article_from_text(text), nlp))
    assert list(quotes.speaker) == ["Helena Duarte"]


def test_a_name_with_an_office_in_apposition_is_a_person(nlp):
    # the small model tags "Li Jingyi" as a place here; "China's president" in apposition makes her a person
    text = ("Column\n\nWhen Sato Takumi landed in Beijing on November 3rd, the welcome was warm. Li Jingyi, China’s "
            "president, received Japan’s prime minister in a small hall.\n\nMs Li said the two countries had "
            "“turned a page”.")
    quotes = quote_table(parse(article_from_text(text), nlp))
    assert list(quotes.speaker) == ["Li Jingyi"]
