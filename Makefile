# The two commands of the README. Both run scripts/setup.sh first (quick when nothing changed).
.PHONY: setup demo lint test

setup:
	scripts/setup.sh

demo: setup
	.venv/bin/mailvox demo

# Lint, format and types: the test command runs these first and stops on any finding.
lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

test: lint
	scripts/with-dockerd.sh .venv/bin/pytest
