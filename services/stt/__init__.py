"""faster-whisper speech-to-text service: OpenAI-style /v1/audio/transcriptions."""
