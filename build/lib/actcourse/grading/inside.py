"""The first code that runs inside the sandbox: drop root, then start the requested program.

    python -I -m actcourse.grading.inside kernel PORT=FD,... CONNECTION_FILE
    python -I -m actcourse.grading.inside runtime READ_FD WRITE_FD
    python -I -m actcourse.grading.inside probe '["/path/that/must/be/hidden", ...]'

``sandbox.Sandbox`` builds these command lines; nothing else should.
"""

from __future__ import annotations

import json
import os
import sys


def drop_root() -> None:
    """When the grader runs as root, bubblewrap runs privileged and keeps CAP_SETUID and
    CAP_SETGID for this moment only: switch to the unused uid the sandbox chose. Changing
    every uid away from 0 clears every capability; bubblewrap has set no_new_privs, so no
    program can get them back."""
    uid = int(os.environ.pop("ACTCOURSE_SANDBOX_UID", "0") or 0)
    if os.getuid() == 0 and uid:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    unsandboxed = os.environ.get("ACTCOURSE_SANDBOX", "").lower() == "off"
    if (os.getuid() == 0 or os.geteuid() == 0) and not unsandboxed:
        raise SystemExit("actcourse sandbox: refusing to run student code as root")


def kernel(fd_map: str, connection_file: str) -> None:
    """An IPython kernel whose ZeroMQ sockets use the listening sockets the launcher opened.

    ``fd_map`` is ``port=fd,...``. The sandbox has its own network namespace, so the kernel
    could not open ports the grader can reach; instead each ``bind`` to one of the connection
    file's ports takes over the inherited listening socket (``ZMQ_USE_FD``).
    """
    by_port = {int(p): int(fd) for p, fd in (item.split("=") for item in fd_map.split(","))}
    import zmq

    original_bind = zmq.Socket.bind

    def bind(self, addr):
        port = addr.rsplit(":", 1)[-1] if addr.startswith("tcp://") else ""
        if port.isdigit() and int(port) in by_port:
            self.setsockopt(zmq.USE_FD, by_port.pop(int(port)))
        # anything else (ipykernel's internal pipes) binds to the sandbox's own loopback
        return original_bind(self, addr)

    zmq.Socket.bind = bind
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(
        argv=[
            "-f",
            connection_file,
            "--HistoryManager.hist_file=:memory:",
            "--IPKernelApp.log_level=CRITICAL",
        ]
    )


def probe(hidden_json: str) -> None:
    """Report, as one JSON line, whether the sandbox holds as promised."""
    import errno
    import socket

    holds = {}
    hidden = json.loads(hidden_json)
    holds["runs without root"] = os.getuid() != 0
    holds["host files are invisible (home, course, repository)"] = not any(
        map(os.path.exists, hidden)
    )
    try:
        with open(os.path.join(os.environ["HOME"], "probe.txt"), "w") as fh:
            fh.write("ok")
        holds["scratch folder is writable"] = True
    except OSError:
        holds["scratch folder is writable"] = False
    try:
        with open(os.path.join(sys.prefix, "probe.txt"), "w") as fh:
            fh.write("no")
        holds["environment is read-only"] = False
    except OSError:
        holds["environment is read-only"] = True
    try:
        socket.create_connection(("192.0.2.1", 80), timeout=1)
        holds["no network"] = False
    except OSError as error:
        holds["no network"] = error.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH)
    try:
        pid = os.fork()
    except OSError:
        holds["no new processes"] = True
    else:
        if pid == 0:
            os._exit(0)
        holds["no new processes"] = False
    import resource

    holds["memory is limited"] = resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY
    print(json.dumps({"uid": os.getuid(), "holds": holds}))


def main(argv: list[str]) -> None:
    drop_root()
    command, args = argv[0], argv[1:]
    if command == "kernel":
        kernel(*args)
    elif command == "runtime":
        from actcourse.grading import runtime

        runtime.serve(int(args[0]), int(args[1]))
    elif command == "probe":
        probe(*args)
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
