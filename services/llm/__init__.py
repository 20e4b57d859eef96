"""llama.cpp LLM service: llama.cpp's own llama-server (parallel slots) behind a thin front with request checks, health and metrics."""
