"""One small server per model engine (stt, tts, llm), shared by every session, and the portal."""

# What `mailvox serve NAME` runs.
SERVICE_MODULES = {
    "stt": "mailvox.services.stt.app",
    "tts": "mailvox.services.tts.app",
    "llm": "mailvox.services.llm.app",
    "portal": "mailvox.services.portal.app",
}
