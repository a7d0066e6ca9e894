"""A live server for the browser tests that answers on the test's own database connections, one request at a time.

Django's LiveServerTestCase needs committed data (a transactional test: flush after each one, so the base group had
to be rebuilt for every browser test) except on in-memory SQLite, where the server threads already share the test's
connection — but concurrently: two requests at once, or a request still running while the test's next setup opened
its transaction, ended in "cannot start a transaction within a transaction". Here every database (SQLite and
PostgreSQL alike) is shared on purpose, and access to it is serialised: a request holds ``lock`` from the moment its
application is called until its response is closed, and the test's own queries take the same (re-entrant) lock, so
they wait for the request in flight. Between tests nothing is served (503): a late request from a closed page never
reaches the next test's transaction.
"""

import threading
from contextlib import ExitStack, contextmanager

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread

WAIT_SECONDS = 60


class _Server(ThreadedWSGIServer):
    def _close_connections(self):
        # Django closes a request thread's connections when the client hangs up; here they are the test's own
        # (SharedConnectionServer.serving removes them from the thread after each request), never the thread's.
        pass


class _Thread(LiveServerThread):
    server_class = _Server


class SharedConnectionServer:
    def __init__(self, host: str = "localhost"):
        self.lock = threading.RLock()
        self.shared: dict | None = None
        self.thread = _Thread(host, static_handler=lambda app: StaticFilesHandler(_OneAtATime(app, self)))
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error

    @property
    def url(self) -> str:
        return f"http://{self.thread.host}:{self.thread.port}"

    def stop(self) -> None:
        self.thread.terminate()

    def acquire(self) -> None:
        if not self.lock.acquire(timeout=WAIT_SECONDS):
            raise RuntimeError(f"a live-server request held the database for more than {WAIT_SECONDS} s")

    def _guard(self, execute, sql, params, many, context):
        # Every query on a shared connection, from the test or from a request thread (re-entrant there).
        self.acquire()
        try:
            return execute(sql, params, many, context)
        finally:
            self.lock.release()

    @contextmanager
    def serving(self, shared: dict):
        """Answer requests on ``shared`` (alias → the test's connection) until the block ends; at the end wait for
        the request in flight, so that the test's rollback never runs beside it."""
        with ExitStack() as stack:
            for conn in shared.values():
                conn.inc_thread_sharing()
                stack.callback(conn.dec_thread_sharing)
                stack.enter_context(conn.execute_wrapper(self._guard))
            self.shared = shared
            try:
                yield self
            finally:
                self.acquire()
                self.shared = None
                self.lock.release()


class _OneAtATime:
    """The WSGI application inside the static-files handler: the database part of every request, serialised."""

    def __init__(self, app, server: SharedConnectionServer):
        self.app, self.server = app, server

    def __call__(self, environ, start_response):
        self.server.acquire()
        shared = self.server.shared
        if shared is None:
            self.server.lock.release()
            start_response("503 Service Unavailable", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"no test is running"]
        for alias, conn in shared.items():
            connections[alias] = conn
        try:
            result = self.app(environ, start_response)
        except BaseException:
            self._done(shared)
            raise
        return _Closing(result, lambda: self._done(shared))

    def _done(self, shared):
        for alias in shared:
            del connections[alias]  # this thread's reference only
        self.server.lock.release()


class _Closing:
    """The response iterable; closing it (wsgiref always does, after the last byte or on an error) ends the request."""

    def __init__(self, result, done):
        self.result, self.done = result, done
        self.closed = False

    def __iter__(self):
        return iter(self.result)

    def close(self):
        if self.closed:
            return
        self.closed = True
        try:
            if hasattr(self.result, "close"):
                self.result.close()
        finally:
            self.done()
