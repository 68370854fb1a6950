#!/usr/bin/env python3
"""Runs the same workload against softly, the same SQL in the sqlite3 shell (the floor), and
Taskwarrior 2.6 (when installed), and writes docs/BENCHMARKS.md. Started by
benches/compare.sh, which builds what this needs first; see there for the options.

Every step runs as a whole process, the way a user runs it. State-changing steps start each
run from a copied snapshot (the copy is not timed). A cell is the median of the counted runs
with min-max; peak memory is the largest max-RSS of the step's process over its runs.
"""

import json
import os
import platform
import re
import resource  # noqa: F401  (os.wait4 reports rusage through it)
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import dataset  # noqa: E402

DAY = 86_400_000
PATTERN = b"ordinary"  # part of every generated title: its arrival on screen is the first frame
SOFTLY = ROOT / "target/release/softly"
FLOOR = ROOT / "target/release/examples/floor"


# ---- running and timing ------------------------------------------------------------------


class Timeout(Exception):
    pass


def run_once(cmd, env, cwd, timeout):
    """Runs cmd to completion; returns (seconds, max RSS in KiB). The peak comes from GNU
    time run in between: a child started straight from here would carry this Python's own
    resident size into its max-RSS (Linux keeps the larger across exec). Starting time
    itself adds about half a millisecond, to every contender alike."""
    err_path = Path(cwd) / "stderr.txt"
    rss_path = Path(cwd) / "maxrss.txt"
    cmd = ["/usr/bin/time", "-f", "%M", "-o", str(rss_path), *cmd]
    program = cmd[0]
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, str(err_path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    here = os.getcwd()
    os.chdir(cwd)  # posix_spawn has no cwd of its own before Python 3.13's chdir action
    try:
        start = time.perf_counter()
        # Its own session, so a timeout can stop the step's process behind GNU time too.
        pid = os.posix_spawn(program, cmd, env, file_actions=actions, setsid=True)
    finally:
        os.chdir(here)
    deadline = start + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() > deadline:
            os.killpg(pid, signal.SIGKILL)
            os.wait4(pid, 0)
            raise Timeout()
        time.sleep(0.0005)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cmd} failed ({status}): {err_path.read_text(errors='replace')}")
    return elapsed, int(rss_path.read_text().split()[-1])


def spawn_in_pty(cmd, env, cwd):
    """Starts cmd with a new 120x40 pseudo-terminal as its controlling terminal; returns
    (pid, the terminal's master side). posix_spawn, not pty.fork: a fork copies this Python
    process first, a millisecond of the harness's own that would count as the program's."""
    import fcntl
    import termios

    master, slave = os.openpty()  # both close on exec
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    # The child's own session, in which opening the terminal makes it the controlling one
    # (glibc starts the session before the file actions).
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.ttyname(slave), os.O_RDWR, 0),
        (os.POSIX_SPAWN_DUP2, 0, 1),
        (os.POSIX_SPAWN_DUP2, 0, 2),
    ]
    here = os.getcwd()
    os.chdir(cwd)
    try:
        pid = os.posix_spawnp(cmd[0], cmd, env, file_actions=actions, setsid=True)
    finally:
        os.chdir(here)
        os.close(slave)
    return pid, master


def first_frame(cmd, env, cwd, settle, timeout=120.0):
    """Starts cmd in a 120x40 pseudo-terminal; returns (seconds until PATTERN is on screen,
    peak RSS in KiB after `settle` more seconds). Then presses q and waits for the exit."""
    start = time.perf_counter()
    pid, fd = spawn_in_pty(cmd, env, cwd)
    seen = b""
    frame = None
    deadline = start + timeout
    settle_until = None
    try:
        while True:
            now = time.perf_counter()
            if now > deadline:
                raise Timeout()
            if settle_until is not None and now >= settle_until:
                break
            ready, _, _ = select.select([fd], [], [], 0.01)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b""
                if not data:
                    break
                if frame is None:
                    seen = (seen + data)[-4096:]
                    if PATTERN in seen:
                        frame = time.perf_counter() - start
                        settle_until = time.perf_counter() + settle
        if frame is None:
            raise RuntimeError(f"{cmd}: no frame with {PATTERN!r}")
        peak = vm_hwm_kib(pid)
        os.write(fd, b"q")
        end = time.perf_counter() + 10
        while time.perf_counter() < end:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            ready, _, _ = select.select([fd], [], [], 0.01)
            if ready:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        return frame, peak
    finally:
        os.close(fd)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def vm_hwm_kib(pid):
    """Peak resident memory of pid and its threads (the startup purge runs on one)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class Runs:
    """The runs of one contender's step: the first run of a quick step only warms the page
    cache; then 11 counted runs (5 when one takes over a second, 3 over 20 s, 1 over 60 s),
    or a timeout. A step of a few milliseconds moves by a third with the machine's weather,
    and the median of 5 moved with it from run to run; 11 hold it still enough to compare."""

    def __init__(self, step, prepare, timeout):
        self.step, self.prepare, self.timeout = step, prepare, timeout
        self.times, self.peaks = [], []
        self.wanted = 5
        self.warm = False
        self.timed_out = False

    def done(self):
        return self.timed_out or len(self.times) >= self.wanted

    def run_one(self):
        if self.prepare:
            self.prepare()
        try:
            seconds, peak = self.step(self.timeout)
        except Timeout:
            self.timed_out = True
            return
        if not self.warm and seconds < 1.0:
            self.warm = True
            return
        if not self.times:
            self.wanted = 1 if seconds > 60 else 3 if seconds > 20 else 5 if seconds > 1 else 11
        self.times.append(seconds)
        self.peaks.append(peak)

    def result(self):
        if self.timed_out:
            return {"timeout": self.timeout, "runs": len(self.times)}
        return {
            "median": statistics.median(self.times),
            "min": min(self.times),
            "max": max(self.times),
            "runs": len(self.times),
            "peak_kib": max(self.peaks),
        }


def measure_together(runs):
    """Runs the contenders' runs of one step in turn (A B C A B C …) until each has its
    count, so that whatever else the machine does (this VM's speed drifts by a third over
    minutes) falls on every contender alike rather than on whichever ran at a slow moment."""
    while not all(r.done() for r in runs.values()):
        for r in runs.values():
            if not r.done():
                r.run_one()
    return {name: r.result() for name, r in runs.items()}


# ---- the contenders ------------------------------------------------------------------------


def copy_db(src, dst):
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(dst) + suffix)
        if p.exists():
            p.unlink()
    shutil.copyfile(src, dst)


class Softly:
    name = "softly"

    def __init__(self, work, now_ms):
        self.work = work
        self.env = dict(os.environ, SOFTLY_CONFIG=str(work / "empty.toml"),
                        SOFTLY_NOW=iso(now_ms), TZ="UTC", TERM="xterm-256color")
        (work / "empty.toml").write_text("")
        self.db = work / "softly-work.db"

    def cmd(self, db, *args):
        return [str(SOFTLY), "--db", str(db), *args]

    def run(self, db, *args, timeout=600):
        return lambda t: run_once(self.cmd(db, *args), self.env, self.work, min(t, timeout))

    def setup(self):
        """Imports once to make the snapshots the steps start from."""
        imported = self.work / "softly-imported.db"
        purged = self.work / "softly-purged.db"
        for p in (imported, purged):
            copy_db_clear(p)
        subprocess.run(self.cmd(imported, "import", "softly.json"), env=self.env,
                       cwd=self.work, check=True, capture_output=True)
        copy_db(imported, purged)
        subprocess.run(self.cmd(purged, "purge"), env=self.env, cwd=self.work, check=True,
                       capture_output=True)
        self.imported, self.purged = imported, purged

    def steps(self):
        work, purged, imported = self.db, self.purged, self.imported
        fresh = lambda: copy_db_clear(work)  # noqa: E731
        from_purged = lambda: copy_db(purged, work)  # noqa: E731
        from_imported = lambda: copy_db(imported, work)  # noqa: E731
        return {
            "import": (self.run(work, "import", "softly.json"), fresh),
            "export": (self.run(imported, "--retention", "never", "export", "out.json"), None),
            "list all": (self.run(purged, "ls"), None),
            "first screen": (self.run(purged, "ls", "--limit", "50"), None),
            "delete half": (self.run(work, "list", "rm", "drop"), from_purged),
            "purge expired": (self.run(work, "purge"), from_imported),
            "empty the Trash": (self.run(work, "empty-trash", "--yes"), from_purged),
            "TUI first frame": (self.tui(purged), None),
            "TUI first frame, N/4 expired waiting": (self.tui(work, settle=3.0), from_imported),
        }

    def tui(self, db, settle=1.0):
        return lambda t: first_frame(self.cmd(db), self.env, self.work, settle, t)


def copy_db_clear(db):
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(db) + suffix)
        if p.exists():
            p.unlink()


class Floor:
    """The same SQL softly runs, in the sqlite3 shell, on the same files; and the floor
    program (rusqlite + ratatui, benches/floor.rs) for the first frame."""

    name = "floor"

    def __init__(self, work, now_ms, n, softly):
        self.work, self.now, self.n, self.softly = work, now_ms, n, softly
        self.db = work / "floor-work.db"
        self.env = dict(os.environ, TERM="xterm-256color")
        self.empty = work / "floor-empty.db"
        copy_db_clear(self.empty)
        subprocess.run(softly.cmd(self.empty, "lists"), env=softly.env, cwd=work,
                       check=True, capture_output=True)

    def sql(self, db, text):
        prelude = ("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                   "PRAGMA secure_delete=ON; PRAGMA busy_timeout=5000;\n")
        return lambda t: run_once(["sqlite3", str(db), prelude + text], self.env, self.work, t)

    def import_sql(self):
        n, now = self.n, self.now
        half = n // 2
        created = now - 50 * DAY
        return f"""
BEGIN IMMEDIATE;
INSERT INTO lists (id, name, name_key, position, created_at) VALUES (1, 'drop', 'drop', 1, {created});
WITH RECURSIVE s(i) AS (SELECT {half} UNION ALL SELECT i + 1 FROM s WHERE i < {n - 1})
INSERT INTO trash_entries (id, kind, deleted_at)
SELECT i - {half} + 1, 'todo', CASE WHEN (i - {half}) % 2 = 0 THEN {now - 40 * DAY} ELSE {now - DAY} END FROM s;
WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {n - 1})
INSERT INTO todos (id, title, list_id, list_erased, done, position, created_at, trash_entry_id)
SELECT i + 1, substr(printf('todo %09d with an ordinary title', i) || '........', 1, 40),
       CASE WHEN i < {half} AND i % 2 = 1 THEN 1 END, 0, (i + 1) % 3 = 0, i + 1, {created},
       CASE WHEN i >= {half} THEN i - {half} + 1 END
FROM s;
COMMIT;
"""

    def erase_sql(self, condition):
        entries = f"SELECT id FROM trash_entries WHERE {condition}"
        lists = ("SELECT lists.id FROM lists CROSS JOIN trash_entries ON trash_entries.id = "
                 f"lists.trash_entry_id WHERE lists.trash_entry_id IS NOT NULL AND {condition}")
        return f"""
PRAGMA foreign_keys=OFF;
BEGIN IMMEDIATE;
UPDATE todos SET list_id = NULL, list_erased = 1 WHERE list_id IN ({lists})
  AND trash_entry_id IS NOT (SELECT trash_entry_id FROM lists WHERE id = todos.list_id);
DELETE FROM todos WHERE trash_entry_id IN ({entries});
DELETE FROM lists WHERE id IN ({lists});
DELETE FROM trash_entries WHERE {condition};
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
"""

    def steps(self):
        work, purged, imported = self.db, self.softly.purged, self.softly.imported
        cutoff = self.now - 30 * DAY
        from_purged = lambda: copy_db(purged, work)  # noqa: E731
        from_imported = lambda: copy_db(imported, work)  # noqa: E731
        # What `softly ls` reads: the Inbox, then each live list (here the one list, id 1),
        # each along the index of live todos, which holds every column shown.
        columns = "t.id, t.done, t.created_at, t.title"
        live = "FROM todos t INDEXED BY todos_live WHERE t.trash_entry_id IS NULL"
        return {
            "import": (self.sql(work, self.import_sql()), lambda: copy_db(self.empty, work)),
            "list all": (self.sql(purged, f"""
SELECT id, name FROM lists WHERE trash_entry_id IS NULL ORDER BY position, id;
SELECT {columns} {live} AND t.list_id IS NULL ORDER BY t.position, t.id;
SELECT {columns} {live} AND t.list_id = 1 ORDER BY t.position, t.id;"""), None),
            "first screen": (self.sql(purged, f"""
SELECT {columns} {live} AND t.list_id IS NULL ORDER BY t.position, t.id LIMIT 50;"""),
                             None),
            "delete half": (self.sql(work, """
BEGIN IMMEDIATE;
INSERT INTO trash_entries (kind, deleted_at) VALUES ('list', 1);
UPDATE todos SET trash_entry_id = last_insert_rowid() WHERE list_id = 1 AND trash_entry_id IS NULL;
UPDATE lists SET trash_entry_id = (SELECT max(id) FROM trash_entries) WHERE id = 1;
COMMIT;"""), from_purged),
            "purge expired": (self.sql(work, self.erase_sql(f"deleted_at <= {cutoff}")),
                              from_imported),
            "empty the Trash": (self.sql(work, self.erase_sql("1")), from_purged),
            "TUI first frame": (self.tui(purged), None),
            "TUI first frame, N/4 expired waiting": (self.tui(work), from_imported),
        }

    def tui(self, db):
        return lambda t: first_frame([str(FLOOR), str(db)], self.env, self.work, 1.0, t)


class Taskwarrior:
    name = "Taskwarrior 2.6"

    def __init__(self, work, tui):
        self.work, self.tui_binary = work, tui
        self.data = work / "task-work"
        self.rc = work / "taskrc"
        self.env = dict(os.environ, TASKRC=str(self.rc), TASKDATA=str(self.data),
                        TERM="xterm-256color")
        self.rc.write_text(f"data.location={self.data}\nconfirmation=off\nbulk=0\n"
                           "hooks=off\nverbose=nothing\nnews.version=2.6.2\n")

    def task(self, *args):
        return lambda t: run_once(["task", *args], self.env, self.work, t)

    def restore(self, snapshot):
        def prepare():
            if self.data.exists():
                shutil.rmtree(self.data)
            if snapshot:
                shutil.copytree(snapshot, self.data)
            else:
                self.data.mkdir()
        return prepare

    def setup(self):
        quiet = dict(env=self.env, cwd=self.work, check=True, capture_output=True)
        self.imported = self.work / "task-imported"
        self.purged = self.work / "task-purged"
        # The purged state is imported rather than purged into: Taskwarrior's own purge of
        # N/4 tasks takes most of an hour at 100,000.
        for snapshot, source in [(self.imported, "task.json"), (self.purged, "task-purged.json")]:
            self.restore(None)()
            subprocess.run(["task", "import", source], **quiet)
            subprocess.run(["task", "count"], **quiet)  # the gc pass a real store has had
            shutil.rmtree(snapshot, ignore_errors=True)
            shutil.copytree(self.data, snapshot)

    def steps(self):
        steps = {
            "import": (self.task("import", "task.json"), self.restore(None)),
            "export": (self.task("export"), self.restore(self.imported)),
            "list all": (self.task("list"), self.restore(self.purged)),
            "first screen": (self.task("limit:50", "list"), self.restore(self.purged)),
            "delete half": (self.task("project:drop", "delete"), self.restore(self.purged)),
            "purge expired": (self.task("status:deleted", "end.before:now-30d", "purge"),
                              self.restore(self.imported)),
            "empty the Trash": (self.task("status:deleted", "purge"),
                                self.restore(self.purged)),
        }
        if self.tui_binary:
            steps["TUI first frame"] = (
                lambda t: first_frame([self.tui_binary], self.env, self.work, 1.0, t),
                self.restore(self.purged),
            )
        return steps


def iso(ms):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms / 1000)) + "Z"


# ---- the report ----------------------------------------------------------------------------


def cell(r, unit="ms"):
    if r is None:
        return "–"
    if "timeout" in r:
        return f"**> {r['timeout']:.0f} s** (stopped)"
    scale = 1000 if unit == "ms" else 1
    return f"{r['median'] * scale:.{prec(r['median'] * scale)}f} ({r['min'] * scale:.{prec(r['min'] * scale)}f}–{r['max'] * scale:.{prec(r['max'] * scale)}f})"


def prec(v):
    return 1 if v < 100 else 0


def ratio(a, b):
    if not a or not b or "timeout" in a or "timeout" in b:
        return None
    return a["median"] / b["median"]


def machine():
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    def version(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "not installed"
    return {
        "cpu": f"{os.cpu_count()} × {cpu}",
        "memory": f"{int(mem) // 1024 // 1024} GiB",
        "os": f"{platform.system()} {platform.release()}",
        "softly": version(["git", "-C", str(ROOT), "describe", "--always", "--dirty"]),
        "rustc": version(["rustc", "--version"]),
        "sqlite3": version(["sqlite3", "--version"]).split(" ")[0],
        "task": version(["task", "--version"]),
    }


STEPS = [
    "import", "export", "list all", "first screen", "delete half", "purge expired", "empty the Trash",
    "TUI first frame", "TUI first frame, N/4 expired waiting",
]
CONTENDERS = ["softly", "floor", "Taskwarrior 2.6"]
CONTENDER_LABEL = {
    "softly": "softly",
    "floor": "floor (same SQL in `sqlite3`; `floor` program for frames)",
    "Taskwarrior 2.6": "Taskwarrior 2.6.2 (`taskwarrior-tui` for frames)",
}


def bench_figures(text):
    """Pulls the in-process figures the targets need out of `cargo bench --bench store`."""
    frame, purge_check, keys, paired = {}, {}, {}, {}
    current = None
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3:
            continue
        m = re.match(r"keystroke \+ draw, N = (\d+)", cells[0])
        if m:
            current = int(m.group(1))
            continue
        if cells[0].startswith("draw one frame") and cells[1].isdigit():
            frame[int(cells[1])] = float(cells[2])
        elif cells[0].startswith("purge check") and cells[1].isdigit():
            purge_check[int(cells[1])] = float(cells[2])
        elif cells[0].startswith("drawn in turn") and cells[1].isdigit():
            paired[int(cells[1])] = float(cells[2])
        elif current and len(cells) == 5 and cells[1].isdigit():
            keys.setdefault(current, {})[cells[0]] = {
                "p50": float(cells[2]), "p99": float(cells[3]), "max": float(cells[4])}
    # A frame drawn in turn with the other size is the fairer comparison when there is one.
    return (paired or frame), purge_check, keys


def fmt_n(n):
    return f"{n:,}"


def sync_section(sync, w):
    """The sync figures of `benches/sync.py`, when it ran."""
    w("## Sync with a CalDAV server")
    w("")
    w(f"`benches/sync.py`: a real Radicale {sync['radicale']} on 127.0.0.1 (htpasswd, its own")
    w("files), whole `softly sync` processes, release build. A machine with "
      f"{sync['todos']:,} todos in {sync['collections']} lists (the Inbox and three), made by")
    w("`softly import --from todotxt`, runs its first round; a second machine receives them;")
    w("then a round that finds nothing new, and a round after one edit. Each row is the")
    w(f"median (min–max) of {sync['first_round']['runs']} runs, each from an empty server.")
    w("")
    w("| round | ms | HTTP requests |")
    w("|---|---|---|")
    for key, name in [("first_round", f"first round, {sync['todos']:,} todos sent"),
                      ("receiving_machine", f"a second machine receives {sync['todos']:,}"),
                      ("nothing_new", "nothing new"), ("one_edit", "one todo edited")]:
        r = sync[key]
        w(f"| {name} | {cell(r)} | {r['requests']} |")
    w("")
    if sync.get("vdirsyncer"):
        v = sync["vdirsyncer"]
        w(f"Side by side in the same run: vdirsyncer {v['version']} syncing a folder of the same")
        w(f"{sync['todos']:,} tasks (a `.ics` file each, in the same {sync['collections']} "
          "collections) with a fresh Radicale of the same make; whole `vdirsyncer sync`")
        w("processes (its `discover`, which makes the collections, is not timed). The two take")
        w("turns run by run, so a machine that slows down slows both alike. A first round is")
        w("Radicale's time: a PUT a task, which it takes one at a time (softly's own share is")
        w("under a second of processor; four streams at once, as vdirsyncer sends, go no")
        w("faster there, measured).")
        w("")
        w("| round | softly ms | vdirsyncer ms | softly is |")
        w("|---|---|---|---|")
        for key, name in [("first_round", "first round, everything sent"),
                          ("receiving_machine", "a second machine receives everything"),
                          ("nothing_new", "nothing new"), ("one_edit", "one task edited")]:
            ratio = v[key]["median"] / sync[key]["median"]
            shown = ratio if ratio >= 1 else 1 / ratio
            digits = 2 if shown < 1.5 else 1
            said = f"{shown:.{digits}f}× " + ("faster" if ratio >= 1 else "slower")
            w(f"| {name} | {cell(sync[key])} | {cell(v[key])} | {said} |")
        w("")
    quiet = sync["nothing_new"]["requests"]
    w(f"- A round with nothing new: {quiet} request for {sync['collections']} collections "
      f"(target: at most one per collection): {'yes' if quiet <= sync['collections'] else 'no'}.")
    w("")


def report(data, bench_text, analysis):
    results = {int(k): v for k, v in data["results"].items()}
    sizes = sorted(results)
    m = data["machine"]
    out = []
    w = out.append
    w("# Benchmarks")
    w("")
    w("Written by `benches/compare.sh` (do not edit by hand; the commentary at the end comes from")
    w("`benches/analysis.md`). Warm page cache, release builds, one run of everything; within a")
    w("step the contenders' runs are taken in turn (softly, floor, Taskwarrior, softly, …) so that")
    w("the machine's drifts in speed fall on all of them alike.")
    w("")
    w(f"Machine: {m['cpu']}, {m['memory']}, {m['os']}. softly {m['softly']}, {m['rustc']},")
    w(f"sqlite3 {m['sqlite3']}, task {m['task']}. Run on {data.get('date', '?')}.")
    w("")
    w("Dataset for N todos (`benches/dataset.py`): N/4 live in the Inbox, N/4 live in the list")
    w("`drop`, N/2 in the Trash as single entries, half of those (N/4) past a 30-day retention.")
    w("Steps: **import** the export into an empty database; **export** every row (`softly export")
    w("FILE` from the imported state, `task export`); **list all** live todos; the")
    w("**first screen** (`softly ls --limit 50`, `task limit:50 list`); **delete half** of what is")
    w("live (`softly list rm drop`, `task project:drop delete`); **purge expired** (N/4);")
    w("**empty the Trash** (what is left in it: N/4); **TUI first frame**: from `posix_spawn` in")
    w("a 120×40 pseudo-terminal until a title is on screen (peak memory read after 1 s, 3 s with")
    w("expired entries waiting, so the purge is in it). State-changing steps start each run from a copied")
    w("snapshot; the copy is not timed. Cells: median (min–max) of 11 runs (5 over 1 s, 3 over")
    w("20 s, 1 over 60 s), ms, whole process; Taskwarrior stopped after its timeout.")
    w("")
    def step_table(title, show):
        """One row per step and contender, one column per size; `show` renders a result."""
        w(title)
        w("")
        w("| step | contender | " + " | ".join(fmt_n(n) for n in sizes) + " |")
        w("|---|---|" + "---|" * len(sizes))
        for step in STEPS:
            for c in CONTENDERS:
                row = [results[n].get(step, {}).get(c) for n in sizes]
                if any(r is not None for r in row):
                    cells = " | ".join("–" if r is None else show(r) for r in row)
                    w(f"| {step} | {CONTENDER_LABEL[c]} | {cells} |")

    step_table("## Times, ms", cell)
    w("")
    step_table("## Peak memory, MB (max RSS of the step's process)",
               lambda r: f"{r['peak_kib'] / 1024:.1f}" if "peak_kib" in r else "–")
    w("")
    w("## Ratios (medians)")
    w("")
    w("| step | " + " | ".join(f"softly ÷ floor, {fmt_n(n)}" for n in sizes) + " | "
      + " | ".join(f"Taskwarrior ÷ softly, {fmt_n(n)}" for n in sizes) + " |")
    w("|---|" + "---|" * (2 * len(sizes)))
    for step in STEPS:
        floor = [ratio(results[n].get(step, {}).get("softly"), results[n].get(step, {}).get("floor"))
                 for n in sizes]
        tw = []
        for n in sizes:
            t = results[n].get(step, {}).get("Taskwarrior 2.6")
            sf = results[n].get(step, {}).get("softly")
            if t and "timeout" in t and sf and "median" in sf:
                tw.append(f"> {t['timeout'] / sf['median']:,.0f}×")
            else:
                r = ratio(t, sf)
                tw.append("–" if r is None else f"{r:,.0f}×" if r >= 10 else f"{r:.1f}×")
        w(f"| {step} | " + " | ".join("–" if r is None else f"{r:.2f}" for r in floor) + " | "
          + " | ".join(tw) + " |")
    w("")
    w("## Against the targets of issue 4")
    w("")
    frame, purge_check, keys = bench_figures(bench_text)
    w("| target | measured | met |")
    w("|---|---|---|")
    big = max(sizes)

    def target(what, measured, ok):
        w(f"| {what} | {measured} | {'yes' if ok else '**no**'} |")

    for step, label in [("TUI first frame", "nothing to purge"),
                        ("TUI first frame, N/4 expired waiting",
                         f"{fmt_n(big // 4)} expired waiting")]:
        r = ratio(results[big].get(step, {}).get("softly"), results[big].get(step, {}).get("floor"))
        if r is not None:
            sf = results[big][step]["softly"]["median"] * 1000
            fl = results[big][step]["floor"]["median"] * 1000
            target(f"first frame at {fmt_n(big)}, {label}: ≤ 2× the floor program",
                   f"{sf:.1f} ms vs {fl:.1f} ms = {r:.2f}×", r <= 2)
    if big in purge_check:
        target(f"purge check with nothing expired at {fmt_n(big)}: about nothing",
               f"{purge_check[big]:.2f} ms (in-process)", purge_check[big] < 1)
    r = ratio(results[big].get("purge expired", {}).get("softly"),
              results[big].get("purge expired", {}).get("floor"))
    if r is not None:
        sf = results[big]["purge expired"]["softly"]["median"] * 1000
        fl = results[big]["purge expired"]["floor"]["median"] * 1000
        target(f"purge of N/4 expired at {fmt_n(big)}: ≤ 1.5× the same delete in `sqlite3`",
               f"{sf:.0f} ms vs {fl:.0f} ms = {r:.2f}×" + (
                   f" (the reference's single-table floor, ~208 ms: {sf / 208:.1f}×)"
                   if big == 1_000_000 else ""), r <= 1.5)
    if big in keys:
        plain = {k: v for k, v in keys[big].items()
                 if not k.startswith("filter") and not k.startswith("every")}
        worst = max(v["p99"] for v in plain.values())
        each = ", ".join(f"{k}: {v['p99']:.2f}" for k, v in plain.items())
        target(f"every keystroke at {fmt_n(big)} handled and drawn: p99 < 16 ms",
               f"worst p99 {worst:.2f} ms ({each})", worst < 16)
        filt = [v for k, v in keys[big].items() if k.startswith("filter")]
        if filt:
            target(f"filter results on screen within 100 ms of a keystroke at {fmt_n(big)}",
                   f"p50 {filt[0]['p50']:.1f} ms, p99 {filt[0]['p99']:.1f} ms, max {filt[0]['max']:.1f} ms",
                   filt[0]["p99"] <= 100)
    small = min(frame) if frame else None
    if frame and big in frame and small != big:
        r = frame[big] / frame[small]
        target(f"a frame at {fmt_n(big)} ≤ 1.2× a frame at {fmt_n(small)}",
               f"{frame[big]:.2f} ms vs {frame[small]:.2f} ms = {r:.2f}×", r <= 1.2)
    for step in ("import", "export"):
        peak = results[big].get(step, {}).get("softly", {}).get("peak_kib")
        if peak:
            target(f"peak memory of {step} at {fmt_n(big)} < 64 MB (issue 14)",
                   f"{peak / 1024:.1f} MB", peak < 64 * 1024)
    peaks = [results[big].get(s, {}).get("softly", {}).get("peak_kib")
             for s in ("TUI first frame", "TUI first frame, N/4 expired waiting")]
    peaks = [p for p in peaks if p]
    if peaks:
        target(f"peak memory with {fmt_n(big)} todos open in the TUI < 24 MB",
               f"{max(peaks) / 1024:.1f} MB", max(peaks) < 24 * 1024)
    for n in sizes:
        if "Taskwarrior 2.6" not in results[n].get("import", {}):
            continue
        for step, factor in [("delete half", 100), ("purge expired", 100),
                             ("empty the Trash", 100), ("TUI first frame", 100),
                             ("import", 10), ("list all", 10), ("first screen", 10)]:
            t = results[n].get(step, {}).get("Taskwarrior 2.6")
            sf = results[n].get(step, {}).get("softly")
            if not t or not sf:
                continue
            if "timeout" in t:
                x = t["timeout"] / sf["median"]
                target(f"{step} at {fmt_n(n)}: ≥ {factor}× faster than Taskwarrior",
                       f"Taskwarrior > {t['timeout']:.0f} s (stopped), softly {sf['median'] * 1000:.1f} ms: > {x:,.0f}×",
                       x >= factor)
            else:
                x = t["median"] / sf["median"]
                target(f"{step} at {fmt_n(n)}: ≥ {factor}× faster than Taskwarrior",
                       f"{t['median'] * 1000:,.0f} ms vs {sf['median'] * 1000:.1f} ms = {x:,.1f}×",
                       x >= factor)
    w("")
    if data.get("sync"):
        sync_section(data["sync"], w)
    w("## In-process figures (`cargo bench --bench store`)")
    w("")
    w("The store and the app measured inside one process (median and min–max of 7 runs, ms), and")
    w("the latency of single keystrokes (handled and drawn to a 120×40 test backend) over 200")
    w("rounds of a mixed key sequence. Its dataset: half live (10,000 in the list Big, or N/4 when")
    w("that is fewer; the rest in the Inbox, which the app shows first), half in the Trash, a")
    w("quarter past retention.")
    w("")
    w(bench_text.strip())
    w("")
    if analysis.strip():
        w(analysis.strip())
        w("")
    return "\n".join(out)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "report":
        results, bench, dest = sys.argv[2], sys.argv[3], sys.argv[4]
        data = json.loads(Path(results).read_text())
        sync_path = Path(results).parent / "sync.json"
        if sync_path.exists():
            data["sync"] = json.loads(sync_path.read_text())
        analysis_path = HERE / "analysis.md"
        analysis = analysis_path.read_text() if analysis_path.exists() else ""
        Path(dest).write_text(report(data, Path(bench).read_text(), analysis))
        return
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [10_000, 100_000, 1_000_000]
    task_max = int(os.environ.get("COMPARE_TASK_MAX", "100000"))
    task_timeout = float(os.environ.get("COMPARE_TASK_TIMEOUT", "120"))
    base = Path(os.environ.get("COMPARE_WORK", "/tmp/softly-compare"))
    has_task = shutil.which("task") is not None
    tui = shutil.which("taskwarrior-tui") or (
        "/opt/twtui/bin/taskwarrior-tui" if Path("/opt/twtui/bin/taskwarrior-tui").exists() else None)
    results = {}
    now_ms = int(time.time() * 1000)
    for n in sizes:
        work = base / str(n)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        print(f"== N = {n}: writing the dataset", flush=True)
        dataset.write_softly(str(work / "softly.json"), n, now_ms)
        dataset.write_task(str(work / "task.json"), n, now_ms)
        dataset.write_task(str(work / "task-purged.json"), n, now_ms, with_expired=False)
        softly = Softly(work, now_ms)
        softly.setup()
        contenders = [softly, Floor(work, now_ms, n, softly)]
        if has_task and n <= task_max:
            tw = Taskwarrior(work, tui)
            tw.setup()
            contenders.append(tw)
        steps = {c.name: c.steps() for c in contenders}
        for step in STEPS:
            runs = {}
            for c in contenders:
                if step in steps[c.name]:
                    run, prepare = steps[c.name][step]
                    timeout = task_timeout if isinstance(c, Taskwarrior) else 600.0
                    runs[c.name] = Runs(run, prepare, timeout)
            print(f"   {step} ...", flush=True)
            for name, r in measure_together(runs).items():
                results.setdefault(n, {}).setdefault(step, {})[name] = r
                print(f"      {name}: {cell(r)} ms, {r.get('peak_kib', 0) / 1024:.1f} MB",
                      flush=True)
        shutil.rmtree(work, ignore_errors=True)
    out = Path(os.environ.get("COMPARE_RESULTS", base / "results.json"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": machine(), "date": time.strftime("%Y-%m-%d"),
                               "results": results, "sizes": sizes}, indent=1))
    print(f"results: {out}")


if __name__ == "__main__":
    main()
