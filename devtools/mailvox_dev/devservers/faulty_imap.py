"""FAULT INJECTION for tests: a TCP proxy in front of a real IMAP server that cuts the
connection right after the server confirmed an APPEND, before the client hears it: the message
is stored, and the client only knows its connection dropped.
"""

from __future__ import annotations

import contextlib
import socket
import threading

from .process import free_port

APPEND_DONE = b"APPENDUID"  # Dovecot's tagged OK to an APPEND: "[APPENDUID v uid] Append completed."


class AppendAnswerCutter:
    def __init__(self, upstream_port: int, cuts: int = 1) -> None:
        self.upstream_port = upstream_port
        self.port = free_port()
        self.cuts_left = cuts
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._lock = threading.Lock()

    def start(self) -> None:
        threading.Thread(target=self._accept, daemon=True).start()

    def stop(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # stopped
            server = socket.create_connection(("127.0.0.1", self.upstream_port))
            threading.Thread(target=self._pump, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, True), daemon=True).start()

    def _cut_now(self, chunk: bytes) -> bool:
        with self._lock:
            if APPEND_DONE in chunk and self.cuts_left > 0:
                self.cuts_left -= 1
                return True
            return False

    def _pump(self, source: socket.socket, sink: socket.socket, from_server: bool) -> None:
        try:
            while chunk := source.recv(65536):
                if from_server and self._cut_now(chunk):
                    break
                sink.sendall(chunk)
        except OSError:
            pass
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()
