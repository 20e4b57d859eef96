"""llama.cpp LLM service: llama-cpp-python's own OpenAI-style server plus health and metrics."""
