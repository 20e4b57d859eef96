"""Plain async mail library over IMAP and SMTP. No LiveKit imports here."""
