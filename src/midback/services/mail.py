"""Email through the SMTP server in the settings: short plain-text messages, nothing when unset.

Every automated message carries an unsubscribe link (and the List-Unsubscribe headers mail
clients show as a button, RFC 8058); a password reset, which the person asked for, does not need
one. Messages hold no health details beyond what the reader needs to act.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from midback.config import Settings

log = logging.getLogger("midback.mail")
SMTP_TIMEOUT_S = 20


@dataclass(frozen=True)
class Mail:
    """One message: to whom, its subject, its text, and where to unsubscribe (if automated)."""

    to: str
    subject: str
    text: str
    unsubscribe_url: str = ""


class Mailer:
    """Sends `Mail` through SMTP as configured; `enabled` is False when no server is set."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    @property
    def enabled(self) -> bool:
        """True when an SMTP server and a sender address are configured."""
        return self._settings.email_enabled()

    def message(self, mail: Mail) -> EmailMessage:
        """The message as it goes out: a text part, and unsubscribe headers when automated."""
        message = EmailMessage()
        message["From"] = self._settings.smtp_from
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(
            domain=self._settings.smtp_from.partition("@")[2] or None
        )
        message["Auto-Submitted"] = "auto-generated"
        text = mail.text.rstrip() + "\n"
        if mail.unsubscribe_url:
            message["List-Unsubscribe"] = f"<{mail.unsubscribe_url}>"
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
            text += f"\nTo stop these emails: {mail.unsubscribe_url}\n"
        message.set_content(text)
        return message

    def send(self, mail: Mail) -> bool:
        """Send one message; False (logged, without its content) if it could not go."""
        if not self.enabled:
            return False
        try:
            with self._connect() as smtp:
                smtp.send_message(self.message(mail))
        except (OSError, smtplib.SMTPException) as error:
            log.warning("could not send an email: %s", type(error).__name__)
            return False
        return True

    def _connect(self) -> smtplib.SMTP:
        settings = self._settings
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if settings.smtp_security == "tls":
            smtp = smtplib.SMTP_SSL(
                settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_S, context=context
            )
        else:
            smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_S)
            if settings.smtp_security == "starttls":
                smtp.starttls(context=context)
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
        return smtp
