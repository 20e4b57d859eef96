# The two commands of the README. Both run scripts/setup.sh first (quick when nothing changed).
.PHONY: setup demo test

setup:
	scripts/setup.sh

demo: setup
	.venv/bin/mailvox demo

test: setup
	.venv/bin/pytest
