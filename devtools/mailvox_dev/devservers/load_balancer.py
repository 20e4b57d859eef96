"""Debian's nginx in front of several livekit-server nodes, as a Kubernetes Service or a
company's load balancer is: one address for the agent workers (and for apps), connections
shared round-robin, and a node that refuses a connection skipped for the next one. WebSocket
upgrades pass through; media never does (it goes to each node's own UDP port)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .process import ManagedProcess, free_port, tcp_open

NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{ worker_connections 512; }}
http {{
    access_log {run}/access.log;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream livekit {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://livekit;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_next_upstream error timeout;
            proxy_connect_timeout 2s;
            proxy_read_timeout 1h;  # a signal connection lives as long as the call
        }}
    }}
}}
"""


class LoadBalancer:
    """nginx on 127.0.0.1:port over the given backends (127.0.0.1 ports)."""

    def __init__(self, work_dir: Path, backend_ports: list[int], port: int | None = None) -> None:
        self.work_dir = work_dir
        self.port = port or free_port()
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in backend_ports)
        self._conf = NGINX_CONF.format(run=work_dir, port=self.port, servers=servers)
        self._process = ManagedProcess(
            "nginx", [binary, "-c", str(work_dir / "nginx.conf"), "-p", str(work_dir)], work_dir / "nginx.log"
        )

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        (self.work_dir / "nginx.conf").write_text(self._conf)
        self._process.start(lambda: tcp_open(self.port), timeout=20)

    def stop(self) -> None:
        self._process.stop()
