"""Run untrusted code under bubblewrap, with limits; and the sandboxed Jupyter kernel.

A sandboxed program sees

* the system's ``/usr`` (and the ``/lib``, ``/bin`` links), the Python installation, the
  virtual environment and the folder holding the course library, all **read-only**;
* a private ``/sandbox`` (a ``tmpfs`` of :attr:`Limits.disk` bytes) with ``home/`` (its
  working directory and ``$HOME``) and ``tmp/`` (also at ``/tmp``), discarded when it exits;
* its own ``/proc`` (it can see only its own processes), a minimal ``/dev``, and no network
  interface but its own loopback.

Nothing else exists in it: not the course directory (source notebooks, hidden tests,
gradebook, other submissions), not the home directory, not the rest of the repository. On
top of that:

* a seccomp filter refuses to create processes (``fork``, ``vfork``, ``clone`` without
  ``CLONE_THREAD``, ``clone3``) and a handful of kernel interfaces honest code never needs
  (``ptrace``, ``mount``, ``unshare``, ``bpf``, ``keyctl``, ...), so memory is bounded by
  one address space and nothing outlives the sandbox;
* resource limits: address space per process (:attr:`Limits.memory`), threads
  (:attr:`Limits.threads`), file size, open files and CPU seconds; the grader adds a time
  limit per cell and a cap on the output of each cell (see ``preprocessors``).

When the grader runs as root, bubblewrap runs privileged and the program drops to an unused
uid before anything else runs (``inside.drop_root``); otherwise bubblewrap uses a user
namespace and the program keeps the grader's uid, without capabilities.

Command line (the kernelspec's ``argv`` and the instructor's tools)::

    python -m actcourse.grading.sandbox check              # can the sandbox start here?
    python -m actcourse.grading.sandbox kernel -f CONNECTION_FILE [--memory 2G ...]
    python -m actcourse.grading.sandbox install-kernelspec [--user | --sys-prefix]
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import os
import platform
import resource
import secrets
import shutil
import socket
import struct
import subprocess
import sys
from pathlib import Path

KiB, MiB, GiB = 1 << 10, 1 << 20, 1 << 30
#: Environment variable that turns the sandbox off (``off``); recorded with every grade.
OPT_OUT_VARIABLE = "ACTCOURSE_SANDBOX"
#: Name of the kernelspec ``install-kernelspec`` writes, for trying the sandbox in JupyterLab.
KERNEL_NAME = "actcourse-sandbox"
#: Inside paths.
SCRATCH = "/sandbox"
HOME = f"{SCRATCH}/home"
CONNECTION = "/run/actcourse/kernel.json"


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create the sandbox on this machine."""


def parse_size(text: str | int) -> int:
    """``"2G"``, ``"512M"``, ``"64MiB"``, ``"1.5g"`` or a number of bytes."""
    if isinstance(text, int):
        return text
    s = str(text).strip().lower().removesuffix("ib").removesuffix("b")
    factor = {"k": KiB, "m": MiB, "g": GiB, "t": 1 << 40}.get(s[-1:], 1)
    number = s[:-1] if s[-1:] in "kmgt" else s
    try:
        value = float(number) * factor
    except ValueError:
        raise ValueError(f"not a size: {text!r} (use e.g. 2G, 512M or bytes)") from None
    if value <= 0:
        raise ValueError(f"a size must be positive: {text!r}")
    return int(value)


@dataclasses.dataclass(frozen=True)
class Limits:
    """What one sandboxed program may use. Every field can be set in nbgrader's config
    (``c.SandboxedExecute.memory = "4G"``) or the environment (``ACTCOURSE_SANDBOX_MEMORY``)."""

    #: Address space of the program (``RLIMIT_AS``); it cannot start other processes.
    memory: int = 2 * GiB
    #: Threads of the program, counting its first (``RLIMIT_NPROC``).
    threads: int = 64
    #: Size of the scratch folder (``/sandbox``, ``/tmp``) and of any one file.
    disk: int = 64 * MiB
    #: Output one cell may send back before the grader stops it (enforced by the grader).
    output: int = 1 * MiB
    #: CPU seconds of the whole program (``RLIMIT_CPU``); the grader also limits each cell.
    cpu: int = 600
    #: Open files (``RLIMIT_NOFILE``).
    files: int = 256

    SIZES = ("memory", "disk", "output")

    @classmethod
    def from_env(cls, environ=os.environ, **given) -> Limits:
        values = {}
        for field in dataclasses.fields(cls):
            raw = given.get(field.name)
            if raw in (None, ""):
                raw = environ.get(f"{OPT_OUT_VARIABLE}_{field.name.upper()}")
            if raw in (None, ""):
                continue
            values[field.name] = parse_size(raw) if field.name in cls.SIZES else int(raw)
        return cls(**values)

    def as_args(self) -> list[str]:
        return [f"--{f.name}={getattr(self, f.name)}" for f in dataclasses.fields(self)]

    def describe(self) -> str:
        return (
            f"memory {self.memory / GiB:g} GiB, {self.threads} threads, no new processes, "
            f"scratch {self.disk / MiB:g} MiB, output {self.output / KiB:g} KiB a cell, "
            f"CPU {self.cpu} s"
        )

    def apply(self) -> None:
        """Set the resource limits of the calling process (inherited by what it executes)."""
        for which, value in (
            (resource.RLIMIT_AS, self.memory),
            (resource.RLIMIT_NPROC, self.threads),
            (resource.RLIMIT_FSIZE, self.disk),
            (resource.RLIMIT_NOFILE, self.files),
            (resource.RLIMIT_CORE, 0),
        ):
            resource.setrlimit(which, (value, value))
        # SIGXCPU at the soft limit, SIGKILL a few seconds later if it is ignored
        resource.setrlimit(resource.RLIMIT_CPU, (self.cpu, self.cpu + 5))


def add_limit_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = Limits()
    for field in dataclasses.fields(Limits):
        parser.add_argument(f"--{field.name}", default=getattr(defaults, field.name))


def limits_from_arguments(args) -> Limits:
    return Limits.from_env(
        {}, **{f.name: getattr(args, f.name) for f in dataclasses.fields(Limits)}
    )


def sandbox_disabled(environ=os.environ) -> bool:
    """Whether the instructor opted out (``ACTCOURSE_SANDBOX=off``)."""
    return environ.get(OPT_OUT_VARIABLE, "").strip().lower() in ("off", "0", "no", "false")


# ---------------------------------------------------------------------------- seccomp
# Classic BPF over struct seccomp_data {int nr; u32 arch; u64 ip; u64 args[6];}.
_RET_ALLOW, _RET_ERRNO, _RET_KILL = 0x7FFF0000, 0x00050000, 0x80000000
_EAGAIN, _EPERM, _ENOSYS = 11, 1, 38
_CLONE_THREAD = 0x00010000
_EAGAIN_RET = _RET_ERRNO | _EAGAIN
_ARCHES = {
    # machine: (AUDIT_ARCH, clone, clone3, fork/vfork, denied with EPERM)
    "x86_64": (
        0xC000003E,
        56,
        435,
        (57, 58),
        # ptrace, unshare, setns, mount, umount2, pivot_root, chroot, keyctl, add_key,
        # request_key, bpf, perf_event_open, userfaultfd, io_uring_setup, process_vm_readv,
        # process_vm_writev, personality, kexec_load, init_module, finit_module,
        # delete_module, open_tree, move_mount, fsopen, fsconfig, fsmount, fspick, mount_setattr
        (101, 272, 308, 165, 166, 155, 161, 250, 248, 249, 321, 298, 323, 425, 310, 311, 135,
         246, 175, 313, 176, 428, 429, 430, 431, 432, 433, 442),
    ),
    "aarch64": (
        0xC00000B7,
        220,
        435,
        (),
        (117, 97, 268, 40, 39, 41, 51, 219, 217, 218, 280, 241, 282, 425, 270, 271, 92,
         104, 105, 273, 106, 428, 429, 430, 431, 432, 433, 442),
    ),
}  # fmt: skip


def seccomp_program(machine: str | None = None) -> bytes:
    """The filter bubblewrap loads (``--seccomp``): no new processes, no kernel tricks.

    New processes are refused with ``EAGAIN`` (what a process limit returns: Python raises
    ``BlockingIOError``); ``clone3`` answers ``ENOSYS`` so that the C library falls back to
    ``clone``, whose flags the filter can read; threads (``CLONE_THREAD``) are allowed.
    """
    machine = machine or platform.machine()
    if machine not in _ARCHES:
        raise SandboxUnavailable(f"no seccomp filter for the {machine} architecture")
    arch, clone, clone3, forks, denied = _ARCHES[machine]

    def stmt(code, k):
        return (code, 0, 0, k)

    def jeq(k, jt, jf=0):
        return (0x15, jt, jf, k)

    def ret(k):
        return stmt(0x06, k)

    load_nr, load_arch, load_flags = stmt(0x20, 0), stmt(0x20, 4), stmt(0x20, 16)
    program = [load_arch, jeq(arch, 1), ret(_RET_KILL), load_nr]
    # x32 system calls on x86_64 (nr >= 0x40000000) are refused outright
    program += [(0x35, 0, 1, 0x40000000), ret(_RET_ERRNO | _EPERM)]
    # After the checks come these returns; a check jumps to one of them by name.
    targets = {
        "allow": [ret(_RET_ALLOW)],  # no check matched
        # clone: a thread (CLONE_THREAD) may start, a process may not
        "clone": [load_flags, (0x45, 0, 1, _CLONE_THREAD), ret(_RET_ALLOW), ret(_EAGAIN_RET)],
        "enosys": [ret(_RET_ERRNO | _ENOSYS)],
        "eagain": [ret(_RET_ERRNO | _EAGAIN)],
        "eperm": [ret(_RET_ERRNO | _EPERM)],
    }  # fmt: skip
    offsets, after = {}, []
    for name, block in targets.items():
        offsets[name] = len(after)
        after += block
    checks = [(nr, "eagain") for nr in forks] + [(nr, "eperm") for nr in denied]
    checks += [(clone3, "enosys"), (clone, "clone")]
    for i, (nr, target) in enumerate(checks):
        # a jump counts from the next instruction: skip the remaining checks, then the offset
        program.append(jeq(nr, len(checks) - i - 1 + offsets[target]))
    program += after
    if len(program) > 255:
        raise AssertionError("seccomp program too long for 8-bit jumps")
    return b"".join(struct.pack("<HBBI", *ins) for ins in program)


# ---------------------------------------------------------------------------- the sandbox
def _module_root(name: str) -> Path | None:
    """The folder on ``sys.path`` that provides the top-level module or package ``name``."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin or spec.origin in ("built-in", "frozen"):
        return None
    origin = Path(spec.origin).resolve()
    return origin.parent.parent if spec.submodule_search_locations else origin.parent


def read_only_paths(extra: tuple[str, ...] = ()) -> list[Path]:
    """What a notebook of the course needs: Python, the environment, the course library."""
    wanted = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}
    for module in ("activations", "actcourse", "numpy", "ipykernel"):
        root = _module_root(module)
        if root is not None:
            wanted.add(root)
    wanted |= {Path(p).resolve() for p in extra}
    wanted = {p for p in wanted if p.exists() and p != Path("/")}
    # drop what another bound folder already contains, and the system folders bound anyway
    kept = sorted(p for p in wanted if not any(q != p and q in p.parents for q in wanted))
    return [p for p in kept if not any(p == s or s in p.parents for s in map(Path, _SYSTEM))]


_SYSTEM = ("/usr",)
_SYSTEM_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
_ETC = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime")


class Sandbox:
    """Builds the bubblewrap command line for one sandboxed program."""

    def __init__(self, limits: Limits | None = None, read_only: tuple[str, ...] = ()):
        self.limits = limits or Limits()
        self.read_only = read_only_paths(read_only)
        self.bwrap = shutil.which("bwrap")
        self.as_root = os.geteuid() == 0

    # -- pieces ------------------------------------------------------------------------
    def _filesystem(self) -> list[str]:
        args = []
        for path in _SYSTEM:
            args += ["--ro-bind", path, path]
        for link in _SYSTEM_LINKS:
            if os.path.islink(link):
                args += ["--symlink", os.readlink(link), link]
            elif os.path.isdir(link):
                args += ["--ro-bind", link, link]
        args += ["--perms", "0755", "--dir", "/etc"]  # only the files below are in it
        for path in _ETC:
            if os.path.exists(path):
                args += ["--ro-bind", path, path]
        made = set()
        tmp = Path("/tmp")
        under_tmp = any(p == tmp or tmp in p.parents for p in self.read_only)
        if under_tmp:
            # the repository or the environment lives under /tmp (a CI clone, say): /tmp is
            # then a small tmpfs of its own, made first, and those folders are bound inside it
            args += ["--size", str(self.limits.disk), "--perms", "1777", "--tmpfs", "/tmp"]
            made.add(tmp)
        for path in self.read_only:
            # parents are created world-readable, so that the dropped uid can walk through
            # them; they are empty folders, not the host's (e.g. /root, the repository)
            for parent in reversed(path.parents):
                if str(parent) != "/" and parent not in made and not str(parent).startswith("/usr"):
                    args += ["--perms", "0755", "--dir", str(parent)]
                    made.add(parent)
            args += ["--ro-bind", str(path), str(path)]
        args += ["--proc", "/proc", "--dev", "/dev"]
        args += ["--size", str(self.limits.disk), "--perms", "1777", "--tmpfs", SCRATCH]
        args += ["--perms", "1777", "--dir", HOME, "--perms", "1777", "--dir", f"{SCRATCH}/tmp"]
        if not under_tmp:
            args += ["--symlink", f"{SCRATCH}/tmp", "/tmp"]
        return args

    def _namespaces(self) -> list[str]:
        common = ["--die-with-parent", "--new-session", "--hostname", "sandbox"]
        if self.as_root:
            # privileged bubblewrap; the program drops root first thing (inside.drop_root)
            return common + [
                "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                "--unshare-cgroup-try",
                "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
            ]  # fmt: skip
        return common + ["--unshare-all", "--unshare-user", "--disable-userns"]

    def environment(self) -> dict[str, str]:
        env = {
            "HOME": HOME,
            "USER": "student",
            "LOGNAME": "student",
            "PATH": f"{Path(sys.prefix) / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "TMPDIR": "/tmp",
            "MPLCONFIGDIR": f"{HOME}/.matplotlib",
            "PYTHONDONTWRITEBYTECODE": "1",
            # one thread per BLAS/OpenMP pool: results do not depend on the grading machine
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "JUPYTER_PLATFORM_DIRS": "1",
        }
        if self.as_root:
            # a uid no account uses, different for every sandbox: the thread limit then
            # counts only this sandbox's threads
            env["ACTCOURSE_SANDBOX_UID"] = str(1_000_000_000 + secrets.randbelow(10**8))
        return env

    # -- the command -------------------------------------------------------------------
    def command(self, program: list[str], data: dict[str, bytes] | None = None, info_fd=None):
        """``(argv, fds)``: bubblewrap's argv running ``program``, and the file descriptors it
        must inherit (the seccomp filter and each ``data`` file, mounted read-only).
        ``info_fd``: where bubblewrap writes the pid of the sandbox's first process."""
        if self.bwrap is None:
            raise SandboxUnavailable(
                "bubblewrap (bwrap) is not installed: `make bubblewrap` or "
                "`apt-get install bubblewrap`"
            )
        fds = [_memfd("seccomp", seccomp_program())]
        argv = [self.bwrap, "--seccomp", str(fds[0])]
        if info_fd is not None:
            argv += ["--info-fd", str(info_fd)]
        argv += self._namespaces() + self._filesystem()
        for dest, content in (data or {}).items():
            fd = _memfd("data", content)
            fds.append(fd)
            argv += ["--perms", "0444", "--ro-bind-data", str(fd), dest]
        argv += ["--remount-ro", "/", "--clearenv"]
        for key, value in self.environment().items():
            argv += ["--setenv", key, value]
        argv += ["--chdir", HOME, "--"] + program
        return argv, fds

    def python(self, module: str, *args: str) -> list[str]:
        """The program that runs ``actcourse.grading.inside <module> args`` in the sandbox."""
        return [sys.executable, "-I", "-m", "actcourse.grading.inside", module, *args]

    def popen(self, program, data=None, pass_fds=(), info_fd=None, **kwargs) -> subprocess.Popen:
        argv, fds = self.command(program, data, info_fd)
        extra = () if info_fd is None else (info_fd,)
        try:
            return subprocess.Popen(
                argv, pass_fds=(*fds, *pass_fds, *extra), preexec_fn=self.limits.apply, **kwargs
            )
        finally:
            for fd in fds:
                os.close(fd)

    def exec(self, program: list[str], data=None) -> None:
        """Replace this process by the sandboxed program (the kernel launcher does this)."""
        argv, fds = self.command(program, data)
        for fd in fds:
            os.set_inheritable(fd, True)
        self.limits.apply()
        os.execv(argv[0], argv)


def _memfd(name: str, content: bytes) -> int:
    fd = os.memfd_create(name, 0)  # not inherited unless passed on purpose
    os.write(fd, content)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


# ---------------------------------------------------------------------------- preflight
_checked: dict[Limits, dict] = {}


def check(limits: Limits | None = None, timeout: float = 60) -> dict:
    """Start a sandbox and verify from inside that it holds; raise SandboxUnavailable if not.

    Returns what the probe saw (``bwrap`` version, uid, and one entry per property).
    """
    limits = limits or Limits()
    if limits in _checked:
        return _checked[limits]
    box = Sandbox(limits)
    program = box.python("probe", json.dumps(_host_files()))
    try:
        run = box.popen(program, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = run.communicate(timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SandboxUnavailable(f"the sandbox did not start: {error}") from error
    if run.returncode != 0:
        raise SandboxUnavailable(
            "the sandbox did not start (bubblewrap said: "
            f"{err.decode(errors='replace').strip() or run.returncode}). "
            "Unprivileged user namespaces may be disabled "
            "(sysctl kernel.unprivileged_userns_clone, AppArmor's "
            "apparmor_restrict_unprivileged_userns, or a container's seccomp profile)."
        )
    report = json.loads(out.decode().strip().splitlines()[-1])
    failed = [name for name, ok in report["holds"].items() if not ok]
    if failed:
        raise SandboxUnavailable(f"the sandbox started but does not hold: {', '.join(failed)}")
    version = subprocess.run([box.bwrap, "--version"], capture_output=True, text=True).stdout
    report["bwrap"] = version.strip()
    report["mode"] = "privileged, uid dropped" if box.as_root else "user namespace"
    _checked[limits] = report
    return report


def _host_files() -> list[str]:
    """Some host files the sandbox must not show: the home folder's, the current folder's
    (the course directory, when nbgrader runs), the repository's, and the account list."""
    found = []
    for folder in (Path.home(), Path.cwd(), Path(__file__).resolve().parents[3]):
        try:
            found += [str(p) for p in sorted(folder.iterdir())[:20] if p.is_file()]
        except OSError:
            pass
    return found + ["/etc/passwd", "/etc/hostname"]


# ---------------------------------------------------------------------------- the kernel
def launch_kernel(connection_file: str, limits: Limits, sandboxed: bool = True) -> None:
    """Start an IPython kernel in the sandbox, reachable through the connection file's ports.

    The ports are opened here, on the host's loopback, and handed to the kernel as open
    listening sockets (ZeroMQ's ``ZMQ_USE_FD``): the kernel itself has no network at all.
    """
    info = json.loads(Path(connection_file).read_text(encoding="utf-8"))
    if info.get("transport", "tcp") != "tcp":
        raise SystemExit("the sandboxed kernel needs the tcp transport")
    family = socket.AF_INET6 if ":" in info["ip"] else socket.AF_INET
    fds = []
    for channel in ("shell", "iopub", "stdin", "control", "hb"):
        listener = socket.socket(family, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((info["ip"], info[f"{channel}_port"]))
        listener.listen(64)
        fd = listener.detach()
        os.set_inheritable(fd, True)
        fds.append(f"{info[f'{channel}_port']}={fd}")
    if sandbox_disabled():
        print(
            f"actcourse: {OPT_OUT_VARIABLE}=off: the kernel runs WITHOUT a sandbox", file=sys.stderr
        )
        for fd in fds:
            os.close(int(fd.split("=")[1]))
        limits.apply()
        os.execv(
            sys.executable, [sys.executable, "-m", "ipykernel_launcher", "-f", connection_file]
        )
    box = Sandbox(limits)
    data = {CONNECTION: json.dumps(info).encode()}
    box.exec(box.python("kernel", ",".join(fds), CONNECTION), data)


def kernelspec(limits: Limits | None = None, sandboxed: bool = True) -> dict:
    """The kernelspec of the sandboxed kernel (``interrupt_mode: message``: the sandbox is in
    its own session, so an interrupt travels as a message and the kernel signals itself)."""
    argv = [sys.executable, "-m", "actcourse.grading.sandbox", "kernel", "-f", "{connection_file}"]
    if limits is not None:
        argv += limits.as_args()
    if not sandboxed:
        argv.append("--no-sandbox")
    return {
        "argv": argv,
        "display_name": "Python 3 (sandboxed grader)",
        "language": "python",
        "interrupt_mode": "message",
        "metadata": {"debugger": False},
    }


def install_kernelspec(prefix: str | None = None, user: bool = False) -> str:
    import tempfile

    from jupyter_client.kernelspec import KernelSpecManager

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / KERNEL_NAME
        folder.mkdir()
        (folder / "kernel.json").write_text(json.dumps(kernelspec(), indent=1), encoding="utf-8")
        return KernelSpecManager().install_kernel_spec(
            str(folder), KERNEL_NAME, user=user, prefix=prefix
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actcourse.grading.sandbox")
    sub = parser.add_subparsers(dest="command", required=True)
    check_p = sub.add_parser("check", help="start a sandbox and check that it holds")
    add_limit_arguments(check_p)
    kernel_p = sub.add_parser("kernel", help="launch a sandboxed IPython kernel")
    kernel_p.add_argument("-f", dest="connection_file", required=True)
    kernel_p.add_argument("--no-sandbox", action="store_true", help="limits only")
    add_limit_arguments(kernel_p)
    install_p = sub.add_parser("install-kernelspec", help=f"install the {KERNEL_NAME} kernel")
    where = install_p.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true")
    where.add_argument("--sys-prefix", action="store_true")
    # a kernel launcher is given the kernel's own options too (--HistoryManager...): ignored
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command != "kernel":
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command == "check":
        try:
            report = check(limits_from_arguments(args))
        except SandboxUnavailable as error:
            print(f"sandbox: NOT AVAILABLE: {error}", file=sys.stderr)
            return 1
        print(f"sandbox: OK ({report['bwrap']}, {report['mode']})")
        for name, ok in report["holds"].items():
            print(f"  {'yes' if ok else 'NO '}  {name}")
        return 0
    if args.command == "kernel":
        launch_kernel(args.connection_file, limits_from_arguments(args), not args.no_sandbox)
        return 1  # not reached: launch_kernel replaces this process
    path = install_kernelspec(prefix=sys.prefix if args.sys_prefix else None, user=args.user)
    print(f"installed kernelspec {KERNEL_NAME} in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
