"""Sync against a real CalDAV server (Radicale, from the venv the sync tests use): the first
round of a machine with 1,000 todos, the first round of a second machine that receives them,
a round that finds nothing new, and a round after one edit. Whole `softly sync` processes,
release build, Radicale on 127.0.0.1. And the same four with vdirsyncer (from PyPI, into a
venv of its own under target/tmp), syncing a folder of the same 1,000 tasks with a fresh
Radicale of the same make, side by side in the same run. Writes JSON (benches/compare.py's
report reads it).

    python3 benches/sync.py OUT.json [TODOS]

Not part of CI: timings are never asserted (the request counts are, in tests/sync/).
"""
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOFTLY = ROOT / "target/release/softly"
VENV = ROOT / "target/tmp/sync-venv"
BENCH_VENV = ROOT / "target/tmp/bench-venv"
VDIRSYNCER = "vdirsyncer==0.21.0"
ROUNDS = 7


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, work):
        self.dir = Path(tempfile.mkdtemp(dir=work))
        (self.dir / "users").write_text("bench:bench\n")
        self.port = free_port()
        (self.dir / "config").write_text(
            f"[server]\nhosts = 127.0.0.1:{self.port}\n[auth]\ntype = htpasswd\n"
            f"htpasswd_filename = {self.dir / 'users'}\nhtpasswd_encryption = plain\n"
            f"[storage]\nfilesystem_folder = {self.dir / 'storage'}\n[logging]\nlevel = warning\n")
        self.proc = subprocess.Popen([VENV / "bin/python", "-m", "radicale", "--config",
                                      self.dir / "config"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("Radicale did not start")

    def stop(self):
        self.proc.kill()
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


class Machine:
    def __init__(self, work, server):
        self.dir = Path(tempfile.mkdtemp(dir=work))
        (self.dir / "config.toml").write_text(
            f'[sync]\nurl = "http://127.0.0.1:{server.port}/"\nusername = "bench"\n')
        self.env = {"PATH": os.environ["PATH"], "HOME": str(self.dir),
                    "SOFTLY_DB": str(self.dir / "softly.db"),
                    "SOFTLY_CONFIG": str(self.dir / "config.toml"),
                    "SOFTLY_SYNC_PASSWORD": "bench", "TZ": "UTC"}

    def run(self, *args):
        started = time.perf_counter()
        out = subprocess.run([SOFTLY, *args], env=self.env, capture_output=True, text=True)
        took = time.perf_counter() - started
        if out.returncode != 0:
            raise SystemExit(f"softly {args}: {out.stderr}")
        return took, out.stdout

    def sync(self):
        took, out = self.run("sync", "--json")
        return took, json.loads(out)["requests"]


class Vdirsyncer:
    """vdirsyncer with a folder (a vdir) of tasks, one subfolder a collection."""

    def __init__(self, work, server, tasks=None):
        self.dir = Path(tempfile.mkdtemp(dir=work))
        vdir = self.dir / "vdir"
        vdir.mkdir()
        for collection, items in (tasks or {}).items():
            (vdir / collection).mkdir()
            for uid, text in items:
                (vdir / collection / f"{uid}.ics").write_text(text, newline="")
        (self.dir / "config").write_text(
            f'[general]\nstatus_path = "{self.dir / "status"}/"\n'
            '[pair tasks]\na = "local"\nb = "remote"\ncollections = ["from a", "from b"]\n'
            f'[storage local]\ntype = "filesystem"\npath = "{vdir}/"\nfileext = ".ics"\n'
            f'[storage remote]\ntype = "caldav"\nurl = "http://127.0.0.1:{server.port}/"\n'
            'username = "bench"\npassword = "bench"\nitem_types = ["VTODO"]\n')
        self.vdir = vdir

    def run(self, *args, answer=""):
        started = time.perf_counter()
        out = subprocess.run([BENCH_VENV / "bin/vdirsyncer", "-c", self.dir / "config", *args],
                             input=answer, capture_output=True, text=True)
        took = time.perf_counter() - started
        if out.returncode != 0:
            raise SystemExit(f"vdirsyncer {args}: {out.stderr}")
        return took

    def discover(self):
        # Makes the collections the folder has and the server lacks (it asks, once each).
        self.run("discover", answer="y\n" * 16)

    def sync(self):
        return self.run("sync"), None


def tasks_as_files(todos, lists):
    """The benchmark's todos as vdirsyncer keeps them: a .ics file each, by collection."""
    out = {}
    for i in range(todos):
        collection = lists[i % 4] if i % 4 < 3 else "Inbox"
        uid = f"bench-{i}"
        text = (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VTODO\r\n"
                f"UID:{uid}\r\nDTSTAMP:20261201T000000Z\r\nSUMMARY:todo number {i}\r\n"
                f"STATUS:NEEDS-ACTION\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
        out.setdefault(collection, []).append((uid, text))
    return out


def install_vdirsyncer():
    subprocess.run([sys.executable, "-m", "venv", BENCH_VENV], check=True)
    subprocess.run([BENCH_VENV / "bin/pip", "install", "--quiet", "--disable-pip-version-check",
                    VDIRSYNCER], check=True)
    return subprocess.run([BENCH_VENV / "bin/vdirsyncer", "--version"], capture_output=True,
                          text=True).stdout.strip().rsplit(" ", 1)[-1]


def vdirsyncer_round(work, tasks, samples):
    """One run of vdirsyncer's four rounds, from an empty server, into `samples`."""
    server = Server(work)
    a, b = Vdirsyncer(work, server, tasks), Vdirsyncer(work, server)
    a.discover()
    samples["first_round"].append(a.sync())
    b.discover()
    samples["receiving_machine"].append(b.sync())
    samples["nothing_new"].append(a.sync())
    edited = next((a.vdir / "Inbox").iterdir())
    edited.write_text(edited.read_text().replace("SUMMARY:", "SUMMARY:edited "), newline="")
    samples["one_edit"].append(a.sync())
    server.stop()


def summary(samples):
    times = [t for t, _ in samples]
    return {"median": statistics.median(times), "min": min(times), "max": max(times),
            "requests": samples[0][1], "runs": len(samples)}


def main():
    out, todos = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    subprocess.run(["bash", ROOT / "tests/fixtures/sync/venv.sh", VENV], check=True)
    work = Path(tempfile.mkdtemp())
    lists = ["home", "work", "errands"]
    lines = "".join(f"todo number {i} +{lists[i % 4]}\n" if i % 4 < 3 else f"todo number {i}\n"
                    for i in range(todos))
    (work / "todo.txt").write_text(lines)
    vdirsyncer = install_vdirsyncer()
    tasks = tasks_as_files(todos, lists)
    keys = ["first_round", "receiving_machine", "nothing_new", "one_edit"]
    mine, theirs = {k: [] for k in keys}, {k: [] for k in keys}
    # The two take turns, run by run, so a machine that slows down slows both alike.
    for _ in range(ROUNDS):
        server = Server(work)
        a, b = Machine(work, server), Machine(work, server)
        a.run("import", "--from", "todotxt", str(work / "todo.txt"), "--quiet")
        mine["first_round"].append(a.sync())
        mine["receiving_machine"].append(b.sync())
        mine["nothing_new"].append(a.sync())
        a.run("edit", "1", "--title", "edited once")
        mine["one_edit"].append(a.sync())
        server.stop()
        vdirsyncer_round(work, tasks, theirs)
    version = subprocess.run([VENV / "bin/python", "-c", "import radicale; print(radicale.VERSION)"],
                             capture_output=True, text=True).stdout.strip()
    result = {"todos": todos, "collections": len(lists) + 1, "radicale": version,
              **{k: summary(mine[k]) for k in keys},
              "vdirsyncer": {"version": vdirsyncer, **{k: summary(theirs[k]) for k in keys}}}
    Path(out).write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
