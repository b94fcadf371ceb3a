"""The sandbox and the wire between the student's process and the grader, piece by piece.

The hostile corpus (``test_hostile_corpus.py``) shows the whole pipeline holding; these tests
pin down each promise of ``actcourse.grading.sandbox`` and ``wire`` on its own, quickly.
"""

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from actcourse.grading import sandbox, wire

pytestmark = pytest.mark.coursework


def run_sandboxed(code: str, limits: sandbox.Limits | None = None) -> subprocess.CompletedProcess:
    """Run ``code`` with the sandbox's Python, the way the grader's programs run."""
    box = sandbox.Sandbox(limits)
    # as the grader's own programs do (actcourse.grading.inside), drop root first
    prelude = "from actcourse.grading.inside import drop_root\ndrop_root()\nimport os\nimport sys\n"
    argv, fds = box.command([sys.executable, "-I", "-c", prelude + textwrap.dedent(code)])
    try:
        return subprocess.run(
            argv,
            pass_fds=fds,
            preexec_fn=box.limits.apply,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        for fd in fds:
            os.close(fd)


def test_the_sandbox_starts_and_holds_here():
    report = sandbox.check()
    assert all(report["holds"].values()), report
    assert report["bwrap"].startswith("bubblewrap")


def test_threads_may_start_but_processes_may_not():
    result = run_sandboxed(
        """
        import threading
        seen = []
        thread = threading.Thread(target=lambda: seen.append(1))
        thread.start(); thread.join()
        print("thread", seen)
        for attempt in (os.fork, lambda: os.posix_spawn("/bin/true", ["true"], {})):
            try:
                attempt()
                print("PROCESS STARTED")
            except OSError as error:
                print("refused", type(error).__name__)
        """
    )
    assert "thread [1]" in result.stdout, result.stderr
    assert result.stdout.count("refused BlockingIOError") == 2 and "STARTED" not in result.stdout


def test_memory_is_limited_and_configurable():
    result = run_sandboxed(
        """
        import numpy as np
        try:
            np.ones(2**27)  # 1 GiB
            print("allocated")
        except MemoryError:
            print("refused")
        """,
        sandbox.Limits(memory=768 * sandbox.MiB),
    )
    assert result.stdout.strip() == "refused", result.stdout + result.stderr


def test_the_scratch_folder_is_private_small_and_the_rest_read_only():
    result = run_sandboxed(
        """
        with open(os.path.join(os.environ["HOME"], "notes.txt"), "w") as fh:
            fh.write("fine")
        for target in [sys.prefix + "/x", "/usr/x", "/x"]:
            try:
                open(target, "w")
                print("WROTE", target)
            except OSError as error:
                print("refused", error.errno)
        try:
            with open("/tmp/big", "wb") as fh:
                fh.write(b"0" * (16 << 20))
            print("WROTE big")
        except OSError as error:
            print("disk", error.strerror)
        import json
        print(json.dumps([sorted(os.listdir("/")), sorted(os.listdir("/etc"))]))
        """,
        sandbox.Limits(disk=8 * sandbox.MiB),
    )
    assert "WROTE" not in result.stdout, result.stdout + result.stderr
    assert result.stdout.count("refused") == 3
    assert "disk File too large" in result.stdout or "disk No space left" in result.stdout
    top, etc = json.loads(result.stdout.strip().splitlines()[-1])
    assert "home" not in top and "tmp" in top, top
    assert set(etc) <= {"ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime"}, etc


def test_sizes_and_limits_are_parsed_from_config_and_environment():
    assert sandbox.parse_size("2G") == 2 * sandbox.GiB
    assert sandbox.parse_size("512MiB") == 512 * sandbox.MiB
    assert sandbox.parse_size("1.5g") == int(1.5 * sandbox.GiB)
    with pytest.raises(ValueError):
        sandbox.parse_size("lots")
    limits = sandbox.Limits.from_env({"ACTCOURSE_SANDBOX_MEMORY": "3G"}, threads="16")
    assert (limits.memory, limits.threads, limits.disk) == (3 * sandbox.GiB, 16, 64 * sandbox.MiB)
    assert sandbox.sandbox_disabled({"ACTCOURSE_SANDBOX": "off"})
    assert not sandbox.sandbox_disabled({})


def test_the_kernelspec_launches_the_sandbox_and_interrupts_by_message():
    spec = sandbox.kernelspec(sandbox.Limits(memory=sandbox.GiB))
    assert spec["argv"][:4] == [sys.executable, "-m", "actcourse.grading.sandbox", "kernel"]
    assert f"--memory={sandbox.GiB}" in spec["argv"] and spec["interrupt_mode"] == "message"
    assert "--no-sandbox" in sandbox.kernelspec(sandbox.Limits(), sandboxed=False)["argv"]


# ---------------------------------------------------------------------------- the wire
class _Loopback:
    """Encode on one side, decode on the other, as a message would."""

    exports_on_return = False

    def import_module(self, name):
        return wire.Peer.import_module(self, name)

    def export(self, obj):
        return id(obj)

    def exported(self, ref_id):
        raise wire.ProtocolError("nothing was shared")


def crossed(value, export=False):
    peer = _Loopback()
    return wire.decode(peer, wire.Encoder(peer, export=export)(value))


@pytest.mark.parametrize(
    "value",
    [
        None, True, 3, -(2**70), 0.1, float("inf"), 1 + 2j, "text", b"\x00\x01",
        [1, [2.5, "x"]], (1, 2), {"a": (1, None)}, {3, 4},
        np.arange(6.0).reshape(2, 3), np.array(0.5), np.array([True, False]),
        np.array(["a", "bc"]), np.float64(0.25), np.int32(7), np.arange(4.0)[::2],
    ],
)  # fmt: skip
def test_data_crosses_unchanged_type_and_all(value):
    back = crossed(value)
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape
        assert np.array_equal(back, value)
    else:
        assert back == value


def test_objects_that_are_not_data_do_not_cross_as_objects():
    class Liar:
        def __eq__(self, other):
            return True

    back = crossed(Liar())
    assert isinstance(back, wire.Opaque) and back != 0.5
    assert isinstance(crossed(np.array([Liar()], dtype=object)), wire.Opaque)


def test_a_module_crosses_by_name_and_the_grader_imports_its_own():
    import types

    fake = types.ModuleType("numpy")
    fake.allclose = lambda *a, **k: True
    assert crossed(fake) is np  # the real one
    assert isinstance(crossed(types.ModuleType("os")), wire.Opaque)  # not one the grader trusts


def test_malformed_messages_are_refused():
    peer = _Loopback()
    bad = [
        {"t": "nd", "dtype": "|O", "shape": [1], "v": ""},
        {"t": "nd", "dtype": "<f8", "shape": [3], "v": "AAAA"},
        {"t": "pickle", "v": ""},
        {"t": "back", "v": 1},
        [1, 2],
    ]
    for message in bad:
        with pytest.raises((wire.ProtocolError, TypeError)):
            wire.decode(peer, message)


def test_a_remote_function_has_no_truth_value():
    remote = wire.Remote(None, 1, "sigmoid")
    with pytest.raises(TypeError):
        bool(remote)
