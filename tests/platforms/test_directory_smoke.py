import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_directory_page_renders(client):
    response = client.get(reverse("platforms:directory"))

    assert response.status_code == 200
