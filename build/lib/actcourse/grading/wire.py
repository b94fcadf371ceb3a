"""Plain data between the student's process and the grader's, and calls across.

Both sides of the trusted re-run (``runtime`` in the sandbox, ``trusted`` in the grader) use
a :class:`Peer`: length-prefixed JSON messages over a pair of pipes, a request/reply
protocol in which either side may call back into the other while a request is pending.

A value crosses as **data** only: ``None``, ``bool``, ``int``, ``float``, ``complex``,
``str``, ``bytes``; ``list``, ``tuple``, ``dict`` and ``set`` of data; NumPy arrays and
scalars of numeric, boolean or string type. Decoding never runs code: no pickle, no class
chosen by the sender. Everything else crosses as a **reference**: the object stays where it
is, and the other side gets a :class:`Remote` that it can call (the call runs where the
object lives). A module crosses by name, and the receiving side imports its own copy, so a
module the student patched or faked never reaches the grader.

The grader never lets the student's side reach its objects except the callables it passes
as arguments (test callbacks such as ``lambda x: x @ A``): ``Peer.exports_on_return`` is off
on the grader's side, so whatever a callback returns crosses as data or not at all.
"""

from __future__ import annotations

import base64
import builtins
import contextlib
import importlib
import json
import os
import select
import struct
import time
import warnings

import numpy as np

#: Largest message either side accepts (a submission cannot exhaust the grader's memory).
MAX_MESSAGE = 64 << 20
#: Deepest nesting of containers accepted.
MAX_DEPTH = 64
#: Modules the grader will import by name when the student's side names one.
IMPORTABLE = (
    "numpy", "math", "cmath", "warnings", "activations", "actcourse", "scipy", "random",
    "statistics", "itertools", "functools", "collections", "operator", "fractions",
    "decimal", "typing", "dataclasses", "time", "string", "re", "json",
)  # fmt: skip
_ARRAY_KINDS = "biufcU"


class ProtocolError(RuntimeError):
    """The other side sent something that is not a valid message."""


class PeerGone(RuntimeError):
    """The other side stopped (it exited, was killed, or stopped answering)."""


class RemoteError(Exception):
    """An exception raised on the other side whose type does not cross."""


class Remote:
    """A callable (or other object) that lives on the other side."""

    __slots__ = ("_peer", "_id", "_name")

    def __init__(self, peer: Peer, ref_id: int, name: str):
        self._peer, self._id, self._name = peer, ref_id, name

    def __call__(self, *args, **kwargs):
        return self._peer.request("call", ref=self._id, args=list(args), kwargs=kwargs)

    def __bool__(self):
        raise TypeError(f"{self._name} lives in another process; it has no truth value")

    def __repr__(self):
        return f"<remote {self._name}>"


# ---------------------------------------------------------------------------- encoding
class Encoder:
    def __init__(self, peer: Peer, export: bool):
        self.peer, self.export = peer, export
        self.arrays: list[np.ndarray] = []  # in the order they were encoded
        self.lists: list[list] = []

    def __call__(self, value, depth=0):
        if depth > MAX_DEPTH:
            raise ValueError("value nested too deeply")
        if value is None or isinstance(value, (bool, str)):
            return value
        if type(value) is int:
            return value if -(2**63) <= value < 2**63 else {"t": "int", "v": str(value)}
        if type(value) is float:
            return {"t": "float", "v": value.hex()}
        if type(value) is complex:
            return {"t": "complex", "v": [value.real.hex(), value.imag.hex()]}
        if type(value) is bytes:
            return {"t": "bytes", "v": base64.b64encode(value).decode()}
        if isinstance(value, np.ndarray):
            array = np.asarray(value)
            if array.dtype.kind not in _ARRAY_KINDS:
                return self._other(value)
            if array.nbytes > MAX_MESSAGE // 2:
                raise ValueError(f"an array of {array.nbytes} bytes is too large to cross")
            self.arrays.append(value)
            return {
                "t": "nd",
                "dtype": array.dtype.str,
                "shape": list(array.shape),
                "v": base64.b64encode(array.tobytes()).decode(),  # C order, any layout
            }
        if isinstance(value, np.generic) and value.dtype.kind in _ARRAY_KINDS:
            return {
                "t": "np",
                "dtype": value.dtype.str,
                "v": base64.b64encode(value.tobytes()).decode(),
            }
        if type(value) in (list, tuple, set, frozenset):
            if type(value) is list:
                self.lists.append(value)  # before its items, as decode() meets them
            items = [self(item, depth + 1) for item in value]
            return {"t": type(value).__name__, "v": items}
        if type(value) is dict:
            return {
                "t": "dict",
                "v": [[self(k, depth + 1), self(v, depth + 1)] for k, v in value.items()],
            }
        if type(value) is type(os):  # a module: by name
            return {"t": "module", "v": value.__name__}
        if isinstance(value, Remote):
            return {"t": "back", "v": value._id}
        return self._other(value)

    def _other(self, value):
        name = getattr(value, "__qualname__", None) or type(value).__name__
        if self.export and callable(value):
            return {"t": "ref", "v": self.peer.export(value), "name": str(name)[:80]}
        return {"t": "opaque", "name": str(name)[:80]}


class Opaque:
    """A value that could not cross (an object of a type that is not data)."""

    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<{self.name} object from another process>"


def decode(peer: Peer, value, created: dict | None = None, depth=0):
    """The value an encoding stands for. ``created`` (``{"nd": [], "list": []}``) collects
    the arrays and lists made, in the order the encoder met them (see :class:`Arguments`)."""
    if depth > MAX_DEPTH:
        raise ProtocolError("value nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if type(value) is int:
        return value
    if type(value) is not dict or "t" not in value:
        raise ProtocolError(f"not an encoded value: {str(value)[:80]}")
    tag, v = value["t"], value.get("v")
    if tag == "int":
        return int(v)
    if tag == "float":
        return float.fromhex(v)
    if tag == "complex":
        return complex(float.fromhex(v[0]), float.fromhex(v[1]))
    if tag == "bytes":
        return base64.b64decode(v)
    if tag in ("nd", "np"):
        dtype = np.dtype(value["dtype"])
        if dtype.kind not in _ARRAY_KINDS or dtype.hasobject:
            raise ProtocolError(f"array of dtype {dtype} cannot cross")
        raw = base64.b64decode(v)
        if tag == "np":
            if len(raw) != dtype.itemsize:
                raise ProtocolError("scalar size does not match its type")
            return np.frombuffer(raw, dtype=dtype)[0]
        shape = tuple(int(n) for n in value["shape"])
        size = 1
        for n in shape:
            if n < 0:
                raise ProtocolError("negative array dimension")
            size *= n
        if size * dtype.itemsize != len(raw):
            raise ProtocolError("array shape does not match its data")
        array = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
        if created is not None:
            created["nd"].append(array)
        return array
    if tag == "list":
        items: list = []
        if created is not None:
            created["list"].append(items)
        items.extend(decode(peer, item, created, depth + 1) for item in v)
        return items
    if tag in ("tuple", "set", "frozenset"):
        kind = {"tuple": tuple, "set": set, "frozenset": frozenset}[tag]
        return kind(decode(peer, item, created, depth + 1) for item in v)
    if tag == "dict":
        return {
            decode(peer, k, created, depth + 1): decode(peer, x, created, depth + 1) for k, x in v
        }
    if tag == "module":
        return peer.import_module(str(v))
    if tag == "ref":
        return Remote(peer, int(v), str(value.get("name", "function")))
    if tag == "back":
        return peer.exported(int(v))
    if tag == "opaque":
        return Opaque(str(value.get("name", "object")))
    raise ProtocolError(f"unknown tag {tag!r}")


class Arguments:
    """The arguments of a call received from the other side, and what the call changed in
    them: the callee reports the arrays it changed in place and the lists it changed, by
    their position in the encoding, so that the caller can change its own objects alike."""

    def __init__(self, peer: Peer, message: dict):
        self.created: dict[str, list] = {"nd": [], "list": []}
        self.args = decode(peer, message["args"], self.created)
        self.kwargs = decode(peer, message["kwargs"], self.created)
        if type(self.args) is not list or type(self.kwargs) is not dict:
            raise ProtocolError("malformed call")
        self._arrays = [a.tobytes() for a in self.created["nd"]]
        self._lists = [list(items) for items in self.created["list"]]

    def changes(self, peer: Peer) -> list:
        encoder = Encoder(peer, export=peer.exports_on_return)
        found = []
        for i, array in enumerate(self.created["nd"]):
            if array.tobytes() != self._arrays[i]:
                found.append(["nd", i, encoder(array)])
        for i, items in enumerate(self.created["list"]):
            before = self._lists[i]
            if len(items) != len(before) or any(
                a is not b for a, b in zip(items, before, strict=True)
            ):
                found.append(["list", i, encoder(items)])
        return found


# ---------------------------------------------------------------------------- the peer
class Peer:
    """One end of the connection. ``handlers`` answer the other side's requests."""

    def __init__(self, read_fd: int, write_fd: int, handlers: dict, *, exports_on_return: bool):
        self.read_fd, self.write_fd = read_fd, write_fd
        self.handlers = handlers
        self.exports_on_return = exports_on_return
        self._exports: dict[int, object] = {}
        self._buffer = b""
        self.deadline: float | None = None
        #: called when a wait passes the deadline; returns True to keep waiting (once)
        self.on_deadline = None
        self.closed = False
        self.last_reply: dict = {}
        #: context manager around the protocol's own reads and writes (the student's side
        #: holds back interrupts there, so that an interrupt never cuts a message in two)
        self.guard = contextlib.nullcontext

    # -- references --------------------------------------------------------------------
    def export(self, obj) -> int:
        ref_id = id(obj)
        self._exports[ref_id] = obj
        return ref_id

    def exported(self, ref_id: int):
        try:
            return self._exports[ref_id]
        except KeyError:
            raise ProtocolError(f"no object {ref_id} was shared") from None

    def import_module(self, name: str):
        if not self.exports_on_return:  # the grader: only modules it trusts, its own copy
            if name.split(".")[0] not in IMPORTABLE:
                return Opaque(f"module {name}")
        try:
            return importlib.import_module(name)
        except ImportError:
            return Opaque(f"module {name}")

    # -- framing -----------------------------------------------------------------------
    def send(self, message: dict) -> None:
        with self.guard():
            self._send(message)

    def _send(self, message: dict) -> None:
        data = json.dumps(message, allow_nan=True).encode()
        if len(data) > MAX_MESSAGE:
            raise ValueError(f"message of {len(data)} bytes is too large")
        data = struct.pack(">Q", len(data)) + data
        while data:
            try:
                n = os.write(self.write_fd, data)
            except (BrokenPipeError, OSError) as error:
                self.closed = True
                raise PeerGone("the other side is gone") from error
            data = data[n:]

    def _read_exactly(self, n: int) -> bytes:
        while len(self._buffer) < n:
            timeout = None if self.deadline is None else self.deadline - time.monotonic()
            if timeout is not None and timeout <= 0:
                if self.on_deadline is not None and self.on_deadline():
                    continue
                raise PeerGone("the other side did not answer in time")
            ready, _, _ = select.select([self.read_fd], [], [], timeout)
            if not ready:
                continue
            chunk = os.read(self.read_fd, max(65536, n - len(self._buffer)))
            if not chunk:
                self.closed = True
                raise PeerGone("the other side exited")
            self._buffer += chunk
        data, self._buffer = self._buffer[:n], self._buffer[n:]
        return data

    def receive(self) -> dict:
        with self.guard():
            return self._receive()

    def _receive(self) -> dict:
        (length,) = struct.unpack(">Q", self._read_exactly(8))
        if length > MAX_MESSAGE:
            raise ProtocolError(f"message of {length} bytes is too large")
        try:
            message = json.loads(self._read_exactly(length))
        except ValueError as error:
            raise ProtocolError(f"not JSON: {error}") from None
        if type(message) is not dict or "op" not in message:
            raise ProtocolError("not a message")
        return message

    # -- requests ----------------------------------------------------------------------
    def request(self, op: str, args=(), kwargs=None, **fields):
        """Send a request and wait for its reply, answering the other side's requests
        (callbacks) meanwhile. Array and list arguments the other side changed in place
        are changed here too, as they would be by a call in one process."""
        encoder = Encoder(self, export=True)
        message = {"op": op, **fields}
        if op == "call":
            message["args"] = encoder(list(args))
            message["kwargs"] = encoder(dict(kwargs or {}))
        self.send(message)
        while True:
            reply = self.receive()
            kind = reply["op"]
            if kind in ("result", "error"):
                break
            self.serve_one(reply)
        for category, text in reply.get("warnings", []):
            warnings.warn(str(text), _warning_class(category), stacklevel=2)
        if op == "call":
            self._apply_mutations(encoder, reply.get("mutations", []))
        self.last_reply = reply
        if kind == "error":
            raise _exception(reply.get("type"), reply.get("message", ""))
        return decode(self, reply.get("value"))

    def _apply_mutations(self, encoder: Encoder, mutations) -> None:
        for kind, index, encoded in mutations:
            try:
                if kind == "nd":
                    target = encoder.arrays[index]
                    new = decode(self, encoded)
                    if isinstance(new, np.ndarray) and new.shape == target.shape:
                        np.copyto(target, new, casting="unsafe")
                elif kind == "list":
                    encoder.lists[index][:] = decode(self, encoded)
            except (IndexError, TypeError, ValueError, ProtocolError):
                continue

    def serve_one(self, message: dict) -> None:
        """Answer one request from the other side."""
        handler = self.handlers.get(message["op"])
        if handler is None:
            raise ProtocolError(f"unexpected request {message['op']!r}")
        handler(self, message)

    def reply(self, value=None, *, error: BaseException | None = None, **extra) -> None:
        encoder = Encoder(self, export=self.exports_on_return)
        if error is not None:
            message = {"op": "error", "type": type(error).__name__, "message": str(error)[:2000]}
        else:
            try:
                message = {"op": "result", "value": encoder(value)}
            except (ValueError, RecursionError, MemoryError) as problem:
                message = {"op": "error", "type": "TypeError", "message": str(problem)}
        message.update(extra)
        try:
            self.send(message)
        except (ValueError, MemoryError) as problem:  # too large: say so instead
            self.send({"op": "error", "type": "ValueError", "message": str(problem)[:500]})


def _warning_class(name) -> type[Warning]:
    cls = getattr(builtins, str(name), None)
    return cls if isinstance(cls, type) and issubclass(cls, Warning) else UserWarning


def _exception(name, message) -> BaseException:
    cls = getattr(builtins, str(name), None)
    if (
        isinstance(cls, type)
        and issubclass(cls, Exception)
        and not issubclass(cls, (Warning, StopIteration, StopAsyncIteration))
    ):
        try:
            return cls(message)
        except Exception:
            pass
    return RemoteError(f"{name}: {message}")
