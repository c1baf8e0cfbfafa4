"""The API's JSON (`core.renderers.FastJSONRenderer`): DRF's bytes, written by orjson."""

import datetime
import decimal
import json
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from core.renderers import FastJSONRenderer

UTC_NOON = datetime.datetime(2026, 12, 4, 12, 0, 0, 250_000, tzinfo=datetime.UTC)
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))

VALUES = {
    "text": "财务总监 · CFO",
    "quotes and controls": 'say "hi"\n\t\\',
    "a lazy translation": gettext_lazy("Weibo"),
    "a UTC time": UTC_NOON,
    "a time in Shanghai": UTC_NOON.astimezone(SHANGHAI),
    "a date": datetime.date(2026, 12, 4),
    "a decimal": decimal.Decimal("0.38"),
    "an id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "numbers as keys": {1: "one", 2: "two"},
    "a tuple": (1, 2.5, None, True),
    "nested": {"rows": [{"id": 7, "channels": ["weibo", "maimai"]}]},
    "nothing": None,
}


@pytest.mark.parametrize("name", VALUES)
def test_it_writes_what_drfs_renderer_writes(name):
    data = {"value": VALUES[name]}

    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)


def test_the_line_separators_are_written_as_they_are():
    data = {"value": "one\u2028two\u2029three"}

    written = FastJSONRenderer().render(data)

    assert "\u2028".encode() in written
    assert json.loads(written) == json.loads(JSONRenderer().render(data)) == data


def test_a_whole_answer_is_written_as_drf_writes_it():
    assert FastJSONRenderer().render(VALUES) == JSONRenderer().render(VALUES)


def test_an_integer_past_64_bits_is_written_as_drf_writes_it():
    data = {"value": 2**70, "text": "财务"}

    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)


def test_an_indented_answer_is_written_as_drf_writes_it():
    accepted = "application/json; indent=4"

    written = FastJSONRenderer().render(VALUES, accepted)

    assert written == JSONRenderer().render(VALUES, accepted)
    assert b'\n    "text"' in written


def test_no_data_is_an_empty_body():
    assert FastJSONRenderer().render(None) == b""


def test_a_value_json_cannot_hold_fails_as_it_failed_with_drf():
    unwritable = {"value": object()}

    with pytest.raises(TypeError):
        JSONRenderer().render(unwritable)
    with pytest.raises(TypeError):
        FastJSONRenderer().render(unwritable)


@pytest.mark.django_db
def test_the_api_answers_with_it(client):
    response = client.get("/api/v1/platforms/")

    assert response.status_code == 200
    assert isinstance(response.accepted_renderer, FastJSONRenderer)
    assert response["Content-Type"] == "application/json"
