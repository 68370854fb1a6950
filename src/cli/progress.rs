//! A progress bar on stderr for a long import or export (indicatif): rows done, rows a
//! second, and the time left. Drawn only on a terminal, not with `--quiet`, and only once a
//! run has passed [`SHOW_FROM`] rows, so that small files and scripts never see it; stdout
//! (the export itself, JSON) never carries it. It is cleared before the summary is printed.

use std::io::IsTerminal;

use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::wording::command_line;

/// From this many rows on, a run shows its progress.
const SHOW_FROM: u64 = 50_000;

pub(super) struct Progress {
    /// `None` when nothing may be drawn (not a terminal, or `--quiet`).
    bar: Option<ProgressBar>,
    shown: bool,
}

impl Progress {
    /// A bar for `doing` ("Importing"), out of `total` rows when known; `bounded` when a
    /// total is known or will be estimated (otherwise a count without a bar or time left).
    pub(super) fn new(doing: &'static str, total: Option<u64>, bounded: bool, quiet: bool) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress {
                bar: None,
                shown: false,
            };
        }
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden());
        let template = if bounded {
            command_line::PROGRESS_TEMPLATE
        } else {
            command_line::PROGRESS_TEMPLATE_UNBOUNDED
        };
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key("rows", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = match s.len() {
                    Some(len) => write!(w, "{}/{}", HumanCount(s.pos()), HumanCount(len)),
                    None => write!(w, "{}", HumanCount(s.pos())),
                };
            })
            .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}", HumanCount(s.per_sec() as u64));
            })
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(doing);
        Progress {
            bar: Some(bar),
            shown: false,
        }
    }

    /// `rows` more are done.
    pub(super) fn add(&mut self, rows: u64) {
        let Some(bar) = &self.bar else { return };
        bar.inc(rows);
        if !self.shown && bar.position() >= SHOW_FROM {
            self.shown = true;
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.tick();
        }
    }

    /// What is being done now, in place of the word the bar started with.
    pub(super) fn doing(&self, what: &'static str) {
        if let Some(bar) = &self.bar {
            bar.set_message(what);
        }
    }

    /// The total as now estimated (an import knows only how much of its file it read).
    pub(super) fn estimate(&self, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total.max(bar.position()));
        }
    }

    /// Takes the bar off the screen.
    pub(super) fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
