"""Runs scripts in the native MicroPython builds of this build directory
(tests/micropython/meson.build builds them): the unix port, and the qemu
port (MPS2_AN385, Cortex-M3) under qemu-system-arm through its raw REPL.

    import mpport
    mp = mpport.unix_or_skip()                 # exits 77 naming the option
    out = mpport.run_unix(mp, "print(1)")      # stdout; MpError on failure
    with mpport.Qemu(mpport.qemu_or_skip()) as q:
        out = q.exec("print(1)")
    out = mpport.run_on("qemu", "print(1)")    # either port by name

Scripts run from a fresh temporary folder, so `import x` finds the frozen
module x, never a file beside the test.
"""
import json
import os
import select
import shutil
import subprocess
import tempfile
import time

from harness import skip


class MpError(RuntimeError):
    """A script raised, or MicroPython did not answer."""


def _or_skip(var, skip_var):
    path = os.environ.get(var, "")
    if not path or not os.path.exists(path):
        skip(os.environ.get(skip_var) or ("%s is not set (run from meson test)" % var))
    return path


def unix_or_skip():
    """The unix `micropython` binary, or exit 77 with the reason."""
    return _or_skip("MICROPYTHON_UNIX", "MICROPYTHON_SKIP_UNIX")


def qemu_or_skip():
    """The qemu port's firmware.elf, or exit 77 with the reason."""
    return _or_skip("MICROPYTHON_QEMU", "MICROPYTHON_SKIP_QEMU")


def port_or_skip(port):
    """The build of `port` ('unix' or 'qemu'), or exit 77 with the reason."""
    return unix_or_skip() if port == "unix" else qemu_or_skip()


def run_on(port, script, timeout=120, images=()):
    """Runs `script` in the unix port or in qemu (raw REPL, with `images`
    placed in emulated memory); returns its output. Exits 77 when that port
    is not built."""
    binary = port_or_skip(port)
    if port == "unix":
        return run_unix(binary, script, timeout=timeout)
    with Qemu(binary, images=images, timeout=timeout) as q:
        return q.exec(script)


# MicroPython side, for scripts that report heap figures: measure(name)
# imports a module and returns (module, heap bytes it kept). Locals only: a
# global stored between the two readings could grow the globals dict and be
# counted as the import's cost. A script should name the modules' files as
# string constants first (FILES = ('x.py',)), so the compiler interns them:
# __file__ would otherwise be the first new qstr after start-up and,
# depending on how full the first qstr pool chunk is (the script's own path
# fills it), allocate a new pool chunk (128 B on the unix port) that every
# later qstr shares.
MEASURE_IMPORT = """
import gc

def measure(name):
    gc.collect()
    before = gc.mem_alloc()
    mod = __import__(name)
    gc.collect()
    return mod, gc.mem_alloc() - before
"""


def frozen_dir():
    """The folder holding the sources of the frozen test set."""
    return os.environ["MICROPYTHON_FROZEN"]


def run_unix(binary, script, files=(), timeout=120, heap=None):
    """Runs `script` with the unix port from a temporary folder that holds
    copies of `files` (nothing else); returns stdout. Raises MpError with
    stderr when the exit status is not 0."""
    d = tempfile.mkdtemp(prefix="mpport-")
    try:
        for f in files:
            shutil.copy(f, d)
        path = os.path.join(d, "main_script.py")
        with open(path, "w") as f:
            f.write(script)
        cmd = [binary] + (["-X", "heapsize=%s" % heap] if heap else []) + [path]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=d)
        if p.returncode != 0:
            raise MpError("micropython exit %d:\n%s%s" % (p.returncode, p.stdout[-2000:],
                                                         p.stderr[-4000:]))
        return p.stdout
    finally:
        shutil.rmtree(d)


def last_json(out):
    """The JSON value on the last non-empty line of `out`."""
    lines = [line for line in out.splitlines() if line.strip()]
    if not lines:
        raise MpError("no output")
    return json.loads(lines[-1])


class Qemu:
    """qemu-system-arm running the MPS2_AN385 firmware, driven through the
    raw REPL on its UART (stdio). `images` are (file, address) pairs placed
    in emulated memory with -device loader; `kernel=None` boots from what
    they place at 0. `icount` makes virtual time count instructions."""

    def __init__(self, kernel, images=(), icount=False, timeout=60):
        cmd = ["qemu-system-arm", "-machine", "mps2-an385", "-nographic", "-monitor", "null",
               "-semihosting", "-serial", "stdio"]
        if icount:
            cmd += ["-icount", "shift=0"]
        if kernel:
            cmd += ["-kernel", kernel]
        for path, addr in images:
            cmd += ["-device", "loader,file=%s,addr=0x%x" % (path, addr)]
        self.cmd = cmd
        self.timeout = timeout
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self._buf = b""
        # Interrupt whatever runs, then enter the raw REPL.
        self._send(b"\r\x03\x03\x01")
        self._until(b"raw REPL; CTRL-B to exit\r\n>")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.p.poll() is None:
            self.p.kill()
        self.p.wait()
        for f in (self.p.stdin, self.p.stdout, self.p.stderr):
            try:
                f.close()
            except OSError:
                pass

    def _send(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def _until(self, token):
        end = time.monotonic() + self.timeout
        while token not in self._buf:
            left = end - time.monotonic()
            r = select.select([self.p.stdout], [], [], max(0.0, left))[0] if left > 0 else []
            if not r:
                raise MpError("qemu: no %r within %d s; got %r" % (token, self.timeout,
                                                                   self._buf[-500:]))
            chunk = self.p.stdout.read1(65536)
            if not chunk:
                err = self.p.stderr.read().decode(errors="replace")
                raise MpError("qemu exited (%s): %r %s" % (self.p.poll(), self._buf[-500:], err))
            self._buf += chunk
        head, _, self._buf = self._buf.partition(token)
        return head

    def exec(self, script):
        """Runs `script` in the raw REPL; returns its output. Raises MpError
        with MicroPython's traceback when it raised."""
        self._send(script.encode() + b"\x04")
        if self._until(b"OK") != b"":
            raise MpError("raw REPL did not accept the script")
        out = self._until(b"\x04")
        err = self._until(b"\x04>")
        if err:
            raise MpError("MicroPython (qemu):\n%s%s" % (out.decode(errors="replace")[-2000:],
                                                         err.decode(errors="replace")))
        return out.decode(errors="replace").replace("\r\n", "\n")
