import pytest
from django.template.loader import render_to_string
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["/en", "/zh-hans"])
def test_unknown_page_answers_404_with_a_way_back(client, prefix):
    response = client.get(f"{prefix}/no-such-page/")

    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
    assert 'href="' + prefix + '/"' in response.content.decode()


def test_server_error_page_renders_without_a_request():
    with translation.override("en"):
        html = render_to_string("500.html")

    assert "Something went wrong" in html
    assert "出错了" in html
