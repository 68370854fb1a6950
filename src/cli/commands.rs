//! What each command does: resolve the settings, open the store, run the startup purge, do
//! the one thing asked, and print the result.

use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;

use super::app;
use super::backup::{ExportReading, export, import};
use super::confirm::confirm;
use super::output::{self, note, print_json, safe, table, warn};
use super::{Cli, CliError, Command, ListCommand, ListScope, MoveTarget, Outcome};
use crate::clock::Clock;
use crate::config::{ConfigLocation, Settings, load_settings};
use crate::files::readable_by_others;
use crate::paths;
use crate::purge::{PurgeReport, accept_retention, preview_expired, purge_expired};
use crate::retention::Retention;
use crate::store::{EntryId, List, Store, StoreError, TodoId, TodoScope, Trigger};
use crate::text::{count, is_inbox_name};
use crate::wording::{self, Surface};

/// One command's surroundings: the open store, the settings and the instant it runs at.
pub(super) struct Session {
    pub(super) store: Store,
    settings: Settings,
    /// `--retention` as given on this command line, to repeat in advice.
    retention_flag: Option<String>,
    /// The retention purges follow (and so what the Trash shows): the configured one, or
    /// the longer one in force before while a shorter one waits to be accepted.
    applied: Retention,
    pub(super) now: Timestamp,
    pub(super) db: PathBuf,
}

impl Session {
    /// Turns a store error into a message that names the database where that helps. Damage
    /// met by a read is recorded, so that no later write touches the file.
    pub(super) fn fail(&self, e: StoreError) -> CliError {
        if let StoreError::Corrupt(detail) = &e {
            self.store.note_damage(detail);
        }
        CliError::from_store(e, &self.db)
    }

    /// Where `--list NAME` points: a list, or `None` for the Inbox (its name is reserved).
    fn list_target(&self, name: &str) -> Result<Option<List>, CliError> {
        if is_inbox_name(name) {
            return Ok(None);
        }
        self.store
            .find_list(name)
            .map(Some)
            .map_err(|e| self.fail(e))
    }

    /// The list named `name`, for a command that changes the list itself (`doing` says
    /// what), which the built-in Inbox refuses.
    fn own_list(&self, name: &str, doing: &str) -> Result<List, CliError> {
        match self.list_target(name)? {
            Some(list) => Ok(list),
            None => Err(CliError::new(format!(
                "the Inbox is built in and cannot be {doing}; it holds the todos that are in no list"
            ))),
        }
    }
}

/// A path from the environment, as a default for the flag that names it (read here rather
/// than by clap, whose usage line would then show the flag as if it were required).
fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

pub fn run(cli: Cli, clock: Arc<dyn Clock>) -> Result<Outcome, CliError> {
    let settings = load_settings(
        config_location(cli.config.or_else(|| env_path("SOFTLY_CONFIG"))).as_ref(),
        cli.retention.as_deref(),
    )?;
    if cli.demo {
        return app::run_demo(settings, clock);
    }
    let db = match cli.db.or_else(|| env_path("SOFTLY_DB")) {
        Some(path) => path,
        None => paths::default_db_path().ok_or_else(|| {
            CliError::new(
                "cannot find your home directory to keep the database in; pass --db PATH (or set SOFTLY_DB)",
            )
        })?,
    };
    // An import reads and checks its file while the database opens: opening a new database
    // is mostly waiting for the disk, and reading the file is all processor.
    let reading = match &cli.command {
        Some(Command::Import { file, .. }) => Some(ExportReading::start(file)),
        _ => None,
    };
    let mut store = Store::open(&db)?;
    warn_if_readable_by_others(&mut store);
    let Some(command) = cli.command else {
        return app::run_app(store, settings, clock, &db, false);
    };
    let now = clock.now();
    let settings_retention = settings.retention;
    let mut session = Session {
        store,
        settings,
        retention_flag: cli.retention,
        applied: settings_retention,
        now,
        db,
    };
    // `purge` runs the purge itself (or, with --dry-run, must change nothing).
    if !matches!(command, Command::Purge { .. }) {
        startup_purge(&mut session)?;
    }
    match (reading, command) {
        (Some(reading), Command::Import { duplicate, .. }) => {
            import(&mut session, reading, duplicate)?
        }
        (_, command) => dispatch(&mut session, command)?,
    }
    Ok(Outcome::Done)
}

/// Says once (per mode the file is given) that other users can read the database: todos
/// are private, as shell history is. The user's choice stands; softly does not change it.
fn warn_if_readable_by_others(store: &mut Store) {
    let Some(mode) = readable_by_others(store.path()) else {
        return;
    };
    if store.mode_warned(mode) {
        return;
    }
    warn(&format!(
        "{} can be read by other users (mode {mode:04o}); `chmod 600` it to keep your todos private",
        store.path().display()
    ));
    store.remember_mode_warned(mode);
}

/// `--config` / `SOFTLY_CONFIG` must exist; the default location may have no file yet.
fn config_location(flag: Option<PathBuf>) -> Option<ConfigLocation> {
    match flag {
        Some(path) => Some(ConfigLocation {
            path,
            required: true,
        }),
        None => paths::default_config_path().map(|path| ConfigLocation {
            path,
            required: false,
        }),
    }
}

/// The retention purge every command runs when it opens the database. Reports on stderr,
/// so that stdout stays clean for scripts.
fn startup_purge(s: &mut Session) -> Result<(), CliError> {
    let retention = s.settings.purge_policy();
    if s.store.is_read_only() {
        if let Ok(due) = preview_expired(&s.store, retention, s.now, false) {
            s.applied = due.applied;
            if !due.counts.is_empty() {
                warn(&format!(
                    "{} is read-only; skipped the retention purge ({} due)",
                    s.db.display(),
                    count(due.counts.entries, "trash entry")
                ));
            }
        }
        return Ok(());
    }
    let report = match purge_expired(&mut s.store, retention, s.now, Trigger::Startup) {
        Ok(report) => report,
        // A damaged file: write nothing more, but let the command read what it still can
        // (`export` above all).
        Err(StoreError::Corrupt(detail)) => {
            warn(&format!(
                "{} is damaged ({detail}); skipped the retention purge",
                s.db.display()
            ));
            return Ok(());
        }
        Err(e) => return Err(s.fail(e)),
    };
    s.applied = report.applied;
    if !report.counts.is_empty() {
        note(&format!(
            "Purged {} deleted more than {} ago.",
            wording::counts_phrase(report.counts, "trash entry"),
            report.applied
        ));
    }
    warn_if_held_back(s, &report);
    Ok(())
}

/// Says what a newly shortened retention would purge and how to let it.
fn warn_if_held_back(s: &Session, report: &PurgeReport) {
    let Some(held) = report.held_back else {
        return;
    };
    let flag = s
        .retention_flag
        .as_deref()
        .map(|value| format!(" --retention {value}"))
        .unwrap_or_default();
    warn(&format!(
        "{}; they are kept until you run `softly{flag} purge --accept-retention` (or set the retention back)",
        held.describe()
    ));
}

fn dispatch(s: &mut Session, command: Command) -> Result<(), CliError> {
    match command {
        Command::Add { title, list } => {
            let list = match list {
                Some(name) => s.list_target(&name)?.map(|l| l.id),
                None => None,
            };
            let id = s
                .store
                .add_todo(&title.join(" "), list, s.now)
                .map_err(|e| s.fail(e))?;
            println!("{id}");
        }
        Command::Ls { scope, limit, json } => ls(s, scope, limit, json)?,
        Command::Done { ids } => set_done(s, &ids, true)?,
        Command::Undone { ids } => set_done(s, &ids, false)?,
        Command::Edit { id, title } => {
            s.store
                .edit_title(id, &title.join(" "))
                .map_err(|e| s.fail(e))?;
            let todo = s.store.live_todo(id).map_err(|e| s.fail(e))?;
            println!("Todo {id} is now '{}'.", safe(&todo.title));
            warn_if_unscrubbed(!s.store.scrub_pending().unwrap_or(false));
        }
        Command::Mv { ids, target } => move_todos(s, &ids, target)?,
        Command::Rm { ids } => {
            let entries = s.store.trash_todos(&ids, s.now).map_err(|e| s.fail(e))?;
            for entry in entries {
                println!("{entry}");
            }
        }
        Command::Lists { json } => lists(s, json)?,
        Command::List(ListCommand::Add { name }) => {
            let id = s
                .store
                .add_list(&name.join(" "), s.now)
                .map_err(|e| s.fail(e))?;
            println!("{id}");
        }
        Command::List(ListCommand::Rename { name, new_name }) => {
            let list = s.own_list(&name, "renamed")?;
            s.store
                .rename_list(list.id, &new_name)
                .map_err(|e| s.fail(e))?;
            let renamed = s.store.find_list(&new_name).map_err(|e| s.fail(e))?;
            println!(
                "Renamed list '{}' to '{}'.",
                safe(&list.name),
                safe(&renamed.name)
            );
            warn_if_unscrubbed(!s.store.scrub_pending().unwrap_or(false));
        }
        Command::List(ListCommand::Rm { name }) => {
            let list = s.own_list(&name, "deleted")?;
            let entry = s.store.trash_list(list.id, s.now).map_err(|e| s.fail(e))?;
            println!("{entry}");
        }
        Command::Trash { json } => trash(s, json)?,
        Command::Restore { entries } => restore(s, &entries)?,
        Command::Erase { entries, yes } => erase(s, &entries, yes)?,
        Command::EmptyTrash { yes } => empty_trash(s, yes)?,
        Command::Purge {
            dry_run,
            accept_retention,
            json,
        } => purge(s, dry_run, accept_retention, json)?,
        Command::Log { json } => log(s, json)?,
        Command::Export { file } => export(s, file)?,
        Command::Import { file, duplicate } => import(s, ExportReading::start(&file), duplicate)?,
    }
    Ok(())
}

fn ls(s: &Session, scope: ListScope, limit: Option<u32>, json: bool) -> Result<(), CliError> {
    let scope = if scope.inbox {
        TodoScope::Inbox
    } else if let Some(name) = scope.list {
        match s.list_target(&name)? {
            Some(list) => TodoScope::List(list.id),
            None => TodoScope::Inbox,
        }
    } else {
        TodoScope::All
    };
    let todos = match limit {
        Some(limit) => s.store.first_live_todos(scope, limit as usize),
        None => s.store.live_todos(scope),
    }
    .map_err(|e| s.fail(e))?;
    if json {
        print_json(&todos.iter().map(output::TodoJson::from).collect::<Vec<_>>());
    } else if todos.is_empty() {
        println!("No todos here. Add one with `softly add TITLE`.");
    } else {
        output::write_todo_table(&mut std::io::stdout().lock(), &todos, s.now)
            .map_err(|e| CliError::new(format!("cannot write the list: {e}")))?;
    }
    Ok(())
}

fn set_done(s: &mut Session, ids: &[TodoId], done: bool) -> Result<(), CliError> {
    s.store.set_done(ids, done).map_err(|e| s.fail(e))?;
    let state = if done { "done" } else { "not done" };
    match ids {
        [id] => println!("Marked todo {id} {state}."),
        _ => println!("Marked {} {state}.", count(distinct_count(ids), "todo")),
    }
    Ok(())
}

fn distinct_count(ids: &[TodoId]) -> i64 {
    ids.iter().collect::<std::collections::HashSet<_>>().len() as i64
}

fn move_todos(s: &mut Session, ids: &[TodoId], target: MoveTarget) -> Result<(), CliError> {
    let target = match target.list {
        Some(name) => s.list_target(&name)?,
        None => None,
    };
    let (list, place) = match target {
        Some(list) => (Some(list.id), format!("'{}'", safe(&list.name))),
        None => (None, "the Inbox".to_string()),
    };
    s.store.move_todos(ids, list).map_err(|e| s.fail(e))?;
    println!("Moved {} to {place}.", count(distinct_count(ids), "todo"));
    Ok(())
}

fn lists(s: &Session, json: bool) -> Result<(), CliError> {
    let lists = s.store.live_lists().map_err(|e| s.fail(e))?;
    let (inbox, _) = s.store.inbox_counts().map_err(|e| s.fail(e))?;
    if json {
        let all: Vec<output::ListJson> = std::iter::once(output::ListJson::inbox(inbox))
            .chain(lists.iter().map(output::ListJson::from))
            .collect();
        print_json(&all);
        return Ok(());
    }
    let mut rows = vec![vec![
        "-".to_string(),
        inbox.to_string(),
        "Inbox".to_string(),
    ]];
    rows.extend(
        lists
            .iter()
            .map(|l| vec![l.id.to_string(), l.todos.to_string(), safe(&l.name)]),
    );
    print!("{}", table(&["ID", "TODOS", "NAME"], &rows));
    if lists.is_empty() {
        println!("\nNo lists yet. Create one with `softly list add NAME`.");
    }
    Ok(())
}

fn trash(s: &Session, json: bool) -> Result<(), CliError> {
    let entries = s.store.trash_entries().map_err(|e| s.fail(e))?;
    let retention = s.applied;
    if json {
        print_json(
            &entries
                .iter()
                .map(|e| output::TrashJson::new(e, retention))
                .collect::<Vec<_>>(),
        );
    } else if entries.is_empty() {
        println!(
            "The Trash is empty. {}",
            wording::policy_sentence(retention)
        );
    } else {
        print!(
            "{}",
            table(
                &["ENTRY", "KIND", "TODOS", "DELETED", "PURGES", "TITLE"],
                &output::trash_rows(&entries, retention, s.now)
            )
        );
    }
    Ok(())
}

/// The retention policy in a sentence, for empty states.
fn restore(s: &mut Session, entries: &[EntryId]) -> Result<(), CliError> {
    let restored = s.store.restore_entries(entries).map_err(|e| s.fail(e))?;
    for r in &restored {
        println!("{}", wording::restored(r, Surface::Cli));
    }
    Ok(())
}

fn erase(s: &mut Session, entries: &[EntryId], yes: bool) -> Result<(), CliError> {
    // Check every id before asking, so the question is never about something that isn't there.
    let mut found = Vec::new();
    for &id in entries {
        if !found.iter().any(|e: &crate::store::TrashEntry| e.id == id) {
            found.push(s.store.trash_entry(id).map_err(|e| s.fail(e))?);
        }
    }
    if s.store.is_read_only() {
        return Err(s.fail(StoreError::ReadOnly));
    }
    let question = wording::erase_question(&found, Surface::Cli);
    if !yes && !confirm(&question)? {
        println!("{}", wording::CANCELLED_ERASE);
        return Ok(());
    }
    let out = s
        .store
        .erase_entries(entries, s.now, Trigger::Manual)
        .map_err(|e| s.fail(e))?;
    println!("{}", wording::erased("", out.counts, Surface::Cli));
    warn_if_unscrubbed(out.scrubbed);
    Ok(())
}

fn empty_trash(s: &mut Session, yes: bool) -> Result<(), CliError> {
    let entries = s.store.trash_entries().map_err(|e| s.fail(e))?;
    if entries.is_empty() {
        println!("The Trash is already empty.");
        return Ok(());
    }
    if s.store.is_read_only() {
        return Err(s.fail(StoreError::ReadOnly));
    }
    let todos: i64 = entries.iter().map(|e| e.todos).sum();
    let question = wording::empty_question_cli(entries.len() as i64, todos);
    if !yes && !confirm(&question)? {
        println!("{}", wording::CANCELLED_ERASE);
        return Ok(());
    }
    let out = s
        .store
        .empty_trash(s.now, Trigger::Manual)
        .map_err(|e| s.fail(e))?;
    println!("{}", wording::emptied(out.counts, Surface::Cli));
    warn_if_unscrubbed(out.scrubbed);
    Ok(())
}

fn warn_if_unscrubbed(scrubbed: bool) {
    if !scrubbed {
        note(&wording::unscrubbed(String::new(), Surface::Cli));
    }
}

fn purge(s: &mut Session, dry_run: bool, accept: bool, json: bool) -> Result<(), CliError> {
    let retention = s.settings.purge_policy();
    let report = match (dry_run, accept) {
        (true, _) => preview_expired(&s.store, retention, s.now, accept),
        (false, false) => purge_expired(&mut s.store, retention, s.now, Trigger::Manual),
        (false, true) => accept_retention(&mut s.store, retention, s.now, Trigger::Manual),
    }
    .map_err(|e| s.fail(e))?;
    if json {
        print_json(&output::PurgeJson::new(&report, dry_run));
        return Ok(());
    }
    warn_if_held_back(s, &report);
    let Some(cutoff) = report.cutoff else {
        println!("Auto-purge is off (retention is never); nothing is past retention.");
        return Ok(());
    };
    let cutoff = crate::when::local(cutoff);
    if report.counts.is_empty() {
        println!("Nothing to purge: nothing in the Trash was deleted on or before {cutoff}.");
    } else if dry_run {
        println!(
            "Would purge {} deleted on or before {cutoff} ({} ago).",
            wording::counts_phrase(report.counts, "trash entry"),
            report.applied
        );
    } else {
        let said = wording::purged(report.counts, report.applied, &cutoff, Surface::Cli);
        println!("{said}");
        warn_if_unscrubbed(report.scrubbed);
    }
    Ok(())
}

fn log(s: &Session, json: bool) -> Result<(), CliError> {
    let records = s.store.purge_log().map_err(|e| s.fail(e))?;
    if json {
        print_json(
            &records
                .iter()
                .map(output::LogJson::from)
                .collect::<Vec<_>>(),
        );
    } else if records.is_empty() {
        println!("Nothing has been erased or purged yet.");
    } else {
        print!(
            "{}",
            table(
                &[
                    "AT", "REASON", "TRIGGER", "ENTRIES", "TODOS", "LISTS", "CUTOFF"
                ],
                &output::log_rows(&records)
            )
        );
    }
    Ok(())
}
