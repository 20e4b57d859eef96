"""The briefing conversation: what the user can say without an LLM, and where they are."""
