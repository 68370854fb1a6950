#!/usr/bin/env bash
# Measures softly side by side with the floor (the same SQL in the sqlite3 shell, and a minimal
# rusqlite + ratatui program for the first frame) and Taskwarrior 2.6 (when installed), plus
# the in-process benchmarks, and writes docs/BENCHMARKS.md.
#
#   bash benches/compare.sh                    # N = 10,000, 100,000 and 1,000,000
#   bash benches/compare.sh 10000 100000       # chosen sizes
#
# Needs: python3, sqlite3 and GNU time (Debian: sqlite3, time); Taskwarrior (taskwarrior) and
# taskwarrior-tui (cargo install taskwarrior-tui) are compared when found. Settings, by
# environment: COMPARE_TASK_MAX (largest N given to Taskwarrior, default 100000),
# COMPARE_TASK_TIMEOUT (seconds before a Taskwarrior step is stopped, default 120),
# COMPARE_WORK (scratch directory, default /tmp/softly-compare). A full run takes about
# half an hour, most of it Taskwarrior's; the sync figures (benches/sync.py) need python3
# with venv and PyPI. Not part of CI: timings are never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in python3 sqlite3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "compare.sh needs $tool (see the top of this file)" >&2; exit 1; }
done

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
work=${COMPARE_WORK:-/tmp/softly-compare}
mkdir -p "$work"

cargo build --release --bin softly --example floor
echo "== in-process benchmarks (cargo bench --bench store)"
cargo bench --bench store -- 1000 "${sizes[@]}" | tee "$work/bench.md"
echo "== whole processes"
COMPARE_RESULTS="$work/results.json" python3 benches/compare.py "${sizes[@]}"
echo "== sync with a CalDAV server (Radicale, from PyPI)"
python3 benches/sync.py "$work/sync.json" 1000
python3 benches/compare.py report "$work/results.json" "$work/bench.md" docs/BENCHMARKS.md
echo "wrote docs/BENCHMARKS.md"
