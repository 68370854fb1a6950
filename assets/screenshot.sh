#!/usr/bin/env bash
# Makes the README's screenshots from a real run: `softly --demo` in a tmux terminal,
# captured with its colours and turned into SVG by ansi2svg.py.
# Needs: cargo, tmux, python3.   Usage: bash assets/screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cols=100
rows=26
socket=softly-screenshot
work=$(mktemp -d)
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --release --quiet
: > "$work/config.toml"   # defaults, whatever the user's own config says

tmux -L "$socket" kill-server 2>/dev/null || true
tmux -L "$socket" -f /dev/null new-session -d -s shot -x "$cols" -y "$rows" \
  "env TERM=xterm-256color SOFTLY_CONFIG=$work/config.toml ./target/release/softly --demo"

wait_for() { # wait until the screen shows $1
  for _ in $(seq 100); do
    tmux -L "$socket" capture-pane -p -t shot | grep -qF "$1" && return 0
    sleep 0.1
  done
  echo "timed out waiting for: $1" >&2
  exit 1
}
shoot() { # capture the screen, with colours, as assets/$1.svg
  sleep 0.3
  tmux -L "$socket" capture-pane -e -p -t shot |
    python3 assets/ansi2svg.py "$cols" "$rows" > "assets/$1.svg"
  echo "wrote assets/$1.svg"
}

wait_for "Groceries"
tmux -L "$socket" send-keys -t shot h j l
wait_for "Oat milk"
shoot screenshot-todos

# Today: due today or overdue, from every list.
tmux -L "$socket" send-keys -t shot h g l
wait_for "Pay the invoices"
shoot screenshot-today

tmux -L "$socket" send-keys -t shot 2
wait_for "purges in"
shoot screenshot-trash

tmux -L "$socket" send-keys -t shot q
