"""A commuter's bad cellular link, emulated between a caller and livekit-server.

This machine's kernel has no netem queueing discipline, so the link is emulated in user
space. The caller runs in a network namespace of its own, joined to this one by a veth pair
(`CallerNamespace`); all it can reach is the far end of the pair, where `LinkRelay` listens
and forwards to livekit-server on 127.0.0.1: the signalling connection (TCP) and the media
(UDP, on the one port livekit-server advertises, with rtc.node_ip set to the relay's
address). On the way the relay drops, delays and holds what passes as the current
`Impairment` says. livekit-server's own UDP socket is bound to 127.0.0.1 only, and a packet
from 127.0.0.1 cannot leave through the veth, so no media can go round the relay.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import subprocess
import threading
from dataclasses import dataclass, field

import psutil


@dataclass(frozen=True)
class Impairment:
    loss: float = 0.0  # share of the caller's UDP datagrams dropped, in each direction
    delay_s: float = 0.0  # added one way, in each direction
    jitter_s: float = 0.0  # +/- this much, uniformly, on each datagram (so they can reorder)
    down: bool = False  # an outage: nothing passes either way, signalling included


@dataclass
class Counts:
    forwarded: int = 0
    dropped: int = 0


@dataclass
class LinkRelay:
    """Forwards a caller's TCP and UDP to livekit-server through an `Impairment`, in a thread
    with its own event loop (so the caller's timing never waits on the benchmark's)."""

    listen_ip: str
    udp_port: int  # the same port as livekit-server's rtc.udp_port: it is what gets advertised
    signal_target: tuple[str, int]  # livekit-server's HTTP/WebSocket address
    impaired_ip: str  # only the caller's traffic is impaired (the agent's may pass here too)
    impairment: Impairment = field(default_factory=Impairment)
    udp: Counts = field(default_factory=Counts)

    def __post_init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._up = asyncio.Event()
        self._random = random.Random(7)  # the same drops for the same traffic, run to run
        self.signal_port = 0

    # --- control, from any thread ---------------------------------------------------------

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    def set(self, impairment: Impairment) -> None:
        self.impairment = impairment
        self._loop.call_soon_threadsafe(self._up.clear if impairment.down else self._up.set)

    @property
    def signal_url(self) -> str:
        return f"ws://{self.listen_ip}:{self.signal_port}"

    # --- the relay --------------------------------------------------------------------------

    async def _serve(self) -> None:
        self._up.set()
        server = await asyncio.start_server(self._signal_connection, self.listen_ip, 0)
        self.signal_port = server.sockets[0].getsockname()[1]
        await self._loop.create_datagram_endpoint(lambda: _CallerSide(self), local_addr=(self.listen_ip, self.udp_port))

    def _impaired(self, address: tuple) -> bool:
        return address[0] == self.impaired_ip

    def deliver(self, send, data: bytes, address: tuple, impaired: bool) -> None:
        """Send a datagram now, later or never, as the link would."""
        link = self.impairment if impaired else Impairment()
        if link.down or (link.loss and self._random.random() < link.loss):
            if impaired:
                self.udp.dropped += 1
            return
        if impaired:
            self.udp.forwarded += 1
        delay = max(0.0, link.delay_s + self._random.uniform(-link.jitter_s, link.jitter_s))
        if delay:
            self._loop.call_later(delay, send, data, address)
        else:
            send(data, address)

    async def _signal_connection(self, caller_reader, caller_writer) -> None:
        impaired = self._impaired(caller_writer.get_extra_info("peername"))
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.signal_target)
        except OSError:
            caller_writer.close()
            return
        await asyncio.gather(
            self._pump(caller_reader, server_writer, impaired),
            self._pump(server_reader, caller_writer, impaired),
            return_exceptions=True,
        )

    async def _pump(self, reader, writer, impaired: bool) -> None:
        """TCP loses nothing (it retransmits): an outage holds the bytes, a delay delays them."""
        try:
            while data := await reader.read(65536):
                if impaired:
                    await self._up.wait()
                    if self.impairment.delay_s:
                        await asyncio.sleep(self.impairment.delay_s)
                    await self._up.wait()
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()


class _CallerSide(asyncio.DatagramProtocol):
    """The UDP port the caller sends media to; one upstream socket per caller address, as a NAT
    would have, so livekit-server sees each caller as a peer of its own."""

    def __init__(self, relay: LinkRelay) -> None:
        self.relay = relay
        self.upstream: dict[tuple, asyncio.DatagramTransport] = {}
        self.pending: dict[tuple, list[bytes]] = {}

    def connection_made(self, transport) -> None:
        self.transport = transport

    def datagram_received(self, data: bytes, address: tuple) -> None:
        impaired = self.relay._impaired(address)
        if address in self.upstream:
            self.relay.deliver(lambda d, _a: self.upstream[address].sendto(d), data, address, impaired)
            return
        self.pending.setdefault(address, []).append(data)
        if len(self.pending[address]) == 1:
            asyncio.ensure_future(self._open_upstream(address, impaired))

    async def _open_upstream(self, address: tuple, impaired: bool) -> None:
        server = ("127.0.0.1", self.relay.udp_port)
        back = lambda data, _a: self.relay.deliver(self.transport.sendto, data, address, impaired)  # noqa: E731
        transport, _ = await asyncio.get_running_loop().create_datagram_endpoint(
            lambda: _ServerSide(back), local_addr=("127.0.0.1", 0), remote_addr=server
        )
        self.upstream[address] = transport
        for data in self.pending.pop(address):
            self.relay.deliver(lambda d, _a: transport.sendto(d), data, address, impaired)


class _ServerSide(asyncio.DatagramProtocol):
    def __init__(self, back) -> None:
        self.back = back

    def datagram_received(self, data: bytes, address: tuple) -> None:
        self.back(data, address)


class CallerNamespace:
    """A network namespace for the caller, joined to this one by a veth pair and nothing else.
    Needs root (CAP_NET_ADMIN), as the test machines and CI have."""

    def __init__(self) -> None:
        n = os.getpid() % 250 + 1
        self.name = f"mvx-caller-{os.getpid()}"
        self.host_if, self.caller_if = f"mvxh{os.getpid() % 100000}", f"mvxc{os.getpid() % 100000}"
        self.host_ip, self.caller_ip = f"10.214.{n}.1", f"10.214.{n}.2"

    @staticmethod
    def remove_stale() -> None:
        """Namespaces a killed run left behind (their veth goes with them)."""
        listed = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
        for name in re.findall(r"^mvx-caller-(\d+)", listed, re.MULTILINE):
            if not psutil.pid_exists(int(name)):
                subprocess.run(["ip", "netns", "del", f"mvx-caller-{name}"], capture_output=True)

    def __enter__(self) -> CallerNamespace:
        self.remove_stale()
        script = f"""
        ip netns add {self.name}
        ip link add {self.host_if} type veth peer name {self.caller_if}
        ip link set {self.caller_if} netns {self.name}
        ip addr add {self.host_ip}/30 dev {self.host_if}
        ip link set {self.host_if} up
        ip -n {self.name} addr add {self.caller_ip}/30 dev {self.caller_if}
        ip -n {self.name} link set {self.caller_if} up
        ip -n {self.name} link set lo up
        """
        try:
            subprocess.run(["sh", "-ec", script], check=True, capture_output=True, text=True)
        except subprocess.CalledProcessError as failed:
            self.__exit__()
            raise RuntimeError(f"could not make the caller's network namespace: {failed.stderr.strip()}") from None
        return self

    def __exit__(self, *exc) -> None:
        subprocess.run(["ip", "netns", "del", self.name], capture_output=True)
        subprocess.run(["ip", "link", "del", self.host_if], capture_output=True)

    def command(self, argv: list[str]) -> list[str]:
        return ["ip", "netns", "exec", self.name, *argv]
