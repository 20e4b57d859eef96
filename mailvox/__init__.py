"""MailVox: an on-premises voice assistant for email."""
