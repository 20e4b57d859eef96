"""Mail errors: each carries a short sentence a user can hear; the log gets the detail."""


class MailError(RuntimeError):
    spoken = "I couldn't reach your mailbox just now."


class MailConfigError(MailError):
    spoken = "Your mailbox isn't set up for voice access yet."


class MailAuthError(MailError):
    spoken = "Your mail server refused my sign-in."


class MailConnectionError(MailError):
    spoken = "I lost the connection to your mail server."
