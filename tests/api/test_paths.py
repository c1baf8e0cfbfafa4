"""GET /api/v1/people/<id>/paths/: the page's paths and connections in common, over HTTP."""

import pytest
from django.urls import reverse

from profiles.models import Closeness, Relationship, Visibility
from tests.clients import token_client
from tests.factories import ExecutiveProfileFactory, connect

pytestmark = pytest.mark.django_db


def url(profile) -> str:
    return reverse("api-v1:person-paths", kwargs={"pk": profile.pk})


@pytest.fixture
def people(executive):
    me = executive.executive_profile
    li_wei = ExecutiveProfileFactory(display_name="Li Wei", visibility=Visibility.PUBLIC)
    wang_fang = ExecutiveProfileFactory(display_name="Wang Fang", visibility=Visibility.PUBLIC)
    zhang_min = ExecutiveProfileFactory(display_name="Zhang Min", visibility=Visibility.PUBLIC)
    connect(me, li_wei, relationship=Relationship.FORMER_COLLEAGUE)
    connect(li_wei, zhang_min, relationship=Relationship.CLIENT_OR_PARTNER, closeness=3)
    connect(li_wei, wang_fang)
    connect(wang_fang, zhang_min)
    connect(me, wang_fang, closeness=Closeness.ACQUAINTED)
    return {"me": me, "li_wei": li_wei, "wang_fang": wang_fang, "zhang_min": zhang_min}


def test_paths_and_connections_in_common(owner_api, people):
    response = owner_api.get(url(people["zhang_min"]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    body = response.json()
    assert body["common_connections"] == {"count": 2, "names": ["Li Wei", "Wang Fang"]}
    best = body["paths"][0]
    assert best["degree"] == 2
    assert best["via_teammate"] is None
    assert best["description"] == (
        "via Li Wei — your former colleague (know well) — "
        "who knows Zhang Min as a client or partner (close)"
    )
    assert [step["display_name"] for step in best["steps"]] == ["Li Wei", "Zhang Min"]
    assert best["steps"][1] == {
        "profile_id": people["zhang_min"].pk,
        "display_name": "Zhang Min",
        "relationship": "client_or_partner",
        "closeness": 3,
        "willingness": "willing",
    }
    assert best["introduction_url"].endswith(
        f"/me/introductions/new/?target={people['zhang_min'].pk}&via={people['li_wei'].pk}"
    )
    assert [len(path["steps"]) for path in body["paths"]] == [2, 2]


def test_max_degree_limits_the_paths(owner_api, people):
    far = ExecutiveProfileFactory(display_name="Far", visibility=Visibility.PUBLIC)
    connect(people["zhang_min"], far)

    assert owner_api.get(url(far)).json()["paths"][0]["degree"] == 3
    assert owner_api.get(url(far), {"max_degree": 2}).json()["paths"] == []


@pytest.mark.parametrize("value", ["1", "4", "three", "2.5", "\x00"])
def test_a_bad_max_degree_is_a_400_naming_it(owner_api, people, value):
    response = owner_api.get(url(people["zhang_min"]), {"max_degree": value})

    assert response.status_code == 400
    assert "max_degree" in response.json()


def test_a_person_the_caller_may_not_see_is_a_404(owner_api, people):
    private = ExecutiveProfileFactory(visibility=Visibility.PRIVATE)
    connect(people["li_wei"], private)

    assert owner_api.get(url(private)).status_code == 404
    assert owner_api.get("/api/v1/people/999999999/paths/").status_code == 404


def test_a_caller_without_a_profile_gets_no_paths(recruiter, people):
    body = token_client(recruiter).get(url(people["zhang_min"])).json()

    assert body == {"common_connections": {"count": 0, "names": []}, "paths": []}


def test_the_operation_is_in_the_schema(api_client):
    schema = api_client.get(reverse("api-schema"), {"format": "json"}).json()

    operation = schema["paths"]["/api/v1/people/{id}/paths/"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} >= {"id", "max_degree"}
    assert {"200", "400", "401", "404"} <= set(operation["responses"])
