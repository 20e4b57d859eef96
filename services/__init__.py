"""One small server per model engine (stt, tts, llm), shared by every session."""
