"""Sign-up, log-in and log-out pages over HTTP: cookies, CSRF and errors."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import PASSWORD, MakeClient, csrf_of, make_clinician, sign_up


def test_forms_refuse_a_missing_or_foreign_csrf_token(client: TestClient) -> None:
    data = {"email": "ada@example.org", "password": PASSWORD, "disclaimer": "yes"}
    refused = client.post("/signup", data=data)
    assert refused.status_code == 403 and "This form has expired" in refused.text
    client.get("/signup")
    assert client.post("/signup", data={**data, "csrf_token": "forged"}).status_code == 403
    stranger = TestClient(client.app, headers={"Accept": "text/html"})
    token = csrf_of(stranger.get("/login").text)
    assert client.post("/login", data={**data, "csrf_token": token}).status_code == 403


def test_session_cookie_is_http_only_lax_and_secure_over_https(make_client: MakeClient) -> None:
    client = make_client(base_url="https://testserver")
    sign_up(client)
    cookie = client.cookies.jar
    session = next(c for c in cookie if c.name == "midback_session")
    assert session.secure
    header = client.get("/signup", follow_redirects=False)
    assert header.status_code == 303  # signed in: no sign-up form again
    plain = make_client()
    token = csrf_of(plain.get("/signup").text)
    response = plain.post(
        "/signup",
        data={"email": "b@example.org", "password": PASSWORD, "disclaimer": "yes",
              "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    set_cookie = response.headers["set-cookie"]
    assert "HttpOnly" in set_cookie and "SameSite=lax" in set_cookie and "Secure" not in set_cookie


def test_sign_up_errors_are_tied_to_their_fields(client: TestClient) -> None:
    sign_up(client, "taken@example.org")
    other = TestClient(client.app, headers={"Accept": "text/html"})
    token = csrf_of(other.get("/signup").text)
    page = other.post(
        "/signup", data={"email": "taken@example.org", "password": PASSWORD, "disclaimer": "yes",
                         "csrf_token": token},
    )  # fmt: skip
    assert page.status_code == 422
    assert 'aria-describedby="email-error"' in page.text and "Already registered." in page.text
    page = other.post(
        "/signup", data={"email": "not-an-email", "password": "", "csrf_token": token}
    )
    assert 'id="email-error"' in page.text and 'id="password-error"' in page.text
    assert 'id="disclaimer-error"' in page.text


def test_log_in_failures_then_rate_limit(make_client: MakeClient) -> None:
    client = make_client(login_max_failures_per_account=2)
    sign_up(client)
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
    token = csrf_of(client.get("/login").text)
    wrong = {"email": "ada@example.org", "password": "wrong password!", "csrf_token": token}
    assert client.post("/login", data=wrong).status_code == 401
    assert client.post("/login", data=wrong).status_code == 401
    limited = client.post("/login", data={**wrong, "password": PASSWORD})
    assert limited.status_code == 429 and "Too many attempts" in limited.text


def test_next_only_leads_within_the_site(client: TestClient) -> None:
    sign_up(client)
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
    token = csrf_of(client.get("/login").text)
    for target, lands in (("//evil.example/x", "/today"), ("/learn", "/learn")):
        response = client.post(
            "/login",
            data={"email": "ada@example.org", "password": PASSWORD, "csrf_token": token,
                  "next": target},
            follow_redirects=False,
        )  # fmt: skip
        assert response.headers["location"] == lands
        client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
        token = csrf_of(client.get("/login").text)


def test_log_out_needs_the_sessions_token(client: TestClient) -> None:
    sign_up(client)
    assert client.post("/logout", data={"csrf_token": "nope"}).status_code == 403
    assert "Log out" in client.get("/").text
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
    assert "Sign up" in client.get("/").text


def test_a_clinician_signing_in_lands_on_the_desk(client: TestClient) -> None:
    """A clinician used to land on Today, which sends a new account to onboarding."""
    make_clinician(client)
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
    token = csrf_of(client.get("/login").text)
    signed_in = client.post(
        "/login",
        data={"email": "sam@example.org", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert signed_in.headers["location"] == "/clinic"


def test_a_very_long_password_is_a_form_error_not_raw_json(client: TestClient) -> None:
    """Over 1,024 characters the sign-up page used to answer a bare JSON validation error."""
    token = csrf_of(client.get("/signup").text)
    form = {"email": "long@example.org", "password": "x" * 1100, "disclaimer": "yes",
            "csrf_token": token}  # fmt: skip
    answer = client.post("/signup", data=form)
    assert answer.status_code == 422 and answer.headers["content-type"].startswith("text/html")
    assert "Use at most 256 characters." in answer.text
    assert 'value="long@example.org"' in answer.text
    logged = client.post("/login", data={**form, "csrf_token": csrf_of(client.get("/login").text)})
    assert logged.status_code == 401 and "do not match an account" in logged.text
