//! The command line: clap definitions, and the entry point that runs one command.

mod arg_groups;
mod bash_words;
mod complete;
mod confirm;
mod discover;
mod export_import;
mod export_writer;
mod failure;
mod import_reading;
mod invocation;
mod json;
mod launch;
mod output;
mod progress;
mod run;
mod sync_commands;
mod todo_commands;
mod trash_commands;

use std::path::PathBuf;

use std::sync::Arc;

use clap::{Parser, Subcommand};

pub use arg_groups::{DoneFilter, ListOrInbox, ListScope, MoveTarget, SortOrder};
pub use complete::answer_the_shell;
pub use export_writer::ExportFormat;
pub use failure::CliError;

use crate::clock::Clock;
use crate::store::{EntryId, TodoId};

/// softly: a todo list where nothing is lost by accident. Deleted things wait in the Trash
/// until you restore or erase them, or the retention window (30 days by default) runs out.
#[derive(Debug, Parser)]
#[command(name = "softly", version, about, max_term_width = 100)]
pub struct Cli {
    /// The database file [or $SOFTLY_DB; default: softly.db in your data directory]
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub db: Option<PathBuf>,

    /// The config file [or $SOFTLY_CONFIG; default: config.toml in your config directory]
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub config: Option<PathBuf>,

    /// How long deleted things stay in the Trash, e.g. 30d, 12h, 2w, or never
    /// [default: the config file's, else 30d]
    #[arg(
        long,
        global = true,
        value_name = "SPAN",
        allow_hyphen_values = true,
        help_heading = "Global options"
    )]
    pub retention: Option<String>,

    /// Open the app on a throwaway database full of examples, removed on exit (your own
    /// database is not touched)
    #[arg(long)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a todo; prints its id
    Add {
        /// What to do: the words that follow (`softly add buy eggs`)
        #[arg(required = true, num_args = 1.., value_name = "TITLE")]
        title: Vec<String>,
        /// Put it in this list instead of the Inbox
        #[arg(long, value_name = "NAME", add = complete::a_list())]
        list: Option<String>,
        /// When it is due: today, tomorrow, fri, next week, in 3d, in 2w, in 1m, 2026-12-24,
        /// "2026-12-24 14:30" or 12-24
        #[arg(long, value_name = "WHEN")]
        due: Option<String>,
        /// high, medium or low
        #[arg(long, value_name = "PRIORITY")]
        priority: Option<String>,
        /// A note: free text, lines kept (at most 10,000 characters); - reads it from
        /// standard input
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        note: Option<String>,
        /// Make it come back when done: day, weekday, week, month, "N days" or "N weeks"
        /// (needs --due; the next one is due that long after this one)
        #[arg(long, value_name = "RULE")]
        every: Option<String>,
    },
    /// Show live todos (the open ones of every list, or of one list or view)
    Ls {
        #[command(flatten)]
        scope: ListScope,
        /// Show only the first N (read a screenful, not the whole list)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        limit: Option<u32>,
        /// The order: manual (as in the app; the default), due (soonest first; the default
        /// for --today and --upcoming), priority (highest first), created (oldest first), title
        #[arg(long, value_enum, value_name = "ORDER")]
        sort: Option<SortOrder>,
        /// Only todos tagged #TAG (with or without the #)
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Only todos whose title or note contains TEXT (any case)
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        #[command(flatten)]
        done: DoneFilter,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Mark todos done (a recurring one makes its next occurrence; prints its id)
    Done {
        #[arg(required = true, value_name = "ID", add = complete::a_todo())]
        ids: Vec<TodoId>,
    },
    /// Mark todos not done
    Undone {
        #[arg(required = true, value_name = "ID", add = complete::a_todo())]
        ids: Vec<TodoId>,
    },
    /// Change a todo's title, due date, priority, note or recurrence
    Edit {
        #[arg(add = complete::a_todo())]
        id: TodoId,
        /// The new title: the words that follow (or --title)
        #[arg(num_args = 0.., value_name = "TITLE", conflicts_with = "title_flag")]
        title: Vec<String>,
        /// The new title
        #[arg(long = "title", value_name = "TITLE")]
        title_flag: Option<String>,
        /// When it is due (as for add), or none to clear it
        #[arg(long, value_name = "WHEN")]
        due: Option<String>,
        /// high, medium, low, or none to clear it
        #[arg(long, value_name = "PRIORITY")]
        priority: Option<String>,
        /// The note (- reads it from standard input), or an empty one ("") to clear it
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        note: Option<String>,
        /// How often it comes back (as for add), or none to stop it coming back
        #[arg(long, value_name = "RULE")]
        every: Option<String>,
    },
    /// Move todos to a list or to the Inbox
    Mv {
        #[arg(required = true, value_name = "ID", add = complete::a_todo())]
        ids: Vec<TodoId>,
        #[command(flatten)]
        target: MoveTarget,
    },
    /// Move todos to the Trash, one entry each; says so, or prints the new trash entry ids to a pipe
    Rm {
        #[arg(required = true, value_name = "ID", add = complete::a_todo())]
        ids: Vec<TodoId>,
        /// Make them one trash entry, restored or erased together; prints its id
        #[arg(long)]
        batch: bool,
    },
    /// Move every done todo of a list (or of all lists) to the Trash as one entry
    ClearDone {
        #[command(flatten)]
        scope: ListOrInbox,
    },
    /// Show live lists with their todo counts
    Lists {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Manage lists
    #[command(subcommand)]
    List(ListCommand),
    /// Show the Trash, the soonest purge first
    Trash {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Restore trash entries to where they were
    Restore {
        #[arg(required = true, value_name = "ENTRY", add = complete::an_entry())]
        entries: Vec<EntryId>,
    },
    /// Keep trash entries until unpinned: the purge passes them by
    Pin {
        #[arg(required = true, value_name = "ENTRY", add = complete::an_entry())]
        entries: Vec<EntryId>,
    },
    /// Let the purge take pinned entries again (at once if their time has passed)
    Unpin {
        #[arg(required = true, value_name = "ENTRY", add = complete::an_entry())]
        entries: Vec<EntryId>,
    },
    /// Erase trash entries forever
    Erase {
        #[arg(required = true, value_name = "ENTRY", add = complete::an_entry())]
        entries: Vec<EntryId>,
        /// Do not ask for confirmation
        #[arg(long, short)]
        yes: bool,
    },
    /// Erase everything in the Trash forever
    EmptyTrash {
        /// Do not ask for confirmation
        #[arg(long, short)]
        yes: bool,
    },
    /// Erase what is past retention now
    Purge {
        /// Only say what would be erased
        #[arg(long)]
        dry_run: bool,
        /// Purge by the retention configured now even though it is shorter than the one in
        /// force before (softly otherwise keeps what only the shorter one would take)
        #[arg(long)]
        accept_retention: bool,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Write every list, todo and trash entry as one JSON document (a backup)
    Export {
        /// Where to write it [default: standard output]
        file: Option<PathBuf>,
        /// softly (everything, the default) or todotxt (the live todos)
        #[arg(long, value_enum, value_name = "FORMAT", default_value = "softly")]
        format: ExportFormat,
        /// Show no progress bar
        #[arg(long, short)]
        quiet: bool,
    },
    /// Add everything from an export, or from Taskwarrior (ids are renumbered; times, and
    /// so purge clocks, kept)
    Import {
        /// The file to read, or - for standard input
        file: String,
        /// What made the file: softly (`softly export`), taskwarrior (`task export`) or
        /// todotxt (a todo.txt file); recognised from the file's first bytes when not given
        /// (standard input is read as softly's unless it is given)
        #[arg(long, value_enum, value_name = "FORMAT")]
        from: Option<crate::interchange::Format>,
        /// Import it even if this database took the same export before (or made it), adding
        /// every row again
        #[arg(long)]
        duplicate: bool,
        /// Show no progress bar
        #[arg(long, short)]
        quiet: bool,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Show the purge log: every erase, empty and purge
    Log {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Show where softly keeps its files: the database, the config file, the data directory
    Paths {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Sync with the CalDAV server set in [sync] of the config file: one round, then says
    /// what moved each way
    Sync {
        #[command(subcommand)]
        what: Option<SyncCommand>,
        /// Say what a round would move, and change nothing on either side
        #[arg(long)]
        dry_run: bool,
        /// Apply a round softly held because it looked wrong: one that moves more than a
        /// quarter of the todos here to the Trash, or another server, account or calendar
        /// home than the last round's (softly sync status says what is held)
        #[arg(long)]
        accept_deletes: bool,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Print a completion script for a shell: bash, zsh, fish, elvish or powershell
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): mkdir -p ~/.local/share/man/man1 && softly man >
    /// ~/.local/share/man/man1/softly.1; `man softly` finds it when ~/.local/share/man is on
    /// the manual path (MANPATH="$HOME/.local/share/man:" if it is not)
    Man,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// When the last round ran, what it moved or why it failed, and what waits to be sent
    Status {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ListCommand {
    /// Create a list; prints its id
    Add {
        /// Its name: the words that follow
        #[arg(required = true, num_args = 1.., value_name = "NAME")]
        name: Vec<String>,
    },
    /// Rename a list
    Rename {
        #[arg(add = complete::a_list())]
        name: String,
        new_name: String,
    },
    /// Move a list and its todos to the Trash as one entry; prints the entry id
    Rm {
        #[arg(add = complete::a_list())]
        name: String,
    },
}

/// How a run ended, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// The app was stopped by this signal (exit status 128 + n).
    Signalled(i32),
}

/// The command line as clap knows it, with the default paths as this machine resolves
/// them in `--db` and `--config`'s help (and so in the man page and the completions).
pub fn command() -> clap::Command {
    discover::with_resolved_paths(<Cli as clap::CommandFactory>::command())
}

/// Parses the process's arguments with [`command`].
pub fn parse() -> Result<Cli, clap::Error> {
    let matches = command().try_get_matches()?;
    <Cli as clap::FromArgMatches>::from_arg_matches(&matches)
}

/// Runs one parsed command line: a command at the instant the clock gives, or the app.
pub fn run(cli: Cli, clock: Arc<dyn Clock>) -> Result<Outcome, CliError> {
    run::run(cli, clock)
}
