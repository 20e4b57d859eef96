"""The emulated bad link (mailvox/bench/badlink.py) does what the reliability figures say it
does: it drops the share of datagrams it is set to, delays them, and passes nothing during
an outage, while a TCP connection through it loses nothing."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from mailvox_dev.bench.badlink import Impairment, LinkRelay
from mailvox_dev.devservers.process import free_port


@pytest.fixture
def echo_servers():
    """A UDP echo on a free port and a TCP echo, both on 127.0.0.1 (livekit-server's place)."""
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", free_port(socket.SOCK_DGRAM)))
    tcp = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def udp_echo():
        udp.settimeout(0.2)
        while not stop.is_set():
            try:
                data, address = udp.recvfrom(2048)
            except OSError:
                continue
            udp.sendto(data, address)

    def tcp_echo():
        tcp.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = tcp.accept()
            except OSError:
                continue
            with connection:
                while data := connection.recv(65536):
                    connection.sendall(data)

    threads = [threading.Thread(target=udp_echo, daemon=True), threading.Thread(target=tcp_echo, daemon=True)]
    for thread in threads:
        thread.start()
    yield udp.getsockname()[1], tcp.getsockname()[1]
    stop.set()
    udp.close()
    tcp.close()


@pytest.fixture
def relay(echo_servers):
    # The relay cannot share 127.0.0.1:port with the echo, so it listens on another loopback address.
    udp_port, tcp_port = echo_servers
    relay = LinkRelay("127.0.0.2", udp_port, ("127.0.0.1", tcp_port), impaired_ip="127.0.0.1")
    relay.start()
    yield relay
    relay.stop()


def round_trips(relay: LinkRelay, count: int, timeout: float = 1.0) -> list[float]:
    """Send `count` datagrams through the relay and back; the round trip of each that came back."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(timeout)
    sent: dict[int, float] = {}
    trips: list[float] = []

    def receive():  # while sending: a socket's buffer holds only a few hundred datagrams
        try:
            while len(trips) < count:
                data, _ = sock.recvfrom(64)
                trips.append(time.monotonic() - sent[int.from_bytes(data, "big")])
        except TimeoutError:
            pass

    receiver = threading.Thread(target=receive)
    receiver.start()
    for n in range(count):
        sent[n] = time.monotonic()
        sock.sendto(n.to_bytes(4, "big"), ("127.0.0.2", relay.udp_port))
        time.sleep(0.001)
    receiver.join()
    sock.close()
    return trips


def test_a_clean_link_passes_everything(relay):
    assert len(round_trips(relay, 200)) == 200


def test_loss_drops_about_the_share_set_in_each_direction(relay):
    relay.set(Impairment(loss=0.10))
    came_back = len(round_trips(relay, 1000))
    # both ways: 0.9 * 0.9 = 81% come back
    assert 760 <= came_back <= 860, came_back
    assert relay.udp.dropped == pytest.approx(relay.udp.forwarded * 0.1 / 0.9, rel=0.25)


def test_jitter_delays_each_way_within_its_bounds(relay):
    relay.set(Impairment(delay_s=0.1, jitter_s=0.05))
    trips = round_trips(relay, 100)
    assert len(trips) == 100
    assert min(trips) >= 0.1 and max(trips) <= 0.32, (min(trips), max(trips))
    assert max(trips) - min(trips) > 0.03  # it varies, as jitter does


def test_an_outage_passes_nothing_and_holds_tcp_without_loss(relay):
    with socket.create_connection(("127.0.0.2", relay.signal_port), timeout=5) as signal:
        signal.sendall(b"before")
        assert signal.recv(64) == b"before"
        relay.set(Impairment(down=True))
        assert round_trips(relay, 20, timeout=0.5) == []
        signal.sendall(b"during")
        signal.settimeout(0.5)
        with pytest.raises(socket.timeout):
            signal.recv(64)
        relay.set(Impairment())
        signal.settimeout(5)
        assert signal.recv(64) == b"during"  # held, not lost
    assert len(round_trips(relay, 20)) == 20
