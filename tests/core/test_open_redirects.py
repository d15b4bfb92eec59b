"""Links and redirects built from what a browser sent stay on this site: the language
switcher on any page (404s included) and `next` after signing up, logging in or out."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from journeys.core.links import local_page
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


@pytest.mark.parametrize("path", ["//evil.example/", "/\\evil.example/", "///evil.example/nl/"])
def test_the_404_page_links_to_no_other_host(client: Client, path: str):
    # The test client would read "//evil.example/" as a host: send the raw path.
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    for href in links(response.content.decode()):
        if href.startswith("#"):
            continue
        assert href.startswith("/"), href
        assert not href.startswith(("//", "/\\")), href
        assert "evil.example" not in href


def test_the_language_switcher_on_a_404_page_goes_to_the_other_languages_home(client: Client):
    html = client.get("/no-such-page/").content.decode()
    assert 'href="/nl/" hreflang="nl"' in html


def test_the_language_switcher_keeps_the_page_and_its_query(client: Client, curriculum):
    html = client.get("/knowledge/combinations/?substances=ghb,alcohol").content.decode()
    assert 'href="/nl/knowledge/combinations/?substances=ghb,alcohol" hreflang="nl"' in html


@pytest.mark.parametrize(
    "url",
    ["home", "//evil.example/", "/\\evil.example/", "https://evil.example/", "/no-such-page/", ""],
)
def test_only_a_page_of_this_site_is_a_local_page(url: str):
    assert local_page(url) is None


@pytest.mark.parametrize("url", ["/", "/nl/", "/learn/addiction/", "/nl/knowledge/?q=x"])
def test_pages_of_this_site_in_either_language_are_local_pages(url: str):
    assert local_page(url) == url


def test_signing_up_with_a_bare_word_as_next_logs_in_and_goes_to_the_catalogue(client: Client):
    form = {"username": "newcomer", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post("/accounts/signup/?next=home", form)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert get_user_model().objects.filter(username="newcomer").exists()
    assert client.get("/accounts/").status_code == 200  # logged in, not sent to log in


def test_signing_up_with_another_host_as_next_stays_on_this_site(client: Client):
    form = {"username": "newcomer", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post("/accounts/signup/?next=//evil.example/", form)
    assert response["Location"] == "/"


def test_signing_up_goes_on_to_the_page_it_was_asked_for(client: Client, curriculum):
    form = {"username": "newcomer", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post("/nl/accounts/signup/?next=/nl/learn/addiction/", form)
    assert response["Location"] == "/nl/learn/addiction/"


@pytest.mark.parametrize("next_url", ["home", "//evil.example/", "/\\evil.example/"])
def test_logging_in_with_a_bad_next_goes_to_the_default_page(client: Client, participant, next_url):
    response = client.post(
        "/accounts/login/", {"username": "participant", "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"


def test_the_login_form_does_not_carry_a_bad_next(client: Client):
    html = client.get("/accounts/login/?next=//evil.example/").content.decode()
    assert '<input type="hidden" name="next" value="">' in html


def test_logging_out_with_a_bad_next_goes_to_the_catalogue(client: Client, participant):
    client.login(username="participant", password=PASSWORD)
    response = client.post("/accounts/logout/", {"next": "home"})
    assert response["Location"] == "/"
