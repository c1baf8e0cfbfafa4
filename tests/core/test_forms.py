"""The public pages' forms: widgets in Django's own markup, empty error lists drawing nothing."""

import pytest
from django import forms
from django.forms.renderers import Jinja2

from core.forms import PageErrorList, PageForm

CHOICES = [("a", "Alpha & co"), ("b", "Beta"), ("Group", [("c", "Gamma"), ("d", "Delta")])]


class Everything(PageForm):
    """One field of each widget whose option list `core/widgets` draws in place."""

    single = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    radio = forms.ChoiceField(choices=CHOICES, required=False, widget=forms.RadioSelect)
    checks = forms.MultipleChoiceField(
        choices=CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "compact", "data-x": True}),
    )
    plain = forms.CharField(required=False, widget=forms.TextInput(attrs={"disabled": False}))


@pytest.mark.parametrize("name", ["single", "many", "radio", "checks", "plain"])
@pytest.mark.parametrize(
    "data",
    [{}, {"single": "b", "many": ["a", "d"], "radio": "c", "checks": ["b", "c"], "plain": '"x"'}],
)
def test_a_widget_draws_the_same_markup_as_djangos_own_template(name, data):
    form = Everything(data or None)
    djangos = Everything(data or None, renderer=Jinja2())
    assert str(form[name]) == str(djangos[name])


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
