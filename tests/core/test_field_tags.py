"""`{% form_field %}` and `{% filter_field %}`: a field with its label, help and errors."""

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm

from core.templatetags.fields import filter_field, form_field


class Sample(forms.Form):
    name = forms.CharField(label="Name <b>", help_text="Plain <i>help</i>")
    agree = forms.BooleanField(label="Agree", required=False)
    colours = forms.MultipleChoiceField(
        choices=[("r", "Red"), ("g", "Green")], widget=forms.CheckboxSelectMultiple
    )


def test_a_field_is_labelled_and_its_label_escaped():
    html = str(form_field(Sample()["name"]))

    assert '<label for="id_name">Name &lt;b&gt;</label>' in html
    assert html.index("<label") < html.index("<input")


def test_a_tick_box_comes_before_its_label():
    html = str(form_field(Sample()["agree"]))

    assert html.index('type="checkbox"') < html.index("<label")


def test_a_group_of_choices_is_a_fieldset_with_a_legend():
    html = str(form_field(Sample()["colours"]))

    assert html.startswith('<fieldset class="field">')
    assert "<legend>Colours</legend>" in html


def test_a_forms_help_text_is_written_as_its_form_gives_it():
    password = str(form_field(BaseUserCreationForm()["password1"]))

    assert '<span class="helptext" id="id_password1_helptext"><ul><li>' in password


def test_a_filters_plain_help_text_is_escaped():
    html = str(filter_field(Sample()["name"]))

    assert "Plain &lt;i&gt;help&lt;/i&gt;" in html


def test_an_invalid_filter_shows_its_errors_above_the_widget():
    form = Sample({"name": ""})
    form.is_valid()
    html = str(filter_field(form["name"]))

    assert html.startswith('<div class="field field-invalid">')
    assert html.index('class="errorlist"') < html.index("<input")


def test_a_valid_field_says_nothing_of_errors():
    form = Sample({"name": "Lan", "colours": ["r"]})
    form.is_valid()

    assert "errorlist" not in str(form_field(form["name"]))
    assert "field-invalid" not in str(filter_field(form["name"]))


class Focused(forms.Form):
    """A form that focuses its first field when new, as the sign-up's username does."""

    username = forms.CharField(widget=forms.TextInput(attrs={"autofocus": True}))
    password = forms.CharField()
    kept = forms.CharField(required=False, show_hidden_initial=True)


def test_a_new_form_keeps_the_focus_it_asks_for():
    form = Focused()

    assert "autofocus" in str(form_field(form["username"]))
    assert "autofocus" not in str(form_field(form["password"]))


def test_a_form_sent_back_focuses_its_first_field_in_error_and_no_other():
    """The message may be far down a phone's page: the browser scrolls to the focused field."""
    form = Focused({"username": "li.jing", "password": ""})

    assert "autofocus" in str(form_field(form["password"]))
    assert "autofocus" not in str(form_field(form["username"]))


def test_a_field_sent_back_keeps_its_hidden_initial_value():
    form = Focused({"username": "", "password": "", "kept": "x", "initial-kept": "x"})

    assert 'name="initial-kept"' in str(form_field(form["kept"]))
