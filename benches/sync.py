"""Sync against a real CalDAV server (Radicale, from the venv the sync tests use): the first
round of a machine with 1,000 todos, the first round of a second machine that receives them,
a round that finds nothing new, and a round after one edit. Whole `softly sync` processes,
release build, Radicale on 127.0.0.1. Writes JSON (benches/compare.py's report reads it).

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
    first, receive, quiet, one_edit = [], [], [], []
    for _ in range(ROUNDS):
        server = Server(work)
        a, b = Machine(work, server), Machine(work, server)
        a.run("import", "--from", "todotxt", str(work / "todo.txt"), "--quiet")
        first.append(a.sync())
        receive.append(b.sync())
        a.sync()  # sees its own writes once
        quiet.append(a.sync())
        a.run("edit", "1", "--title", "edited once")
        one_edit.append(a.sync())
        server.stop()
    version = subprocess.run([VENV / "bin/python", "-c", "import radicale; print(radicale.VERSION)"],
                             capture_output=True, text=True).stdout.strip()
    result = {"todos": todos, "collections": len(lists) + 1, "radicale": version,
              "first_round": summary(first), "receiving_machine": summary(receive),
              "nothing_new": summary(quiet), "one_edit": summary(one_edit)}
    Path(out).write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
