"""LiveKit Agents plugins that talk to MailVox's model services."""
