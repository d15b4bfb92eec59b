"""Sign-up and the account page: the name printed on certificates, the password rules
beside the password, and every aria-describedby pointing at something on the page."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.test import Client

from journeys.accounts.models import Profile
from tests.conftest import make_user

PASSPHRASE = "a-long-passphrase-77"


class Ids(HTMLParser):
    """Every id in a page, and every id an aria-describedby names."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described_by: list[tuple[str, str]] = []  # (the element's name or id, the id)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for target in (found.get("aria-describedby") or "").split():
            self.described_by.append((str(found.get("name") or found.get("id") or tag), target))


def descriptions(html: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(every aria-describedby as (field, id), those whose id is not on the page)."""
    page = Ids()
    page.feed(html)
    return page.described_by, [
        (f, target) for f, target in page.described_by if target not in page.ids
    ]


def dangling_descriptions(html: str) -> list[tuple[str, str]]:
    return descriptions(html)[1]


def logged_in() -> Client:
    client = Client()
    client.force_login(make_user("someone"))
    return client


# Each accounts page with a form, empty and after a post with errors (errors add ids).
FORMS = {
    "sign-up": (Client, "/accounts/signup/", {"username": "", "password1": "x", "password2": "y"}),
    "sign-up in Dutch": (Client, "/nl/accounts/signup/", {"username": "", "password1": "x"}),
    "log-in": (Client, "/accounts/login/", {"username": "", "password": ""}),
    "account page": (logged_in, "/accounts/", None),
}


@pytest.mark.parametrize("name", FORMS)
def test_every_aria_describedby_on_the_accounts_forms_points_at_an_element(db, name):
    make_client, url, bad_post = FORMS[name]
    client = make_client()
    pages = [client.get(url).content.decode()]
    if bad_post is not None:
        pages.append(client.post(url, bad_post).content.decode())
        assert 'aria-invalid="true"' in pages[-1]
    described = [descriptions(html) for html in pages]
    assert any(pairs for pairs, _ in described), "no field is described: is this a form?"
    assert [dangling for _, dangling in described] == [[] for _ in pages]


def test_an_invalid_name_on_the_account_page_keeps_its_error_described(db):
    response = logged_in().post("/accounts/certificate-name/", {"certificate_name": "x" * 201})
    assert response.status_code == 400
    assert "<title>Error:" in response.content.decode()
    assert dangling_descriptions(response.content.decode()) == []
    assert 'aria-describedby="id_certificate_name_helptext id_certificate_name_error"' in (
        response.content.decode()
    )


def test_the_sign_up_page_shows_the_password_rules_beside_the_password(db):
    html = Client().get("/accounts/signup/").content.decode()
    assert 'aria-describedby="id_password1_helptext"' in html
    rules = html.split('id="id_password1_helptext"', 1)[1].split("</div>", 1)[0]
    assert "at least 8 characters" in rules and "entirely numeric" in rules
    dutch = Client().get("/nl/accounts/signup/").content.decode()
    assert "minstens 8 tekens" in dutch


def test_sign_up_asks_for_the_name_on_the_certificate_and_keeps_it(db):
    html = Client().get("/accounts/signup/").content.decode()
    assert '<label for="id_certificate_name">Name on your certificate</label>' in html
    assert "Optional." in html
    client = Client()
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newcomer",
            "certificate_name": "  Noor El Amrani ",
            "password1": PASSPHRASE,
            "password2": PASSPHRASE,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newcomer")
    assert Profile.objects.get(user=user).certificate_name == "Noor El Amrani"
    page = client.get("/accounts/").content.decode()
    assert 'value="Noor El Amrani"' in page  # editable later on the account page


def test_the_name_on_the_certificate_is_optional(db):
    response = Client().post(
        "/accounts/signup/",
        {"username": "plain", "password1": PASSPHRASE, "password2": PASSPHRASE},
    )
    assert response.status_code == 302
    assert Profile.objects.get(user__username="plain").certificate_name == ""


def test_the_account_page_changes_the_name(db):
    client = logged_in()
    response = client.post("/accounts/certificate-name/", {"certificate_name": "Sam"}, follow=True)
    assert "Your certificates now show the name Sam." in response.content.decode()
    assert Profile.objects.get(user__username="someone").certificate_name == "Sam"
    assert client.get("/accounts/certificate-name/").status_code == 405
    assert (
        Client().post("/accounts/certificate-name/", {"certificate_name": "x"}).status_code == 302
    )
