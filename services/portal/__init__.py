"""The web portal: login, a LiveKit token for the user's own room, and the talk page."""
