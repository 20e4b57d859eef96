# Test-only stand-in for livekit/livekit-server: the binary scripts/setup.sh builds (same
# version), laid out as LiveKit's image lays it out, with wget for the health check.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update && apt-get install -y -q --no-install-recommends wget && rm -rf /var/lib/apt/lists/*
COPY livekit-server /livekit-server
ENTRYPOINT ["/livekit-server"]
