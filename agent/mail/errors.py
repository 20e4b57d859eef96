"""Mail errors: each carries a short sentence a user can hear; the log gets the detail."""


class MailError(RuntimeError):
    """A mail operation failed; `spoken` is what the caller hears."""

    spoken = "I couldn't reach your mailbox just now."


class MailConfigError(MailError):
    """The account is missing or misconfigured; retrying does not help."""

    spoken = "Your mailbox isn't set up for voice access yet."


class MailAuthError(MailError):
    """The server refused the credentials; retrying does not help."""

    spoken = "Your mail server refused my sign-in."


class MailConnectionError(MailError):
    """The server could not be reached or the connection dropped; a later try may work."""

    spoken = "I lost the connection to your mail server."
