"""Send the portal's mail through SMTP (MAIL_SERVER, MAIL_PORT, MAIL_FROM), one connection per job.

Mail goes out from jobs only, handed to the queue when the transaction that asked for it commits
(`jobs.enqueue`): a request that fails sends nothing.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from types import TracebackType
from typing import Any, Protocol

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MailSettings:
    """SMTP settings (from the app config)."""

    server: str | None
    port: int = 25
    use_tls: bool = False
    username: str | None = None
    password: str | None = None
    sender: str = "certscope@localhost"

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> MailSettings:
        """Build from a Flask config mapping."""
        return cls(config.get("MAIL_SERVER"), int(config.get("MAIL_PORT") or 25),
                   bool(config.get("MAIL_USE_TLS")), config.get("MAIL_USERNAME"),
                   config.get("MAIL_PASSWORD"), config.get("MAIL_FROM") or "certscope@localhost")


@dataclass(frozen=True)
class Mail:
    """One message: recipients, subject and plain-text body."""

    to: tuple[str, ...]
    subject: str
    body: str


class Mailer(Protocol):
    """Something that sends mail; `configured` is False when mail only goes to the log."""

    configured: bool

    def send(self, mail: Mail) -> bool:
        """Send `mail`; return whether it was handed to a mail server."""
        ...

    def close(self) -> None:
        """Release any connection."""
        ...


class LogMailer:
    """No SMTP configured: log each message instead of sending it."""

    configured = False

    def send(self, mail: Mail) -> bool:
        """Log the message; nothing is sent."""
        log.info("mail not sent (no MAIL_SERVER): to %s: %s", ", ".join(mail.to), mail.subject)
        return False

    def close(self) -> None:
        """Nothing to release."""


@dataclass
class MemoryMailer:
    """Keep messages in a list (benchmarks and tests that need no server)."""

    configured: bool = True
    outbox: list[Mail] = field(default_factory=list)

    def send(self, mail: Mail) -> bool:
        """Keep the message."""
        self.outbox.append(mail)
        return True

    def close(self) -> None:
        """Nothing to release."""


class SmtpMailer:
    """Send through one SMTP connection, opened on first use and reopened after an error."""

    configured = True

    def __init__(self, settings: MailSettings, timeout: float = 10) -> None:
        self.settings = settings
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def send(self, mail: Mail) -> bool:
        """Send one message; log and return False when the server refuses or cannot be reached."""
        message = EmailMessage()
        message["Subject"] = mail.subject
        message["From"] = self.settings.sender
        message["To"] = ", ".join(mail.to)
        message.set_content(mail.body)
        try:
            self._connection().send_message(message)
        except (OSError, smtplib.SMTPException) as err:
            log.warning("could not send mail to %s (%s): %s", ", ".join(mail.to), mail.subject, err)
            self.close()
            return False
        return True

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            smtp = smtplib.SMTP(self.settings.server or "localhost", self.settings.port, timeout=self.timeout)
            if self.settings.use_tls:
                smtp.starttls()
            if self.settings.username:
                smtp.login(self.settings.username, self.settings.password or "")
            self._smtp = smtp
        return self._smtp

    def close(self) -> None:
        """Say goodbye to the server (quietly if it already went away)."""
        if self._smtp is None:
            return
        with contextlib.suppress(OSError, smtplib.SMTPException):
            self._smtp.quit()
        self._smtp = None

    def __enter__(self) -> SmtpMailer:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def mailer_from_config(config: Mapping[str, Any]) -> SmtpMailer | LogMailer:
    """Return an SMTP mailer when MAIL_SERVER is set, else one that only logs."""
    settings = MailSettings.from_config(config)
    return SmtpMailer(settings) if settings.server else LogMailer()
