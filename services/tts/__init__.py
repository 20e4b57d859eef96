"""Piper text-to-speech service: OpenAI-style /v1/audio/speech streaming PCM per sentence."""
