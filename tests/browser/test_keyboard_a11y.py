"""Keyboard-only use and labelled fields: sign in with Tab and Enter; axe-core on the public pages."""

from __future__ import annotations

from .conftest import PASSWORD, assert_accessible


def _focused(page):
    return page.evaluate("() => { const e = document.activeElement;"
                         " return e ? (e.id || e.textContent.trim() || e.tagName) : null; }")


def _back_to_the_skip_link(page):
    """Shift+Tab from the autofocused field up to the page's first stop, the skip link."""
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if _focused(page) == "Skip to content":
            return
    raise AssertionError(f"the skip link is not reachable backwards; focus is on {_focused(page)}")


def test_sign_in_with_the_keyboard_only(portal, new_page, shots):
    page = new_page()
    page.goto("/login")
    assert _focused(page) == "email"  # autofocus
    _back_to_the_skip_link(page)
    reached = []
    for _ in range(10):  # Tab on until the e-mail field: it must be reachable
        page.keyboard.press("Tab")
        reached.append(_focused(page))
        if reached[-1] == "email":
            break
    assert reached[-1] == "email", reached
    page.keyboard.type(portal.users["procurement"])
    page.keyboard.press("Tab")
    assert _focused(page) == "password"
    page.keyboard.type(PASSWORD)
    shots(page, "login-by-keyboard")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/assessments/")
    assert page.get_by_role("heading", name="Supplier portfolio").count() == 1


def test_skip_link_moves_focus_to_the_content(portal, new_page):
    page = new_page()
    page.goto("/login")
    _back_to_the_skip_link(page)
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_every_field_of_the_login_page_has_a_label(portal, new_page):
    page = new_page()
    page.goto("/login")
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
        .filter(e => e.type !== 'hidden' && e.type !== 'submit' && !(e.labels && e.labels.length)
                     && !e.getAttribute('aria-label'))
        .map(e => e.name)""")
    assert unlabelled == []
    assert_accessible(page)


def test_a_failed_sign_in_is_announced_and_accessible(portal, new_page):
    page = new_page()
    page.goto("/login")
    page.get_by_label("Email").fill(portal.users["legal"])
    page.get_by_label("Password").fill("not the password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/login" in page.url
    assert page.get_by_role("alert").or_(page.get_by_role("status")).count() >= 1  # announced
    assert_accessible(page)


def _tab_to(page, target, limit=40):
    """Press Tab until the element with id (or text) `target` has focus; fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused(page) == target:
            return
    raise AssertionError(f"{target!r} is not reachable with Tab")


def test_open_an_assessment_with_the_keyboard_only(portal, new_page, shots):
    from .test_journey import sign_in

    page = new_page()
    sign_in(page, portal.users["procurement"])
    _tab_to(page, "Open an assessment")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "supplier_name"  # autofocus on the first field
    page.keyboard.type("Keyboard Ltd")
    _tab_to(page, "product")
    page.keyboard.type("Keyboard Voice")
    _tab_to(page, "required_regions-2")  # United Kingdom
    page.keyboard.press("Space")
    assert page.locator("#required_regions-2").is_checked()
    _tab_to(page, "supplier_emails")
    page.keyboard.type("kb@keyboard.example")
    _tab_to(page, "submit")
    shots(page, "open-assessment-by-keyboard")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Invitations for Keyboard Ltd: Keyboard Voice").count() == 1
    assert page.get_by_label("Invitation link for kb@keyboard.example").count() == 1  # shown once, to copy
