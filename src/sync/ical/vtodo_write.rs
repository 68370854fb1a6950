//! A todo here written over the text last seen on the server. softly rewrites a property
//! only when its own field for it changed (the text last seen, read as softly reads it,
//! against the todo here); every other line goes back byte for byte: other apps' properties,
//! parameters, alarms, other occurrences, time zones. A new todo gets a resource of its own.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::escape::{content_line, escape_text};
use super::lines::{Edits, Resource};
use super::times::{TimeValue, civil_text, date_text, due_day, time_value, utc_text};
use super::vtimezone::vtimezone;
use super::vtodo_read::{categories, read_resource, rrule_from_every};
use crate::fields::{Due, tag_key, tags_of};
use crate::store::{SCRUBBED_DESCRIPTION, SCRUBBED_SUMMARY, TodoContent};
use crate::when::from_millis;

/// What to write.
pub struct Writing<'a> {
    /// The text last seen on the server; `None` for a todo the server never had.
    pub base: Option<&'a str>,
    /// The todo here (its `uid` set).
    pub todo: &'a TodoContent,
    /// When it last changed here: LAST-MODIFIED.
    pub modified_at: Timestamp,
    /// DTSTAMP.
    pub now: Timestamp,
    /// Where days and floating times are.
    pub zone: &'a TimeZone,
    /// The zone's database name, which a due time is written in (with its VTIMEZONE), so
    /// other apps keep it at the same wall-clock time across daylight-saving changes; in UTC
    /// without one.
    pub zone_name: Option<&'a str>,
}

/// The resource text for the todo, or `None` when the text last seen already says all that
/// softly's fields say (nothing to send).
pub fn write_todo(w: &Writing<'_>) -> Option<String> {
    let uid = w.todo.uid.clone().unwrap_or_default();
    let usable = w
        .base
        .filter(|b| Resource::parse(b).is_ok_and(|r| r.master_todo().is_some()));
    let fresh_text;
    let text = match usable {
        Some(base) => base,
        None => {
            fresh_text = format!(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//softly//softly//EN\r\n\
                 BEGIN:VTODO\r\nUID:{}\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
                escape_text(&uid)
            );
            &fresh_text
        }
    };
    let r = Resource::parse(text).ok()?;
    let seen = read_resource(&r, w.zone).ok()?;
    let mut out = Out {
        r: &r,
        todo: r.master_todo()?,
        edits: Edits::default(),
        fresh: usable.is_none(),
        changed: false,
        zone_added: false,
    };
    let (here, seen_c) = (w.todo, &seen.content);
    // A copy kept without its title or note (store/sync_scrub.rs) has them written again.
    let scrubbed = |name| r.find(out.todo, name).is_some();
    let (no_summary, no_description) = (scrubbed(SCRUBBED_SUMMARY), scrubbed(SCRUBBED_DESCRIPTION));
    if out.fresh || no_summary || here.title != seen_c.title {
        out.set_text("SUMMARY", &escape_text(&here.title));
    }
    out.state(here, seen_c, w.now);
    out.due(w, seen_c);
    if out.fresh && here.priority.is_some() || here.priority != seen_c.priority {
        match here.priority.and_then(priority_number) {
            Some(p) => out.set("PRIORITY", &[], p),
            None => out.remove_all("PRIORITY"),
        }
    }
    out.categories(here);
    if out.fresh && here.note.is_some() || no_description || here.note != seen_c.note {
        match &here.note {
            Some(note) => out.set_text("DESCRIPTION", &escape_text(note)),
            None => out.remove_all("DESCRIPTION"),
        }
    }
    if out.fresh && here.every.is_some() || here.every != seen_c.every {
        match here.every.as_deref().map(rrule_from_every) {
            Some(Some(rule)) => out.set("RRULE", &[], &rule),
            None => out.remove_all("RRULE"),
            Some(None) => {} // another app's rule: it is theirs to write
        }
    }
    // The place in the list: a move here (J/K, another list) is sent, and a new todo
    // lands at the same place on every device.
    // One the server has that softly cannot read (not a whole number) stays theirs.
    let unread_order = seen_c.order.is_none() && r.find(out.todo, "X-APPLE-SORT-ORDER").is_some();
    if let Some(order) = here.order
        && (out.fresh || here.order != seen_c.order)
        && !unread_order
    {
        out.set("X-APPLE-SORT-ORDER", &[], &order.to_string());
    }
    if !out.changed {
        return None;
    }
    out.set("DTSTAMP", &[], &utc_text(w.now));
    if out.r.find(out.todo, "CREATED").is_none() {
        out.set("CREATED", &[], &utc_text(from_millis(here.created_at)));
    }
    out.set("LAST-MODIFIED", &[], &utc_text(w.modified_at));
    if !out.fresh {
        out.set("SEQUENCE", &[], &(seen.sequence + 1).to_string());
    }
    Some(out.edits.apply(&r))
}

/// softly's priority level as the number it writes: high 1, medium 5, low 9.
fn priority_number(level: i64) -> Option<&'static str> {
    match level {
        3 => Some("1"),
        2 => Some("5"),
        1 => Some("9"),
        _ => None,
    }
}

struct Out<'r, 'a> {
    r: &'r Resource<'a>,
    todo: usize,
    edits: Edits,
    fresh: bool,
    changed: bool,
    /// The VTIMEZONE of the zone softly writes in was added (once is enough).
    zone_added: bool,
}

impl Out<'_, '_> {
    fn line(&self, name: &str, params: &[(&str, &str)], value: &str) -> String {
        content_line(name, params, value, self.r.ending)
    }

    /// Sets `name` to `value`: its first line replaced (the others removed), else added.
    fn set(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        let line = self.line(name, params, value);
        self.put(name, line);
    }

    fn put(&mut self, name: &str, line: String) {
        self.changed = true;
        let found = self.r.find_all(self.todo, name);
        match found.split_first() {
            Some((&first, rest)) => {
                self.edits.replace(first, line);
                for &i in rest {
                    self.edits.remove(i);
                }
            }
            // Where the kept copy's digest stands, if it lost this line.
            None => match self.stand_in(name) {
                Some(i) => self.edits.replace(i, line),
                None => self.edits.insert(self.r.insertion_point(self.todo), line),
            },
        }
    }

    /// The line that stands for `name` in a copy kept without its text.
    fn stand_in(&self, name: &str) -> Option<usize> {
        let stand_in = match name {
            "SUMMARY" => SCRUBBED_SUMMARY,
            "DESCRIPTION" => SCRUBBED_DESCRIPTION,
            _ => return None,
        };
        self.r.find(self.todo, stand_in)
    }

    /// A TEXT property's new value, with the parameters it had (its language, say) but an
    /// alternate representation, which was of the old text.
    fn set_text(&mut self, name: &str, value: &str) {
        let kept: Vec<(String, String)> = self
            .r
            .find(self.todo, name)
            .map(|i| self.r.lines[i].params.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|(k, _)| k != "ALTREP")
            .collect();
        let params: Vec<(&str, &str)> =
            kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.set(name, &params, value);
    }

    fn remove_all(&mut self, name: &str) {
        let stand_in = self.stand_in(name);
        for i in self.r.find_all(self.todo, name).into_iter().chain(stand_in) {
            self.changed = true;
            self.edits.remove(i);
        }
    }

    /// Done writes COMPLETED, STATUS:COMPLETED and PERCENT-COMPLETE:100; open removes all
    /// three; cancelled is STATUS:CANCELLED. Unchanged, none of them is touched (so another
    /// app's IN-PROCESS and 40% stay).
    fn state(&mut self, here: &TodoContent, seen: &TodoContent, now: Timestamp) {
        let state = |c: &TodoContent| (c.done, c.cancelled);
        if !self.fresh && state(here) == state(seen) {
            return;
        }
        match (here.done, here.cancelled) {
            (_, true) => {
                self.set("STATUS", &[], "CANCELLED");
                self.remove_all("COMPLETED");
            }
            (true, false) => {
                self.set("STATUS", &[], "COMPLETED");
                let at = here.done_at.map_or(now, from_millis);
                self.set("COMPLETED", &[], &utc_text(at));
                self.set("PERCENT-COMPLETE", &[], "100");
            }
            (false, false) if self.fresh => self.set("STATUS", &[], "NEEDS-ACTION"),
            (false, false) => {
                self.remove_all("STATUS");
                self.remove_all("COMPLETED");
                self.remove_all("PERCENT-COMPLETE");
            }
        }
    }

    /// A changed due date: a day as a DATE, a time in the zone softly writes in; DTSTART
    /// made to agree with it (the same value type, never after it), as RFC 5545 asks.
    fn due(&mut self, w: &Writing<'_>, seen: &TodoContent) {
        let here = w.todo;
        let key = |c: &TodoContent| c.due_at.map(|at| (at, c.due_has_time));
        if key(here) == key(seen) && !(self.fresh && here.due_at.is_some()) {
            return;
        }
        let Some(at) = here.due_at else {
            self.remove_all("DUE");
            return;
        };
        let due = Due {
            at: from_millis(at),
            has_time: here.due_has_time,
        };
        let written = self.time_line("DUE", due, w);
        self.put("DUE", written);
        // DUE and DURATION may not both be there (RFC 5545 §3.6.2): the due date is now it.
        self.remove_all("DURATION");
        self.agree_start(due, w);
    }

    /// `name` at `due`'s time: a DATE for a day; else in the named zone, or in UTC.
    fn time_line(&mut self, name: &str, due: Due, w: &Writing<'_>) -> String {
        if !due.has_time {
            return self.line(name, &[("VALUE", "DATE")], &date_text(due_day(due, w.zone)));
        }
        match w.zone_name.filter(|n| *n != "UTC") {
            Some(tzid) => {
                self.add_vtimezone(tzid, w, due.at);
                let civil = w.zone.to_offset(due.at).to_datetime(due.at);
                self.line(name, &[("TZID", tzid)], &civil_text(civil))
            }
            None => self.line(name, &[], &utc_text(due.at)),
        }
    }

    fn add_vtimezone(&mut self, tzid: &str, w: &Writing<'_>, around: Timestamp) {
        let r = self.r;
        let has = r.top_components("VTIMEZONE").into_iter().any(|c| {
            r.find(c, "TZID")
                .is_some_and(|i| r.lines[i].value.trim() == tzid)
        });
        if has || self.zone_added {
            return;
        }
        let first = r.components.iter().position(|c| c.parent == Some(0));
        let at = first.map_or(r.components[0].end, |c| r.components[c].begin);
        self.edits
            .insert(at, vtimezone(tzid, w.zone, around, r.ending));
        self.zone_added = true;
    }

    /// A DTSTART of the same value type as the due date, and not after it: a day's start
    /// becomes midnight in the due time's zone, a time's start its day; a start after the
    /// due date moves to it. A start in a zone softly cannot tell is left alone.
    fn agree_start(&mut self, due: Due, w: &Writing<'_>) {
        let Some(i) = self.r.find(self.todo, "DTSTART") else {
            return;
        };
        let Some(start) = time_value(&self.r.lines[i]) else {
            return;
        };
        let r = self.r;
        let agreed = match (&start, due.has_time) {
            (TimeValue::Date(day), false) => {
                let due_day = due_day(due, w.zone);
                (*day > due_day).then_some(due)
            }
            (TimeValue::Date(day), true) => {
                let midnight = day.to_datetime(jiff::civil::Time::midnight());
                let at = midnight
                    .to_zoned_datetime(w.zone.clone())
                    .ok()
                    .map(|z| z.timestamp());
                at.map(|at| Due {
                    at: at.min(due.at),
                    has_time: true,
                })
            }
            (timed, false) => {
                let Some(zone) = timed.zone(r, w.zone) else {
                    return;
                };
                let Some(at) = timed.instant(r, w.zone) else {
                    return;
                };
                let day = zone.civil(at).date().min(due_day(due, w.zone));
                crate::fields::end_of_day(day, w.zone)
            }
            (timed, true) => match timed.instant(r, w.zone) {
                Some(at) if at > due.at => Some(due),
                _ => None,
            },
        };
        if let Some(start) = agreed {
            let line = self.time_line("DTSTART", start, w);
            self.put("DTSTART", line);
        }
    }

    /// CATEGORIES say the title's `#tags` and the todo's own tags. Rewritten only when
    /// that set (by their keys) changed; a category kept is spelled as it was.
    fn categories(&mut self, here: &TodoContent) {
        let mut wanted: Vec<String> = tags_of(&here.title);
        for tag in &here.tags {
            if !wanted.iter().any(|w| tag_key(w) == tag_key(tag)) {
                wanted.push(tag.clone());
            }
        }
        let had = categories(self.r, self.todo);
        let keys = |v: &[String]| {
            let mut k: Vec<String> = v.iter().map(|t| tag_key(t)).collect();
            k.sort();
            k
        };
        if (wanted.is_empty() || !self.fresh) && keys(&wanted) == keys(&had) {
            return;
        }
        let spelled: Vec<String> = wanted
            .iter()
            .map(|w| {
                let kept = had.iter().find(|h| tag_key(h) == tag_key(w));
                escape_text(kept.unwrap_or(w))
            })
            .collect();
        if spelled.is_empty() {
            self.remove_all("CATEGORIES");
        } else {
            self.set("CATEGORIES", &[], &spelled.join(","));
        }
    }
}
