"""`{% translate %}` and `{% url %}` of a constant, kept per language on the node: the same
output as Django's own tags, in whichever language, script prefix and application the page is
drawn."""

import pytest
from django.template import engines
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from core.templatetags.kept_i18n import KeptTranslateNode
from core.templatetags.kept_url import KeptURLNode

LANGUAGES = ["en", "zh-hans"]


def template(source: str):
    """A template of the site's Django engine, parsed once and drawn again, as the template
    loader keeps it."""
    return engines["django"].from_string("{% load i18n %}" + source)


def drawn_in_each_language(source: str) -> dict[str, list[str]]:
    """`source` drawn twice in each language, in turns: first made, then kept."""
    page = template(source)
    drawn = {language: [] for language in LANGUAGES}
    for language in [*LANGUAGES, *LANGUAGES]:
        with translation.override(language):
            drawn[language].append(page.render({}))
    return drawn


def test_i18n_is_the_only_template_library_name_given_twice():
    """The site's `i18n` replaces Django's on purpose, and the check that reports a name given
    twice (templates.W003) is silenced for it: any other name given twice is a mistake."""
    warnings = [
        message.msg for message in engines["django"].check() if message.id == "templates.W003"
    ]

    assert warnings == [
        "'i18n' is used for multiple template tag modules: "
        "'core.templatetags.kept_i18n', 'django.templatetags.i18n'"
    ]


def test_the_sites_templates_load_the_kept_tags():
    nodes = template('{% translate "About" %}{% url "platforms:directory" %}').template.nodelist

    assert [type(node) for node in nodes][-2:] == [KeptTranslateNode, KeptURLNode]


@pytest.mark.parametrize(
    ("source", "english", "chinese"),
    [
        ('{% translate "About" %}', "About", "基本信息"),
        ('{% translate "About" as about %}[{{ about }}]', "[About]", "[基本信息]"),
        ('{% translate ", " context "list separator" %}', ", ", "、"),
        ('{% translate "About" noop %}', "About", "About"),
        ('{% language "en" %}{% translate "About" %}{% endlanguage %}', "About", "About"),
    ],
)
def test_a_constant_text_is_translated_in_each_language_it_is_drawn_in(source, english, chinese):
    assert drawn_in_each_language(source) == {"en": [english] * 2, "zh-hans": [chinese] * 2}


def test_a_text_in_a_variable_is_translated_each_time_it_is_drawn():
    page = template("{% translate text %}")

    with translation.override("zh-hans"):
        assert [page.render({"text": text}) for text in ["About", "City"]] == ["基本信息", "城市"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{% url "platforms:directory" %}', "{}"),
        ('{% url "platforms:directory" as home %}[{{ home }}]', "[{}]"),
    ],
)
def test_a_link_is_reversed_in_each_language_it_is_drawn_in(source, expected):
    links = {}
    for language in LANGUAGES:
        with translation.override(language):
            links[language] = [expected.format(reverse("platforms:directory"))] * 2

    assert drawn_in_each_language(source) == links


def test_a_link_follows_the_script_prefix():
    page = template('{% url "platforms:directory" %}')
    page.render({})
    try:
        set_script_prefix("/mounted/")
        with translation.override("en"):
            assert page.render({}) == "/mounted/en/"
    finally:
        set_script_prefix("/")


def test_an_unknown_route_is_an_error_unless_it_is_kept_in_a_variable():
    with translation.override("en"):
        assert template('{% url "no:such" as link %}[{{ link }}]').render({}) == "[]"
        with pytest.raises(NoReverseMatch):
            template('{% url "no:such" %}').render({})


def test_links_with_arguments_are_reversed_for_their_arguments():
    page = template('{% url "platforms:detail" slug %}')

    with translation.override("en"):
        drawn = [page.render({"slug": slug}) for slug in ["weibo", "maimai"]]

    assert drawn == [reverse("platforms:detail", args=[slug]) for slug in ["weibo", "maimai"]]
