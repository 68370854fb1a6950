//! The words of a view's filter: plain words match titles and notes; `#tag` asks for a tag;
//! `due:` takes `today`, `overdue`, `week`, `none` or any date the due editor reads (`due:fri`,
//! `due:yesterday`, `due:next week`, `due:2026-12-24`), `pri:` `high`/`medium`/`low`/`none`,
//! and `done:` `yes`/`no`/`cancelled`. A key whose value is not understood (`due:xyz`, or
//! `pri:urg` while `urgent` is being typed) is never dropped silently: it is named as not
//! understood, and the filter matches nothing until it is put right. Pure: `now` and the zone
//! resolve the dates.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp};

use super::due::end_of_day;
use super::due_words::parse_due;
use super::priority::Priority;

/// What a filter asks for, its dates resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TodoFilter {
    /// Words the title or the note must contain, in this order (any case for ASCII letters).
    pub text: String,
    /// Tags the todo must carry, lower case, without `#`.
    pub tags: Vec<String>,
    /// Due at or before this.
    pub due_until: Option<Timestamp>,
    /// Due after this.
    pub due_after: Option<Timestamp>,
    /// Only todos without a due date.
    pub no_due: bool,
    pub priority: Option<Priority>,
    /// Done (not cancelled), or open.
    pub done: Option<bool>,
    /// Only cancelled todos (`done:cancelled`).
    pub cancelled: bool,
    /// Only todos without a priority (`pri:none`).
    pub no_priority: bool,
    /// The keys whose values were not understood, as typed: the filter matches nothing.
    pub not_understood: Vec<String>,
}

impl TodoFilter {
    pub fn is_empty(&self) -> bool {
        *self == TodoFilter::default()
    }

    /// Reads the filter as typed at `now` in `zone`.
    pub fn parse(typed: &str, now: Timestamp, zone: &TimeZone) -> TodoFilter {
        let mut filter = TodoFilter::default();
        let mut words: Vec<&str> = Vec::new();
        let typed: Vec<&str> = typed.split_whitespace().collect();
        let mut i = 0;
        while i < typed.len() {
            let word = typed[i];
            i += 1;
            let lower = word.to_lowercase();
            let understood = if let Some(tag) = lower.strip_prefix('#') {
                if !tag.is_empty() {
                    filter.tags.push(tag.to_string());
                }
                true
            } else if let Some(value) = lower.strip_prefix("due:") {
                // A date the editor reads may take a word or two more ("next week").
                let taken = (0..=2.min(typed.len() - i)).rev().find(|&more| {
                    let words = typed[i..i + more].join(" ").to_lowercase();
                    filter.due(&format!("{value} {words}"), now, zone)
                });
                i += taken.unwrap_or(0);
                taken.is_some()
            } else if let Some(value) = lower.strip_prefix("pri:") {
                let read = Priority::parse(value);
                match read {
                    Ok(Some(p)) => filter.priority = Some(p),
                    Ok(None) => filter.no_priority = true,
                    Err(_) => {}
                }
                read.is_ok()
            } else if let Some(value) = lower.strip_prefix("done:") {
                match value {
                    "yes" | "y" | "true" => filter.done = Some(true),
                    "no" | "n" | "false" => filter.done = Some(false),
                    "cancelled" | "canceled" => filter.cancelled = true,
                    _ => {
                        filter.not_understood.push(word.to_string());
                        continue;
                    }
                }
                true
            } else {
                words.push(word);
                true
            };
            if !understood {
                filter.not_understood.push(word.to_string());
            }
        }
        filter.text = words.join(" ");
        filter
    }

    /// Reads a `due:` value; false when it is not one.
    fn due(&mut self, value: &str, now: Timestamp, zone: &TimeZone) -> bool {
        let value = value.trim().replace('_', " ");
        let end_of = |days: i64| {
            let today = now.to_zoned_datetime(zone.clone()).date();
            today
                .checked_add(Span::new().days(days))
                .ok()
                .and_then(|day| end_of_day(day, zone))
                .map(|due| due.at)
        };
        match value.as_str() {
            "today" => self.due_until = end_of(0),
            "overdue" => {
                self.due_until = now.checked_sub(SignedDuration::from_millis(1)).ok();
                self.done.get_or_insert(false);
            }
            "week" => self.due_until = end_of(7),
            "none" => self.no_due = true,
            // Any due date names its day: due then, after the end of the day before.
            other => {
                let Ok(Some(due)) = parse_due(other, now, zone) else {
                    return false;
                };
                let day = due.at.to_zoned_datetime(zone.clone()).date();
                let before = day.yesterday().ok().and_then(|d| end_of_day(d, zone));
                self.due_after = before.map(|d| d.at);
                self.due_until = end_of_day(day, zone).map(|d| d.at);
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn words_tags_and_keys_are_told_apart() {
        let now = at("2026-11-26T12:00:00Z");
        let cancelled = TodoFilter::parse("done:cancelled", now, &TimeZone::UTC);
        assert!(cancelled.cancelled && cancelled.done.is_none());
        let f = TodoFilter::parse("buy #Home oat milk pri:high done:no", now, &TimeZone::UTC);
        assert_eq!(f.text, "buy oat milk");
        assert_eq!(f.tags, ["home"]);
        assert_eq!(f.priority, Some(Priority::High));
        assert_eq!(f.done, Some(false));
        // What is not understood is named, never dropped, and matches no text either.
        let f = TodoFilter::parse("pri:h due:to done:", now, &TimeZone::UTC);
        assert!(f.text.is_empty());
        assert_eq!(f.priority, Some(Priority::High), "h is high");
        assert_eq!(f.not_understood, ["due:to", "done:"]);
        for typed in ["due:xyz", "pri:urgent", "done:maybe"] {
            let f = TodoFilter::parse(typed, now, &TimeZone::UTC);
            assert_eq!(f.not_understood, [typed]);
        }
        assert!(TodoFilter::parse("pri:none", now, &TimeZone::UTC).no_priority);
        let yesterday = TodoFilter::parse("due:yesterday", now, &TimeZone::UTC);
        assert_eq!(yesterday.due_until, Some(at("2026-11-25T23:59:59.999Z")));
        let next = TodoFilter::parse("milk due:next week", now, &TimeZone::UTC);
        assert!(
            next.not_understood.is_empty() && next.due_until.is_some(),
            "{next:?}"
        );
        assert_eq!(next.text, "milk", "the words the date took are not text");
    }

    #[test]
    fn due_words_are_spans_of_time_in_the_zone() {
        let now = at("2026-11-26T12:00:00Z");
        let ny = TimeZone::get("America/New_York").unwrap();
        let f = TodoFilter::parse("due:today", now, &ny);
        assert_eq!(f.due_until, Some(at("2026-11-27T04:59:59.999Z")));
        let f = TodoFilter::parse("due:overdue", now, &ny);
        assert_eq!(f.due_until, Some(at("2026-11-26T11:59:59.999Z")));
        assert_eq!(f.done, Some(false));
        let f = TodoFilter::parse("due:tomorrow", now, &ny);
        assert_eq!(f.due_after, Some(at("2026-11-27T04:59:59.999Z")));
        assert_eq!(f.due_until, Some(at("2026-11-28T04:59:59.999Z")));
        assert!(TodoFilter::parse("due:none", now, &ny).no_due);
        assert!(TodoFilter::parse("", now, &ny).is_empty());
    }
}
