"""When two leads are the same person: e-mail, phone and name-plus-company keys for duplicate checks.

The keys are plain strings so that the intake can look them up with an index at thousands of
leads per second: a duplicate is the same e-mail (case-insensitive), the same phone number once
written in digits, or the same name and company once case, accents, punctuation, word order and
the company's legal form are set aside ("Müller, Anna" at "ACME GmbH" = "anna muller" at "Acme").
"""

from __future__ import annotations

import re
import unicodedata

MIN_PHONE_DIGITS = 6
LEGAL_FORMS = frozenset(
    {
        "ag",
        "bv",
        "co",
        "corp",
        "gmbh",
        "inc",
        "kg",
        "llc",
        "ltd",
        "nv",
        "oy",
        "plc",
        "sa",
        "sarl",
        "sas",
        "spa",
        "srl",
        "se",
        "ab",
        "as",
        "limited",
        "company",
        "ohg",
        "ug",
    }
)
_WORD = re.compile(r"[a-z0-9]+")
_NOT_DIGIT = re.compile(r"[^0-9]")
# A-Z lower-cased, a-z and 0-9 kept, every other byte a space
_ASCII_WORD_BYTES = bytes(
    c + 32 if 65 <= c <= 90 else c if 48 <= c <= 57 or 97 <= c <= 122 else 32 for c in range(256)
)
_ASCII_NOT_DIGITS = bytes(c for c in range(256) if not ord("0") <= c <= ord("9"))


def email_key(email: str | None) -> str | None:
    """An e-mail address as compared for duplicates (trimmed, lower case), or None without one."""
    text = (email or "").strip().lower()
    return text or None


def phone_key(phone: str | None) -> str | None:
    """A phone number's digits, international prefix '00' read as '+'; None when too short to compare."""
    text = (phone or "").strip()
    if text.isascii():  # the common case, without the regex: the same digits
        digits = text.encode("ascii").translate(None, _ASCII_NOT_DIGITS).decode("ascii")
    else:
        digits = _NOT_DIGIT.sub("", text)
    if text.startswith("+"):
        digits = "+" + digits
    elif digits.startswith("00"):
        digits = "+" + digits[2:]
    return digits if len(digits.lstrip("+")) >= MIN_PHONE_DIGITS else None


def _words(text: str | None) -> list[str]:
    text = text or ""
    if text.isascii():  # NFKD leaves ASCII as it is: skip the normalisation (the intake's common case)
        # the runs of [a-z0-9] of the lower-cased text, by a byte table instead of the regex
        return text.encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii").split()
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(plain)


def name_company_key(name: str | None, company: str | None) -> str | None:
    """Name and company as compared for duplicates; None unless both are given."""
    person = _words(name)
    if not person:
        return None
    words = _words(company)
    firm = [w for w in words if w not in LEGAL_FORMS] or words
    if not firm:
        return None
    person.sort()
    return " ".join(person) + "|" + " ".join(firm)
