"""The public pages' forms: widgets in Django's own markup, empty error lists drawing nothing."""

import pytest
from django import forms
from django.forms.renderers import Jinja2
from django.utils import translation

from core.forms import CHOICES_DRAWN, DRAWN, PageErrorList, PageForm
from core.yesno import YesNoField

CHOICES = [("a", "Alpha & co"), ("b", "Beta"), ("Group", [("c", "Gamma"), ("d", "Delta")])]


class Everything(PageForm):
    """One field of each widget the site's renderer draws in Python (`core.forms.DRAWN`)."""

    single = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    radio = forms.ChoiceField(choices=CHOICES, required=False, widget=forms.RadioSelect)
    checks = forms.MultipleChoiceField(
        choices=CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "compact", "data-x": True}),
    )
    twice = forms.ChoiceField(
        choices=[("a", "First"), ("a", "Again"), (None, "None")], required=False
    )
    numbers = forms.TypedMultipleChoiceField(
        choices=[(1, "One"), (2, "Two"), ("Group", [(3, "Three")])], coerce=int, required=False
    )
    own_id = forms.MultipleChoiceField(
        choices=CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"id": "mine", "disabled": True}),
    )
    answer = YesNoField(label="Answer", required=False)
    plain = forms.CharField(required=False, widget=forms.TextInput(attrs={"disabled": False}))
    tick = forms.BooleanField(required=False)
    number = forms.IntegerField(required=False, min_value=1)
    email = forms.EmailField(required=False)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    search = forms.CharField(required=False, widget=forms.SearchInput)
    phone = forms.CharField(required=False, widget=forms.TelInput)
    link = forms.URLField(required=False, assume_scheme="https")
    at = forms.TimeField(required=False)
    moment = forms.DateTimeField(required=False)


FILLED = {
    "single": "b",
    "many": ["a", "d"],
    "radio": "c",
    "checks": ["b", "c"],
    "twice": "a",
    "numbers": ["2", "3"],
    "own_id": ["a", "c"],
    "answer": "yes",
    "plain": '"x" <y> & z',
    "tick": "on",
    "number": "0",
    "email": "a@example.com",
    "day": "2025-09-30",
    "secret": "s3<cret>",
    "hidden": "'kept'",
    "search": "王伟",
    "phone": "+86 10",
    "link": "https://example.com/?a=1&b=2",
    "at": "09:30",
    "moment": "2025-09-30 09:30",
}


@pytest.mark.parametrize("name", list(Everything.base_fields))
@pytest.mark.parametrize("data", [{}, FILLED])
def test_a_widget_draws_the_same_markup_as_djangos_own_template(name, data):
    form = Everything(data or None)
    djangos = Everything(data or None, renderer=Jinja2())
    assert str(form[name]) == str(djangos[name])


def test_every_drawn_widget_is_tested():
    drawn = {field.widget.template_name for field in Everything.base_fields.values()}
    assert set(DRAWN) - drawn == {"django/forms/widgets/input.html"}  # the others' base
    assert set(CHOICES_DRAWN) <= drawn


@pytest.mark.parametrize("name", ["single", "many", "radio", "checks", "answer"])
def test_a_choice_widget_is_drawn_from_its_choices(name, monkeypatch):
    """Not from the context Django's templates read (`PageBoundField`)."""
    form = Everything()
    monkeypatch.setattr(forms.widgets.ChoiceWidget, "get_context", unreachable)

    assert f'name="{name}"' in str(form[name])


def test_a_choice_field_added_to_a_form_is_drawn_from_its_choices_too(monkeypatch):
    form = YesOrNo()
    form.fields["added"] = forms.ChoiceField(choices=CHOICES)
    monkeypatch.setattr(forms.widgets.ChoiceWidget, "get_context", unreachable)

    assert '<option value="c">Gamma</option>' in str(form["added"])


def unreachable(*args, **kwargs):
    raise AssertionError("drawn from Django's widget context")


def test_an_empty_error_list_draws_nothing():
    assert str(PageErrorList()) == ""
    assert PageErrorList().__html__() == ""


def test_an_error_list_with_errors_draws_them_next_to_the_field():
    form = Everything({"single": "zz"})
    assert not form.is_valid()
    errors = str(form["single"].errors)
    assert 'class="errorlist"' in errors
    assert "zz is not one of the available choices" in errors
    assert str(form["radio"].errors) == ""


class YesOrNo(PageForm):
    answer = YesNoField(label="Answer")


def test_a_translated_label_is_drawn_in_the_active_language():
    """Labels are translated once per language (`label_text`), each in its own."""
    drawn = {}
    for language in ("en", "zh-hans", "en"):
        with translation.override(language):
            drawn.setdefault(language, []).append(str(YesOrNo()["answer"]))

    assert all('<option value="true">Yes</option>' in html for html in drawn["en"])
    assert '<option value="true">是</option>' in drawn["zh-hans"][0]


@pytest.mark.parametrize("name", ["single", "many", "radio", "checks"])
def test_a_form_given_new_choices_leaves_the_next_forms_choices_alone(name):
    """Forms share their class's choices (`FieldsSharingChoices`): assigning new ones to one
    form, as the search's platform counts do, changes that form only."""
    changed = Everything()
    changed.fields[name].choices = [("z", "Zeta")]  # the widget's too, as Django does

    fresh = Everything({name: chosen(name, "a")})

    assert list(fresh.fields[name].choices) == CHOICES
    assert 'value="a"' in str(fresh[name])
    assert 'value="z"' not in str(fresh[name])
    assert fresh.is_valid(), fresh.errors
    assert not Everything({name: chosen(name, "z")}).is_valid()


@pytest.mark.parametrize("name", ["single", "many", "radio", "checks"])
def test_a_form_given_new_widget_attributes_leaves_the_next_forms_alone(name):
    """The widgets' choices are shared between forms, their attributes are not."""
    Everything().fields[name].widget.attrs["title"] = "changed"

    fresh = Everything()

    assert "title" not in fresh.fields[name].widget.attrs
    assert "changed" not in str(fresh[name])


def chosen(name: str, value: str) -> str | list[str]:
    """`value` as field `name` takes it: a list for a multiple choice."""
    return [value] if isinstance(FILLED[name], list) else value
