"""A mail server for the outbox tests (tests/courses/test_outbox.py, tests/faults/test_mail_faults.py): real SMTP on
a free loopback port, one thread a connection, keeping every message it accepted. It can answer 4xx (`tempfail`),
take its time before accepting (`delay`), and hold the n-th message unanswered (`hold_at`) until the test says so,
kept or not (`hold_accepted`)."""

import socketserver
import threading
import time
from email import message_from_bytes

from tests.server_helpers import free_port


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        sink = self.server.sink
        self.reply("220 sink ESMTP")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.reply("250 sink")
            elif verb == b"MAIL":
                sink.attempts += 1
                self.reply("451 4.3.0 Try again later" if sink.tempfail else "250 OK")
            elif verb in (b"RCPT", b"RSET", b"NOOP"):
                self.reply("250 OK")
            elif verb == b"DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = b"".join(iter(self.rfile.readline, b".\r\n"))
                if not sink.take(data):
                    return  # held, then let go unanswered: the client is gone
                self.reply("250 OK queued")
            elif verb == b"QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("500 Unknown command")


class SmtpSink:
    """Start with `with SmtpSink() as sink:`; `port` is reserved before, so a test may point the site at it while
    nothing listens there yet (connection refused), then `start()` it."""

    def __init__(self, *, delay=0.0, hold_at=None, hold_accepted=False):
        self.port = free_port()
        self.delay = delay
        self.hold_at = hold_at
        self.hold_accepted = hold_accepted  # the held message is kept, as if its "250" were lost on the way back
        self.tempfail = False
        self.attempts = 0  # MAIL FROM commands: one per delivery attempt that reached the server
        self.received = 0  # DATA commands completed, accepted or not
        self.messages = []  # the accepted messages, as email.message.Message
        self.held = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.server = None

    def start(self):
        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), _Handler)
        self.server.daemon_threads = True
        self.server.sink = self
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.stop()

    def take(self, data):
        """Whether the message is accepted: the `hold_at`-th waits for `release` and is then dropped unanswered."""
        with self.lock:
            self.received += 1
            number = self.received
        if number == self.hold_at:
            if self.hold_accepted:
                self.keep(data)
            self.held.set()
            self.release.wait(30)
            return False
        time.sleep(self.delay)
        self.keep(data)
        return True

    def keep(self, data):
        with self.lock:
            self.messages.append(message_from_bytes(data))

    def message_ids(self):
        return [message["Message-ID"] for message in self.messages]
