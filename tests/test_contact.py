"""Phones and emails are found in free text, read from answers, and doubtful ones are refused."""

from __future__ import annotations

import pytest

from bot.core.contact import (
    find_emails,
    find_phones,
    means_none,
    means_same,
    parse_email,
    parse_phone,
)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("816-232-7483", "816-232-7483"),
        ("(816) 555-0142 x221", "816-555-0142 x221"),
        ("816.555.0142 ext. 221", "816-555-0142 x221"),
        ("816 555 0142 extension 12", "816-555-0142 x12"),
        ("816-555-0142x221", "816-555-0142 x221"),
        ("+1 816 555 0142", "816-555-0142"),
        ("1-816-555-0142", "816-555-0142"),
        ("+1 (816) 555-0142", "816-555-0142"),
        ("8165550142", "816-555-0142"),
        ("816 5550142", "816-555-0142"),
        ("my cell is (913) 555-0187, best after 3", "913-555-0187"),
        ("call me at 816-555-0142 or 816-555-0199", "816-555-0142"),
        ("555-123-4567", "555-123-4567"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("+44 (0)20 7946 0958 ext 12", "+44 20 7946 0958 x12"),
        ("+49 30 1234567", "+49 30 1234567"),
        ("+61 2 9876 5432", "+61 2 9876 5432"),
        ("+442079460958", "+442079460958"),
    ],
)
def test_parse_phone_reads_and_normalises(answer: str, expected: str) -> None:
    assert parse_phone(answer) == expected


@pytest.mark.parametrize(
    "answer",
    ["555-1234", "1234567", "12345", "816-555-014", "ext 221", "my desk", "same as above", "", "10.20.30.40", "11/20/2026",
     "816/555/0142", "816-555-01422"],
)
def test_parse_phone_refuses_what_is_not_a_full_number(answer: str) -> None:
    assert parse_phone(answer) is None


def test_find_phones_keeps_order_and_drops_duplicates() -> None:
    text = "Direct (816) 555-0142 x221, department 816.555.0100, or again 816-555-0142 ext 221."
    assert find_phones(text) == ["816-555-0142 x221", "816-555-0100"]


@pytest.mark.parametrize(
    "text",
    [
        "C-STORE from 10.20.30.40 to 192.168.100.2000 port 104 fails",
        "accession 20261122001 didn't route",
        "worklist empty since 2026-11-20 07:15",
        "error 0x8007000E, study UID 1.2.840.113619.2.55.3.604688119",
        "MRN 8165550142 has the wrong name",
        "order # 8165550142 never arrived",
        "ticket 1234567890 from last week",
    ],
)
def test_find_phones_ignores_numbers_that_are_not_phones(text: str) -> None:
    assert find_phones(text) == []


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("jane.doe@stlukes.org", "jane.doe@stlukes.org"),
        ("my email is Jane.Doe@StLukes.ORG.", "Jane.Doe@stlukes.org"),
        ("<mailto:a.b@northside-health.co.uk>", "a.b@northside-health.co.uk"),
        ("maria_lopez+pacs@rad.example.com, thanks", "maria_lopez+pacs@rad.example.com"),
        ("jane @ stlukes.org", "jane@stlukes.org"),
        ("it's o'neil@hospital.org", "o'neil@hospital.org"),
        ("same address twice: a@x.org a@x.org", "a@x.org"),
    ],
)
def test_parse_email_accepts_one_valid_address(answer: str, expected: str) -> None:
    assert parse_email(answer) == expected


@pytest.mark.parametrize(
    "answer",
    ["john@hospital", "john.hospital.org", "john@@x.org", "a@x.org and b@y.org", "jane..doe@x.org", ".jane@x.org",
     "jane@-x.org", "x@y.c", "jane@stlukes,org", "jane@ stlukes", "no email", "", "@stlukes.org", "jane@"],
)
def test_parse_email_refuses_broken_or_several(answer: str) -> None:
    assert parse_email(answer) is None


def test_find_emails_in_free_text() -> None:
    text = "Reach me at jane.tech@StLukes.org or the desk (rad-it@stlukes.org). Not john@hospital."
    assert find_emails(text) == ["jane.tech@stlukes.org", "rad-it@stlukes.org"]


@pytest.mark.parametrize(
    "answer",
    ["same", "same as above", "Same number", "same as my direct line", "it's the same", "ditto", "smae", "the same one please",
     "use my cell", "same as direct", "Same as my direct phone"],
)
def test_means_same(answer: str) -> None:
    assert means_same(answer)


@pytest.mark.parametrize("answer", ["not the same", "816-555-0142", "a different number: 816-555-0100", "no", "the main desk", ""])
def test_not_same(answer: str) -> None:
    assert not means_same(answer)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("none", True), ("n/a", True), ("we don't have one", True), ("no department line", True), ("there isn't one", True),
     ("816-555-0100", False), ("the front desk", False), ("same", False)],
)
def test_means_none(answer: str, expected: bool) -> None:
    assert means_none(answer) is expected
