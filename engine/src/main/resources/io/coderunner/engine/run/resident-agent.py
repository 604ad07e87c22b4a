# The first process of a resident sandbox, run as /usr/bin/python3 -I -S <this file>.
#
# Why it exists: a process started in a sandbox must be started from inside it, so that it inherits
# the sandbox's namespaces, seccomp filter, uid and control group; nothing on the host can fork into
# a running bubblewrap sandbox, and no library provides such an in-sandbox process supervisor.
# So this small supervisor (Python standard library only) runs as the sandbox's first process and
# starts, feeds, signals and reaps processes and opens TCP connections to the sandbox's own
# loopback, on the host's word.
#
# It speaks to the host over its stdin and stdout only, in frames:
#   [type u8][channel u32 big-endian][length u32 big-endian][payload, at most 1 MiB]
# The host treats everything said here as untrusted (this process runs as the sandbox's user).

import errno
import fcntl
import json
import os
import select
import signal
import socket
import struct
import sys
import termios
import time

HEADER = struct.Struct(">BII")
MAX_PAYLOAD = 1 << 20
CHUNK = 64 * 1024
# Output from children is read only while less than this waits for the host (backpressure).
OUT_HIGH_WATER = 1 << 20
# After a process has been reaped, its output is still read until end-of-file; a background child
# that keeps the pipes open gets this long of silence before the exit is reported anyway.
EXIT_GRACE_SECONDS = 0.5

# host -> agent
SPAWN, STDIN, EOF, SIGNAL, RESIZE, CONNECT, TUNNEL_DATA, TUNNEL_CLOSE = 1, 2, 3, 4, 5, 6, 7, 8
# agent -> host
READY, STARTED, STDOUT, STDERR, EXIT, FAILED, CONNECTED, TUNNEL_OUT, TUNNEL_CLOSED = 64, 65, 66, 67, 68, 69, 70, 71, 72

HOME = "/home/user"


def set_nonblocking(fd):
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags | os.O_NONBLOCK)


class Host:
    """The two pipes to the host: frames in, frames out (buffered, written as the pipe takes them)."""

    def __init__(self):
        self.inbox = bytearray()
        self.outbox = bytearray()
        self.closed = False
        set_nonblocking(0)
        set_nonblocking(1)

    def send(self, kind, channel, payload=b""):
        for start in range(0, max(len(payload), 1), MAX_PAYLOAD):
            part = payload[start:start + MAX_PAYLOAD]
            self.outbox += HEADER.pack(kind, channel, len(part))
            self.outbox += part

    def send_json(self, kind, channel, value):
        self.send(kind, channel, json.dumps(value).encode())

    def flush(self):
        while self.outbox:
            try:
                n = os.write(1, self.outbox[:CHUNK * 4])
            except BlockingIOError:
                return
            except OSError:
                # The host has gone: nothing is left to do.
                sys.exit(0)
            del self.outbox[:n]

    def read(self):
        """The frames that have arrived whole; None once the host closed our stdin."""
        try:
            data = os.read(0, CHUNK * 4)
        except BlockingIOError:
            return []
        if not data:
            return None
        self.inbox += data
        frames = []
        while len(self.inbox) >= HEADER.size:
            kind, channel, length = HEADER.unpack_from(self.inbox)
            if length > MAX_PAYLOAD:
                sys.exit(3)
            if len(self.inbox) < HEADER.size + length:
                break
            payload = bytes(self.inbox[HEADER.size:HEADER.size + length])
            del self.inbox[:HEADER.size + length]
            frames.append((kind, channel, payload))
        return frames


class Process:
    def __init__(self, channel, pid, stdin_fd, outputs, pty):
        self.channel = channel
        self.pid = pid
        self.stdin_fd = stdin_fd
        self.pending_stdin = bytearray()
        self.stdin_eof = False
        # fd -> frame type of what comes out of it
        self.outputs = outputs
        self.pty = pty
        self.status = None
        self.reaped_at = None
        self.last_output = time.monotonic()


class Tunnel:
    def __init__(self, channel, sock):
        self.channel = channel
        self.sock = sock
        self.connected = False
        self.pending = bytearray()
        self.closing = False


def exit_code(status):
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.waitstatus_to_exitcode(status)


class Agent:
    def __init__(self):
        self.host = Host()
        self.processes = {}
        self.tunnels = {}
        self.base_env = dict(os.environ)
        wake_r, wake_w = os.pipe()
        set_nonblocking(wake_r)
        set_nonblocking(wake_w)
        self.wake = wake_r
        signal.set_wakeup_fd(wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        # As the namespace's PID 1 the kernel keeps from it every signal it has no handler for;
        # Python's own for SIGINT would let a process of the sandbox end it, so it goes.
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    # --- processes -------------------------------------------------------------------------

    def spawn(self, channel, request):
        argv = request.get("argv")
        if not isinstance(argv, list) or not argv or not all(isinstance(a, str) for a in argv):
            self.host.send_json(FAILED, channel, {"message": "a process needs a command"})
            return
        cwd = request.get("cwd") or HOME
        env = dict(self.base_env)
        env.update({str(k): str(v) for k, v in (request.get("env") or {}).items()})
        pty = request.get("pty")
        try:
            if pty:
                master, slave = os.openpty()
                self.set_size(master, pty.get("cols", 80), pty.get("rows", 24))
                child_fds = (slave, slave, slave)
                parent_fds = [master]
            else:
                in_r, in_w = os.pipe()
                out_r, out_w = os.pipe()
                err_r, err_w = os.pipe()
                child_fds = (in_r, out_w, err_w)
                parent_fds = [in_w, out_r, err_r]
        except OSError as e:
            self.host.send_json(FAILED, channel, {"message": "cannot make the process's pipes: " + e.strerror})
            return
        error_r, error_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            self.become(argv, cwd, env, child_fds, bool(pty), error_w)
        os.close(error_w)
        for fd in set(child_fds):
            os.close(fd)
        failure = bytearray()
        while True:
            chunk = os.read(error_r, 4096)
            if not chunk:
                break
            failure += chunk
        os.close(error_r)
        if failure:
            os.waitpid(pid, 0)
            for fd in parent_fds:
                os.close(fd)
            self.host.send_json(FAILED, channel, {"message": failure.decode(errors="replace")})
            return
        for fd in parent_fds:
            set_nonblocking(fd)
        if pty:
            process = Process(channel, pid, master, {master: STDOUT}, True)
        else:
            process = Process(channel, pid, parent_fds[0], {parent_fds[1]: STDOUT, parent_fds[2]: STDERR}, False)
        self.processes[channel] = process
        self.host.send_json(STARTED, channel, {"pid": pid})

    @staticmethod
    def become(argv, cwd, env, fds, pty, error_w):
        """In the forked child: a session of its own, its descriptors, its directory, then exec."""
        step = "start"
        try:
            signal.set_wakeup_fd(-1)
            for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGCHLD, signal.SIGINT, signal.SIGQUIT, signal.SIGTERM):
                signal.signal(sig, signal.SIG_DFL)
            os.setsid()
            if pty:
                fcntl.ioctl(fds[0], termios.TIOCSCTTY, 0)
            for target, fd in enumerate(fds):
                os.dup2(fd, target)
            for fd in set(fds):
                if fd > 2:
                    os.close(fd)
            step = "cannot enter " + cwd
            os.chdir(cwd)
            step = "cannot run " + argv[0]
            os.execvpe(argv[0], argv, env)
        except OSError as e:
            message = step + ": " + (e.strerror or str(e))
        except BaseException as e:
            message = step + ": " + str(e)
        try:
            os.write(error_w, message.encode(errors="replace")[:4000])
        finally:
            os._exit(127)

    @staticmethod
    def set_size(fd, cols, rows):
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", int(rows), int(cols), 0, 0))

    def write_stdin(self, process, data):
        if process.stdin_fd is None or process.stdin_eof:
            return
        process.pending_stdin += data
        self.flush_stdin(process)

    def flush_stdin(self, process):
        while process.pending_stdin and process.stdin_fd is not None:
            try:
                n = os.write(process.stdin_fd, process.pending_stdin[:CHUNK])
            except BlockingIOError:
                return
            except OSError:
                # The process closed its input: what it was sent is dropped.
                process.pending_stdin.clear()
                if not process.pty:
                    self.close_stdin(process)
                return
            del process.pending_stdin[:n]
        if process.stdin_eof and not process.pending_stdin and not process.pty:
            self.close_stdin(process)

    def close_stdin(self, process):
        if process.stdin_fd is not None and not process.pty:
            os.close(process.stdin_fd)
            process.stdin_fd = None

    def eof(self, process):
        if process.pty:
            # The terminal's end-of-file character, as a user would type it.
            self.write_stdin(process, b"\x04")
        else:
            process.stdin_eof = True
            self.flush_stdin(process)

    def read_output(self, process, fd):
        try:
            data = os.read(fd, CHUNK)
        except BlockingIOError:
            return
        except OSError:
            # A terminal whose last process closed it reads EIO.
            data = b""
        if data:
            process.last_output = time.monotonic()
            self.host.send(process.outputs[fd], process.channel, data)
        else:
            self.drop_output(process, fd)

    def drop_output(self, process, fd):
        del process.outputs[fd]
        if process.pty and fd == process.stdin_fd:
            process.stdin_fd = None
        os.close(fd)

    def reap(self):
        """Collects the exits of its processes, and of orphans the kernel gave it as PID 1 (ignored)."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            for process in self.processes.values():
                if process.pid == pid:
                    process.status = exit_code(status)
                    process.reaped_at = time.monotonic()

    def finish(self):
        """Reports the exit of processes that are reaped and whose output has ended (or gone quiet)."""
        now = time.monotonic()
        polling = len(self.host.outbox) < OUT_HIGH_WATER
        for channel, process in list(self.processes.items()):
            if process.status is None:
                continue
            quiet = now - max(process.reaped_at, process.last_output) > EXIT_GRACE_SECONDS
            if process.outputs and polling and quiet:
                for fd in list(process.outputs):
                    self.drop_output(process, fd)
            if process.outputs:
                continue
            if process.stdin_fd is not None:
                os.close(process.stdin_fd)
                process.stdin_fd = None
            del self.processes[channel]
            self.host.send_json(EXIT, channel, {"code": process.status})

    # --- tunnels ---------------------------------------------------------------------------

    def connect(self, channel, request):
        port = request.get("port")
        if not isinstance(port, int) or not 0 < port < 65536:
            self.host.send_json(FAILED, channel, {"message": "not a port: " + str(port)})
            return
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        tunnel = Tunnel(channel, sock)
        self.tunnels[channel] = tunnel
        error = sock.connect_ex(("127.0.0.1", port))
        if error == 0:
            self.connected(tunnel)
        elif error not in (errno.EINPROGRESS, errno.EAGAIN):
            self.refused(tunnel, error)

    def connected(self, tunnel):
        tunnel.connected = True
        self.host.send(CONNECTED, tunnel.channel)
        self.flush_tunnel(tunnel)

    def refused(self, tunnel, error):
        del self.tunnels[tunnel.channel]
        tunnel.sock.close()
        self.host.send_json(FAILED, tunnel.channel, {"message": "cannot connect: " + os.strerror(error)})

    def flush_tunnel(self, tunnel):
        while tunnel.pending and tunnel.connected:
            try:
                n = tunnel.sock.send(tunnel.pending[:CHUNK])
            except BlockingIOError:
                return
            except OSError:
                self.close_tunnel(tunnel)
                return
            del tunnel.pending[:n]
        if tunnel.closing and not tunnel.pending:
            self.close_tunnel(tunnel, tell=False)

    def read_tunnel(self, tunnel):
        try:
            data = tunnel.sock.recv(CHUNK)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data:
            self.host.send(TUNNEL_OUT, tunnel.channel, data)
        else:
            self.close_tunnel(tunnel)

    def close_tunnel(self, tunnel, tell=True):
        if self.tunnels.pop(tunnel.channel, None) is None:
            return
        tunnel.sock.close()
        if tell:
            self.host.send(TUNNEL_CLOSED, tunnel.channel)

    # --- the host's frames -----------------------------------------------------------------

    def handle(self, kind, channel, payload):
        if kind == SPAWN:
            if channel in self.processes or channel in self.tunnels:
                return
            self.spawn(channel, json.loads(payload))
        elif kind == CONNECT:
            if channel in self.processes or channel in self.tunnels:
                return
            self.connect(channel, json.loads(payload))
        elif kind in (STDIN, EOF, SIGNAL, RESIZE):
            process = self.processes.get(channel)
            if process is None:
                return
            if kind == STDIN:
                self.write_stdin(process, payload)
            elif kind == EOF:
                self.eof(process)
            elif kind == SIGNAL:
                # Only while the process is not reaped: afterwards its number may be another's.
                if process.status is None:
                    try:
                        os.killpg(process.pid, int(json.loads(payload)["signal"]))
                    except (OSError, ValueError):
                        pass
            elif process.pty and process.stdin_fd is not None:
                size = json.loads(payload)
                self.set_size(process.stdin_fd, size["cols"], size["rows"])
        elif kind == TUNNEL_DATA:
            tunnel = self.tunnels.get(channel)
            if tunnel is not None and not tunnel.closing:
                tunnel.pending += payload
                self.flush_tunnel(tunnel)
        elif kind == TUNNEL_CLOSE:
            tunnel = self.tunnels.get(channel)
            if tunnel is not None:
                tunnel.closing = True
                if tunnel.connected:
                    self.flush_tunnel(tunnel)
                else:
                    self.close_tunnel(tunnel, tell=False)

    def run(self):
        self.host.send(READY, 0)
        while True:
            readers, writers = [0, self.wake], []
            if self.host.outbox:
                writers.append(1)
            polling = len(self.host.outbox) < OUT_HIGH_WATER
            for process in self.processes.values():
                if polling:
                    readers.extend(process.outputs)
                if process.pending_stdin and process.stdin_fd is not None:
                    writers.append(process.stdin_fd)
            for tunnel in self.tunnels.values():
                if not tunnel.connected or tunnel.pending:
                    writers.append(tunnel.sock)
                if tunnel.connected and polling:
                    readers.append(tunnel.sock)
            waiting = any(p.status is not None for p in self.processes.values())
            try:
                readable, writable, _ = select.select(readers, writers, [],
                                                      EXIT_GRACE_SECONDS / 2 if waiting else None)
            except InterruptedError:
                continue
            if self.wake in readable:
                try:
                    while os.read(self.wake, 4096):
                        pass
                except BlockingIOError:
                    pass
            self.reap()
            if 0 in readable:
                frames = self.host.read()
                if frames is None:
                    # The host has let go of the sandbox.
                    return
                for kind, channel, payload in frames:
                    try:
                        self.handle(kind, channel, payload)
                    except (ValueError, KeyError, TypeError, OSError):
                        # A request the agent cannot make sense of changes nothing.
                        pass
            for process in list(self.processes.values()):
                for fd in list(process.outputs):
                    if fd in readable and fd in process.outputs:
                        self.read_output(process, fd)
                if process.stdin_fd in writable:
                    self.flush_stdin(process)
            for tunnel in list(self.tunnels.values()):
                if tunnel.sock in writable and not tunnel.connected:
                    error = tunnel.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                    if error:
                        self.refused(tunnel, error)
                        continue
                    self.connected(tunnel)
                elif tunnel.sock in writable:
                    self.flush_tunnel(tunnel)
                if tunnel.channel in self.tunnels and tunnel.sock in readable:
                    self.read_tunnel(tunnel)
            self.finish()
            if 1 in writable or self.host.outbox:
                self.host.flush()


def protect():
    """Not dumpable: the sandbox's other processes, of the same uid, cannot open this one's /proc files."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except Exception:
        pass


if __name__ == "__main__":
    protect()
    Agent().run()
