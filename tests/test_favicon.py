"""The site's icon where browsers look for it by default."""

from django.templatetags.static import static


def test_the_default_icon_address_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == static("img/favicon.svg")
