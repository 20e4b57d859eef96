# Test-only stand-in for python:3.11-slim-bookworm, which no registry here serves: Debian
# bookworm's own Python 3.11 (the rootfs scripts/setup.sh makes with debootstrap, imported by
# the compose test), plus this machine's CA bundle so that builds reach the package registries.
ARG ROOTFS_IMAGE
FROM ${ROOTFS_IMAGE}
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    LANG=C.UTF-8
CMD ["python3"]
