"""The model manifest and the tooling that prepares and verifies model files."""
