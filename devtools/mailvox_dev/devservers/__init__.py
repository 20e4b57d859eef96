"""Real servers on 127.0.0.1 for the demo and the tests: livekit-server, Dovecot, SMTP."""
