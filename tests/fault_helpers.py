"""Faults under load: a TCP proxy in front of the suite's PostgreSQL that a test cuts and restores (the machine's
shared server is never stopped), gunicorn with two sync workers reaching the database through it, and a steady load
of readers and commenters whose every reply is recorded."""

import os
import socket
import threading
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import pytest
import requests
from django.db import connection

from tests.server_helpers import Student, app_server, database_url

UNAVAILABLE_HEADING = "Back in a moment"  # templates/503.html


class TcpProxy:
    """Forwards each connection to `target` from a free loopback port, one thread per direction. cut() closes every
    open connection and refuses new ones, as a restarting server does; restore() listens again on the same port."""

    def __init__(self, target):
        self.target = target
        self.address = None
        self.lock = threading.Lock()
        self.sockets = set()
        self.listener = None

    def __enter__(self):
        self.listen(("127.0.0.1", 0))
        return self

    def __exit__(self, *exc):
        self.cut()

    def listen(self, address):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(64)
        listener.settimeout(0.05)  # accept() wakes up often enough to notice a cut
        self.address = listener.getsockname()
        self.listener = listener
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()

    def accept(self, listener):
        while self.listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed by cut()
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            for sock in (client, server):
                sock.settimeout(None)
            with self.lock:
                if self.listener is not listener:
                    client.close()
                    server.close()
                    return
                self.sockets.update((client, server))
            threading.Thread(target=self.pump, args=(client, server), daemon=True).start()
            threading.Thread(target=self.pump, args=(server, client), daemon=True).start()

    def pump(self, source, sink):
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        self.drop(source, sink)

    def drop(self, *socks):
        with self.lock:
            for sock in socks:
                self.sockets.discard(sock)
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def cut(self):
        with self.lock:
            listener, self.listener = self.listener, None
            open_sockets, self.sockets = list(self.sockets), set()
        if listener is not None:
            listener.close()
        self.drop(*open_sockets)

    def restore(self):
        self.listen(self.address)


@contextmanager
def database_proxy():
    """A TcpProxy in front of the test database (PostgreSQL over TCP)."""
    db = connection.settings_dict
    if not db["HOST"] or db["HOST"].startswith("/"):
        pytest.skip("the fault tests reach PostgreSQL over TCP: name a host and port in DATABASE_URL")
    with TcpProxy((db["HOST"], int(db["PORT"] or 5432))) as proxy:
        yield proxy


@contextmanager
def app_server_behind(proxy, **env_overrides):
    """gunicorn with two sync workers, as production runs it: DEBUG off, persistent database connections checked
    before reuse (the base settings' CONN_MAX_AGE and CONN_HEALTH_CHECKS), the database through the proxy."""
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.fault_settings",
        "DATABASE_URL": database_url(proxy.address),
        "DB_CONN_MAX_AGE": "60",
        **env_overrides,
    }
    with app_server("--workers", "2", "--timeout", "30", **env) as server:
        yield server


@dataclass
class Reply:
    """One request of the load and what came back. status 0: no HTTP answer at all."""

    kind: str  # "reader", "commenter" or "readyz"
    path: str
    sent: float  # time.monotonic()
    done: float
    status: int
    retry_after: str | None
    unavailable_page: bool  # the body is the 503 page
    body: str  # kept for /readyz and for requests that got no answer
    comment: str = ""  # a commenter's text, unique to this request

    @property
    def ok(self):
        return 200 <= self.status < 400


class Load:
    """Readers loading `reader_paths` in turn, students posting comments (each text unique) and a load balancer
    asking /readyz every 0.1 s, from threads, until the block ends."""

    def __init__(self, base, reader_paths, students, readers=2, label="the Thaw under load"):
        self.base, self.reader_paths, self.students, self.readers = base, reader_paths, students, readers
        self.label = label  # in each comment's text: two loads on one post never send the same text
        self.replies, self.lock, self.stop, self.threads = [], threading.Lock(), threading.Event(), []

    def __enter__(self):
        jobs = [(self.read, ()) for _ in range(self.readers)]
        jobs += [(self.comment, (number, student)) for number, student in enumerate(self.students)]
        jobs.append((self.probe, ()))
        for job, args in jobs:
            thread = threading.Thread(target=job, args=args, daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def record(self, kind, path, send, comment=""):
        sent = time.monotonic()
        try:
            response = send()
        except requests.RequestException as error:
            reply = Reply(kind, path, sent, time.monotonic(), 0, None, False, str(error), comment)
        else:
            body = response.text
            reply = Reply(
                kind,
                path,
                sent,
                time.monotonic(),
                response.status_code,
                response.headers.get("Retry-After"),
                f"<h1>{UNAVAILABLE_HEADING}</h1>" in body,
                body if kind == "readyz" else "",
                comment,
            )
        with self.lock:
            self.replies.append(reply)

    def read(self):
        with requests.Session() as http:
            for n in count():
                if self.stop.is_set():
                    return
                path = self.reader_paths[n % len(self.reader_paths)]
                self.record("reader", path, lambda path=path: http.get(f"{self.base}{path}", timeout=30))

    def comment(self, number, student: Student):
        for n in count():
            if self.stop.is_set():
                return
            text = f"Commenter {number}, comment {n}: {self.label}"
            self.record("commenter", "/comments/post/", lambda text=text: student.send(text), comment=text)

    def probe(self):
        with requests.Session() as http:
            while not self.stop.wait(0.1):
                self.record("readyz", "/readyz", lambda: http.get(f"{self.base}/readyz", timeout=30))

    def of(self, kind):
        return [reply for reply in self.replies if reply.kind == kind]

    def seconds_to_recover(self, since):
        """From `since` until the last request that failed finished (0 when none failed after it)."""
        failed = [reply.done for reply in self.replies if not reply.ok and reply.done > since]
        return max(failed, default=since) - since


def gunicorn_workers(server):
    """The process ids of `server`'s gunicorn workers: the children of the master this test process started, found
    in /proc by the port the master was bound to."""
    port = server.url.rsplit(":", 1)[1]
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError):
                # The command name, in parentheses, may hold spaces: the parent's id is the second field after it.
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    masters = []
    for pid, parent in parents.items():
        with suppress(OSError):  # a process that has just exited
            if parent == os.getpid() and f"127.0.0.1:{port}" in Path(f"/proc/{pid}/cmdline").read_text():
                masters.append(pid)
    assert len(masters) == 1, f"one gunicorn master on port {port}: {masters}"
    return sorted(pid for pid, parent in parents.items() if parent == masters[0])


def busy_worker(server, timeout=5):
    """The pid of one of `server`'s workers while it holds a reader's or commenter's connection (a request accepted
    and not yet answered and closed): a sync worker holds one only while it serves it."""
    port = f"{int(server.url.rsplit(':', 1)[1]):04X}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        accepted = set()  # the socket inodes of connections established to the server's port
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[1].endswith(f":{port}") and fields[3] == "01":  # local address, state ESTABLISHED
                accepted.add(f"socket:[{fields[9]}]")
        for pid in gunicorn_workers(server):
            with suppress(OSError):
                if accepted & {os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()}:
                    return pid
        time.sleep(0.005)
    pytest.fail(f"no worker of {server.url} was serving a request for {timeout} s")
