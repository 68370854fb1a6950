#!/usr/bin/env python3
"""Writes the comparison dataset of N todos in the formats each contender reads.

    dataset.py N NOW_MS OUT_DIR

The shape (the same for every contender):
  - N/4 live todos in the Inbox (what the app shows first), N/4 live todos in the list "drop"
    (the "delete half" step trashes that list, i.e. half of what is live);
  - N/2 todos in the Trash, each its own trash entry: N/4 deleted 40 days before NOW (past a
    30-day retention, so the purge step erases them) and N/4 deleted 1 day before NOW (kept).
  Titles are 40 ASCII bytes. Trash dates alternate, so expired rows are spread over the table
  as they would be in real use rather than packed at one end.

Files written:
  softly.json  a `softly export` document (format softly-export, version 1)
  task.json    a Taskwarrior 2.6 import file (status pending/deleted, `end` = delete time,
               project "drop" for the list)
  task-purged.json  the same without the expired tasks: the state after a purge
"""

import json
import sys
import uuid
from datetime import datetime, timezone

DAY = 86_400_000


def iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def task_time(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def title(i: int) -> str:
    return f"todo {i:09d} with an ordinary title".ljust(40, ".")[:40]


def rows(n: int, now: int):
    """Yields (id, title, list_name or None, deleted_at or None) for every todo."""
    live = n // 2
    for i in range(n):
        todo_id = i + 1
        if i < live:
            yield todo_id, title(i), (None if i % 2 == 0 else "drop"), None
        else:
            expired = (i - live) % 2 == 0
            yield todo_id, title(i), None, now - (40 * DAY if expired else DAY)


def write_softly(path: str, n: int, now: int) -> None:
    created = iso(now - 50 * DAY)
    with open(path, "w") as out:
        out.write('{"format":"softly-export","version":1,"exported_at":"%s",' % iso(now))
        out.write('"lists":[')
        out.write('{"id":1,"name":"drop","position":1,"created_at":"%s","trash_entry":null}' % created)
        out.write('],"todos":[')
        entries = []
        for k, (todo_id, text, list_name, deleted_at) in enumerate(rows(n, now)):
            entry = None
            if deleted_at is not None:
                entry = len(entries) + 1
                entries.append((entry, deleted_at))
            list_id = {"drop": 1}.get(list_name)
            out.write(
                ("," if k else "")
                + json.dumps(
                    {
                        "id": todo_id,
                        "title": text,
                        "list": list_id,
                        "list_erased": False,
                        "done": todo_id % 3 == 0,
                        "position": todo_id,
                        "created_at": created,
                        "trash_entry": entry,
                    },
                    separators=(",", ":"),
                )
            )
        out.write('],"trash":[')
        out.write(
            ",".join('{"id":%d,"kind":"todo","deleted_at":"%s"}' % (e, iso(at)) for e, at in entries)
        )
        out.write("]}\n")


def write_task(path: str, n: int, now: int, with_expired: bool = True) -> None:
    """The Taskwarrior file; without the expired tasks it is the state after a purge (which
    Taskwarrior itself cannot reach in reasonable time at 100,000 tasks)."""
    created = task_time(now - 50 * DAY)
    namespace = uuid.UUID("5f0f7c3e-0000-4000-8000-000000000000")
    with open(path, "w") as out:
        out.write("[\n")
        first = True
        for todo_id, text, list_name, deleted_at in rows(n, now):
            if not with_expired and deleted_at is not None and deleted_at < now - 30 * DAY:
                continue
            task = {
                "uuid": str(uuid.uuid5(namespace, str(todo_id))),
                "description": text,
                "entry": created,
                "status": "pending" if deleted_at is None else "deleted",
            }
            if list_name:
                task["project"] = list_name
            if deleted_at is not None:
                task["end"] = task_time(deleted_at)
            out.write(("" if first else ",") + json.dumps(task, separators=(",", ":")) + "\n")
            first = False
        out.write("]\n")


def main() -> None:
    n, now, out_dir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    write_softly(f"{out_dir}/softly.json", n, now)
    write_task(f"{out_dir}/task.json", n, now)
    write_task(f"{out_dir}/task-purged.json", n, now, with_expired=False)


if __name__ == "__main__":
    main()
