"""Fixtures shared by the service tests: the mail folder and SMTP set-up of the e-mail tests."""

from tests.services.commerce.mail_server import mail_files  # noqa: F401  (a fixture, found by its name)
