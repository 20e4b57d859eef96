"""The LiveKit Agents worker: session wiring, the assistant, adapters and the mail core."""
