//! Running one command line: resolve the settings and the database, open it, run the
//! startup purge, then the one command asked for (or the full-screen app).

use std::path::PathBuf;
use std::sync::Arc;

use super::discover::env_path;
use super::export_import::{ExportReading, export, import};
use super::invocation::{Invocation, startup_purge, warn_if_readable_by_others};
use super::launch;
use super::todo_commands::{
    DetailFlags, LsFilters, add, clear_done, edit, lists, ls, move_todos, set_done,
};
use super::trash_commands::{
    empty_trash, erase, log, pin, purge, restore, trash, warn_if_unscrubbed,
};
use super::{Cli, CliError, Command, ListCommand, Outcome};
use crate::clock::Clock;
use crate::config::{ConfigLocation, load_settings};
use crate::paths;
use crate::store::Store;
use crate::wording::{command_line, trashed};

/// A path from the environment, as a default for the flag that names it (read here rather
/// than by clap, whose usage line would then show the flag as if it were required).
pub fn run(cli: Cli, clock: Arc<dyn Clock>) -> Result<Outcome, CliError> {
    // Commands about softly itself: no database, and no config file read (`paths` must
    // work when the config is broken, to say where it is).
    match &cli.command {
        Some(Command::Paths { json }) => return super::discover::paths(&cli, *json),
        Some(Command::Completions { shell }) => return super::discover::completions(*shell),
        Some(Command::Man) => return super::discover::man(),
        _ => {}
    }
    let settings = load_settings(
        config_location(cli.config.or_else(|| env_path("SOFTLY_CONFIG"))).as_ref(),
        cli.retention.as_deref(),
    )?;
    if cli.demo {
        return launch::run_demo(settings, clock);
    }
    warn_of_unused_sections(&cli.command, &settings);
    let db = match cli.db.or_else(|| env_path("SOFTLY_DB")) {
        Some(path) => path,
        None => paths::default_db_path().ok_or_else(|| CliError::new(command_line::NO_HOME))?,
    };
    // An import reads and checks its file while the database opens: opening a new database
    // is mostly waiting for the disk, and reading the file is all processor.
    let now = clock.now();
    let reading = match &cli.command {
        Some(Command::Import { file, from, .. }) => {
            Some(ExportReading::start(file, format_of(file, *from), now))
        }
        _ => None,
    };
    let mut store = Store::open(&db)?;
    warn_if_readable_by_others(&mut store);
    if settings.sync.is_some() {
        // Sync sends what changed here: every write says when it changed.
        store.stamp_changes_with(Arc::clone(&clock));
    }
    let Some(command) = cli.command else {
        return launch::run_app(store, settings, clock, &db, false);
    };
    let settings_retention = settings.retention;
    let mut session = Invocation {
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
        (
            Some(reading),
            Command::Import {
                duplicate,
                quiet,
                json,
                ..
            },
        ) => import(&mut session, reading, duplicate, quiet || json, json)?,
        (_, command) => dispatch(&mut session, command)?,
    }
    Ok(Outcome::Done)
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

fn dispatch(s: &mut Invocation, command: Command) -> Result<(), CliError> {
    match command {
        Command::Sync {
            what,
            dry_run,
            accept_deletes,
            json,
        } => {
            let asked = crate::sync::Asked {
                dry_run,
                accept_held: accept_deletes,
            };
            super::sync_commands::sync(s, what, asked, json)?
        }
        Command::Paths { .. } | Command::Completions { .. } | Command::Man => {
            unreachable!("run() answers these before the database is opened")
        }
        Command::Add {
            title,
            list,
            due,
            priority,
            note,
            every,
        } => {
            let flags = DetailFlags {
                due,
                priority,
                note,
                every,
            };
            add(s, &title.join(" "), list, flags)?
        }
        Command::Ls {
            scope,
            limit,
            sort,
            tag,
            search,
            done,
            json,
        } => ls(s, scope, LsFilters { tag, search, done }, limit, sort, json)?,
        Command::Done { ids } => set_done(s, &ids, true)?,
        Command::Undone { ids } => set_done(s, &ids, false)?,
        Command::Edit {
            id,
            title,
            title_flag,
            due,
            priority,
            note,
            every,
        } => {
            let title = title_flag.or((!title.is_empty()).then(|| title.join(" ")));
            let flags = DetailFlags {
                due,
                priority,
                note,
                every,
            };
            edit(s, id, title, flags)?;
            warn_if_unscrubbed(!s.store.scrub_pending().unwrap_or(false));
        }
        Command::Mv { ids, target } => move_todos(s, &ids, target)?,
        Command::Rm { ids, batch: false } => {
            let entries = s.store.trash_todos(&ids, s.now).map_err(|e| s.fail(e))?;
            for (todo, entry) in ids.iter().zip(entries) {
                said_or_id(entry.0, || trashed::todo_trashed(todo.0, entry.0));
            }
        }
        Command::Rm { ids, batch: true } => {
            let entry = s
                .store
                .trash_todos_together(&ids, s.now)
                .map_err(|e| s.fail(e))?;
            said_or_id(entry.0, || {
                trashed::todos_trashed_together(ids.len(), entry.0)
            });
        }
        Command::ClearDone { scope } => clear_done(s, scope)?,
        Command::Pin { entries } => pin(s, &entries, true)?,
        Command::Unpin { entries } => pin(s, &entries, false)?,
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
            println!("{}", command_line::list_renamed(&list.name, &renamed.name));
            warn_if_unscrubbed(!s.store.scrub_pending().unwrap_or(false));
        }
        Command::List(ListCommand::Rm { name }) => {
            let list = s.own_list(&name, "deleted")?;
            let entry = s.store.trash_list(list.id, s.now).map_err(|e| s.fail(e))?;
            said_or_id(entry.0, || trashed::list_trashed(&list.name, entry.0));
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
        Command::Export {
            file,
            format,
            quiet,
        } => export(s, file, format, quiet)?,
        Command::Import {
            file,
            from,
            duplicate,
            quiet,
            json,
        } => {
            let reading = ExportReading::start(&file, format_of(&file, from), s.now);
            import(s, reading, duplicate, quiet || json, json)?
        }
    }
    Ok(())
}

/// A `[sync]`, `[keys]` or `[theme]` that cannot be used stops only what uses it (`softly
/// sync`, the app): any other command says so in one warning line each, and carries on.
fn warn_of_unused_sections(command: &Option<Command>, settings: &crate::config::Settings) {
    let Some(command) = command else { return };
    if let (Some(broken), false) = (
        &settings.sync_broken,
        matches!(command, Command::Sync { .. }),
    ) {
        eprintln!(
            "{}",
            crate::wording::config_file::section_ignored("[sync]", broken)
        );
    }
    if let Err(broken) = launch::checked_looks(&settings.looks) {
        eprintln!(
            "{}",
            crate::wording::config_file::section_ignored("[keys] or [theme]", &broken)
        );
    }
}

/// On a terminal, a sentence; piped, the bare `id`, for scripts (`softly restore $(softly rm 3)`).
fn said_or_id(id: i64, sentence: impl FnOnce() -> String) {
    use std::io::IsTerminal;
    match std::io::stdout().is_terminal() {
        true => println!("{}", sentence()),
        false => println!("{id}"),
    }
}

/// The format an import reads: the one `--from` names, else the one the file's first bytes
/// show (standard input: softly's own).
fn format_of(file: &str, from: Option<crate::interchange::Format>) -> crate::interchange::Format {
    match (from, file) {
        (Some(format), _) => format,
        (None, "-") => crate::interchange::Format::Softly,
        (None, path) => crate::interchange::recognise_file(path),
    }
}
