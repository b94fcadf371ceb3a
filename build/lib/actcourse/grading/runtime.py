"""The student's side of the trusted re-run. It runs in the sandbox, started by ``trusted``.

It holds the namespace of the student's notebook and does only what the grader asks:
run one of the student's cells, look up a name, call one of the student's functions. What
it sends back is data (see ``wire``): the student's code can decide what its functions
return, as it always could, and nothing else. Whatever it patches (NumPy, the course
library, builtins, IPython) is patched in this process only; the tests run in the grader.

Interrupts (``SIGINT``, sent by the grader when a cell runs out of time) are held back while
a message is read or written, and let through while the student's code runs.
"""

from __future__ import annotations

import builtins
import contextlib
import signal
import sys
import warnings

from actcourse.grading import wire

_SIGINT = {signal.SIGINT}


@contextlib.contextmanager
def _held_back():
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGINT)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def _let_through():
    # an interrupt meant for an earlier request must not stop this one
    while signal.sigtimedwait(_SIGINT, 0) is not None:
        pass
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGINT)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, _SIGINT)


class _Shell:
    """Enough of ``get_ipython()`` for ``%time``/``%timeit`` lines: they run once."""

    def __init__(self, namespace):
        self.namespace = namespace
        self.user_ns = namespace

    def run_line_magic(self, name, line, *args, **kwargs):
        if name in ("time", "timeit"):
            exec(compile(_strip_options(line), "<magic>", "exec"), self.namespace)

    def run_cell_magic(self, name, line, cell, *args, **kwargs):
        if name in ("time", "timeit"):
            exec(compile(cell, "<magic>", "exec"), self.namespace)

    def system(self, *args, **kwargs):
        raise RuntimeError("shell commands do not run when the notebook is graded")

    getoutput = system

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def _strip_options(line: str) -> str:
    words = line.split()
    while words and words[0].startswith("-"):
        words = words[2:] if words[0] in ("-n", "-r", "-p") else words[1:]
    return " ".join(words)


def _compile(source: str, label: str):
    try:
        return compile(source, f"<cell {label}>", "exec")
    except SyntaxError:
        from IPython.core.inputtransformer2 import TransformerManager

        return compile(TransformerManager().transform_cell(source), f"<cell {label}>", "exec")


class Runtime:
    def __init__(self):
        self.reset()

    def reset(self, peer=None, message=None):
        """A fresh namespace, as after restarting a kernel (the grader's own tests reuse one
        process for many notebooks; nothing of the student's survives between gradings,
        because each submission gets a process of its own)."""
        self.namespace = {"__name__": "__main__", "__builtins__": builtins}
        self.namespace["get_ipython"] = lambda: _Shell(self.namespace)
        self.namespace["display"] = lambda *args, **kwargs: None
        if peer is not None:
            peer.reply(None)

    def run_cell(self, peer, message):
        """Run a cell; reply with the names it bound (they now hide the test cells' names of
        the same spelling, as in a notebook's single namespace), or with its error."""
        before = dict(self.namespace)
        try:
            code = _compile(message["source"], message.get("label", "?"))
            with _let_through():
                exec(code, self.namespace)
        except BaseException as error:  # the student's cell failed: report it, go on
            error_reply = error
        else:
            error_reply = None
        bound = [
            name
            for name, value in list(self.namespace.items())
            if type(name) is str and (name not in before or before[name] is not value)
        ][:10_000]
        if error_reply is not None:
            peer.reply(error=error_reply, bound=bound)
        else:
            peer.reply(None, bound=bound)

    def bind(self, peer, message):
        """Names a test cell bound (modules, data): visible to later cells, as in a notebook."""
        try:
            values = wire.decode(peer, message["values"])
        except wire.ProtocolError as error:
            peer.reply(error=error)
            return
        for name, value in values.items():
            if type(name) is str and not isinstance(value, wire.Opaque):
                self.namespace[name] = value
        peer.reply(None)

    def lookup(self, peer, message):
        name = message["name"]
        if name not in self.namespace or name == "__builtins__":
            peer.reply(error=KeyError(name))
            return
        peer.reply(self.namespace[name])

    def call(self, peer, message):
        try:
            call = wire.Arguments(peer, message)
            function = peer.exported(int(message["ref"]))
        except wire.ProtocolError as error:
            peer.reply(error=error)
            return
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                with _let_through():
                    result = function(*call.args, **call.kwargs)
            except BaseException as error:
                peer.reply(error=error, warnings=_warnings(caught))
                return
        peer.reply(result, warnings=_warnings(caught), mutations=call.changes(peer))


def _warnings(caught) -> list:
    return [[w.category.__name__, str(w.message)[:500]] for w in caught[:20]]


def serve(read_fd: int, write_fd: int) -> None:
    """Answer the grader's requests until it closes the connection."""
    signal.pthread_sigmask(signal.SIG_BLOCK, _SIGINT)
    runtime = Runtime()
    handlers = {
        "exec": runtime.run_cell,
        "lookup": runtime.lookup,
        "call": runtime.call,
        "bind": runtime.bind,
        "reset": runtime.reset,
    }
    peer = wire.Peer(read_fd, write_fd, handlers, exports_on_return=True)
    peer.guard = _held_back
    while True:
        try:
            message = peer.receive()
        except wire.PeerGone:
            return
        try:
            peer.serve_one(message)
        except wire.PeerGone:
            return
        except wire.ProtocolError as error:
            print(f"runtime: {error}", file=sys.stderr)
            return
