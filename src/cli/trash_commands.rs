//! The Trash's commands: `trash`, `restore`, `erase`, `empty-trash`, `pin`, `unpin`, `purge`
//! and `log`.

use super::CliError;
use super::confirm::confirm;
use super::invocation::{Invocation, warn_if_held_back};
use super::json;
use super::output::{self, note, print_json, table};
use crate::purge::{accept_retention, preview_expired, purge_expired};
use crate::store::{EntryId, StoreError, Trigger};
use crate::wording::{self, Surface, command_line};

pub(super) fn trash(s: &Invocation, json: bool) -> Result<(), CliError> {
    let entries = s.store.trash_entries().map_err(|e| s.fail(e))?;
    let retention = s.applied;
    if json {
        print_json(
            &entries
                .iter()
                .map(|e| json::TrashJson::new(e, retention))
                .collect::<Vec<_>>(),
        );
    } else if entries.is_empty() {
        println!(
            "The Trash is empty. {}",
            wording::policy_sentence(retention)
        );
    } else {
        let (headers, rows) = output::trash_table(&entries, retention, s.now);
        print!("{}", table(&headers, &rows));
    }
    Ok(())
}

/// The retention policy in a sentence, for empty states.
pub(super) fn restore(s: &mut Invocation, entries: &[EntryId]) -> Result<(), CliError> {
    // Which of them a newer edit replaced: those come back as copies, and say so.
    let mut copies = Vec::new();
    for &id in entries {
        if let Ok(e) = s.store.trash_entry(id)
            && e.cause.as_deref() == Some("replaced")
        {
            copies.push(id);
        }
    }
    let restored = s.store.restore_entries(entries).map_err(|e| s.fail(e))?;
    for r in &restored {
        let said = match copies.contains(&r.entry) {
            true => wording::restored_copy(r, Surface::Cli),
            false => wording::restored(r, Surface::Cli),
        };
        println!("{said}");
    }
    Ok(())
}

pub(super) fn erase(s: &mut Invocation, entries: &[EntryId], yes: bool) -> Result<(), CliError> {
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

pub(super) fn empty_trash(s: &mut Invocation, yes: bool) -> Result<(), CliError> {
    let entries = s.store.trash_entries().map_err(|e| s.fail(e))?;
    if entries.is_empty() {
        println!("{}", wording::trash_already_empty(Surface::Cli));
        return Ok(());
    }
    if s.store.is_read_only() {
        return Err(s.fail(StoreError::ReadOnly));
    }
    // A pin says "keep this": emptying passes pinned entries by, and says so.
    let pinned = entries.iter().filter(|e| e.pinned).count() as i64;
    let erasable: Vec<_> = entries.iter().filter(|e| !e.pinned).collect();
    if erasable.is_empty() {
        println!("{}", wording::only_pinned_in_trash(pinned, Surface::Cli));
        return Ok(());
    }
    let todos: i64 = erasable.iter().map(|e| e.todos).sum();
    let question = wording::empty_question_cli(erasable.len() as i64, todos, pinned);
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

/// `softly pin` / `unpin`. Unpinning an entry whose time has passed lets the purge take it,
/// so the purge runs at once and says what it erased.
pub(super) fn pin(s: &mut Invocation, entries: &[EntryId], pinned: bool) -> Result<(), CliError> {
    let changed = s
        .store
        .pin_entries(entries, pinned)
        .map_err(|e| s.fail(e))?;
    println!("{}", command_line::pinned(changed as i64, pinned));
    if !pinned && changed > 0 {
        let retention = s.settings.purge_policy();
        let report = purge_expired(&mut s.store, retention, s.now, Trigger::Manual)
            .map_err(|e| s.fail(e))?;
        if !report.counts.is_empty() {
            println!(
                "{}",
                wording::purged(report.counts, report.applied, Surface::Cli)
            );
            warn_if_unscrubbed(report.scrubbed);
        }
    }
    Ok(())
}

pub(super) fn warn_if_unscrubbed(scrubbed: bool) {
    if !scrubbed {
        note(&wording::unscrubbed(String::new(), Surface::Cli));
    }
}

pub(super) fn purge(
    s: &mut Invocation,
    dry_run: bool,
    accept: bool,
    json: bool,
) -> Result<(), CliError> {
    let retention = s.settings.purge_policy();
    let report = match (dry_run, accept) {
        (true, _) => preview_expired(&s.store, retention, s.now, accept),
        (false, false) => purge_expired(&mut s.store, retention, s.now, Trigger::Manual),
        (false, true) => accept_retention(&mut s.store, retention, s.now, Trigger::Manual),
    }
    .map_err(|e| s.fail(e))?;
    if json {
        print_json(&json::PurgeJson::new(&report, dry_run));
        return Ok(());
    }
    warn_if_held_back(s, &report);
    let Some(cutoff) = report.cutoff else {
        println!("{}", command_line::AUTO_PURGE_OFF);
        return Ok(());
    };
    let cutoff = crate::when::local(cutoff);
    if report.counts.is_empty() {
        println!("{}", command_line::nothing_to_purge(&cutoff));
    } else {
        let said = wording::purged_to(report.counts, report.applied, &cutoff, dry_run);
        println!("{said}");
        if !dry_run {
            warn_if_unscrubbed(report.scrubbed);
        }
    }
    Ok(())
}

pub(super) fn log(s: &Invocation, json: bool) -> Result<(), CliError> {
    let records = s.store.purge_log().map_err(|e| s.fail(e))?;
    if json {
        print_json(&records.iter().map(json::LogJson::from).collect::<Vec<_>>());
    } else if records.is_empty() {
        println!("{}", command_line::NOTHING_LOGGED);
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
