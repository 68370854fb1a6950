//! The words of a view's filter: plain words match titles and notes; `#tag` asks for a tag;
//! `due:today`, `due:overdue`, `due:tomorrow`, `due:week`, `due:none` (or any due date, as
//! `due:fri`), `pri:high`/`medium`/`low` and `done:yes`/`no`/`cancelled` narrow further. A key
//! with a value not (yet) understood, as while `pri:h` is being typed on to `pri:high`,
//! narrows nothing rather than matching its text. Pure: `now` and the zone resolve the dates.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp};

use super::due::{end_of_day, parse_due};
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
}

impl TodoFilter {
    pub fn is_empty(&self) -> bool {
        *self == TodoFilter::default()
    }

    /// Reads the filter as typed at `now` in `zone`.
    pub fn parse(typed: &str, now: Timestamp, zone: &TimeZone) -> TodoFilter {
        let mut filter = TodoFilter::default();
        let mut words: Vec<&str> = Vec::new();
        for word in typed.split_whitespace() {
            let lower = word.to_lowercase();
            if let Some(tag) = lower.strip_prefix('#') {
                if !tag.is_empty() {
                    filter.tags.push(tag.to_string());
                }
            } else if let Some(value) = lower.strip_prefix("due:") {
                filter.due(value, now, zone);
            } else if let Some(value) = lower.strip_prefix("pri:") {
                if let Ok(Some(p)) = Priority::parse(value) {
                    filter.priority = Some(p);
                }
            } else if let Some(value) = lower.strip_prefix("done:") {
                match value {
                    "yes" | "y" | "true" => filter.done = Some(true),
                    "no" | "n" | "false" => filter.done = Some(false),
                    "cancelled" | "canceled" => filter.cancelled = true,
                    _ => {}
                }
            } else {
                words.push(word);
            }
        }
        filter.text = words.join(" ");
        filter
    }

    fn due(&mut self, value: &str, now: Timestamp, zone: &TimeZone) {
        let end_of = |days: i64| {
            let today = now.to_zoned_datetime(zone.clone()).date();
            today
                .checked_add(Span::new().days(days))
                .ok()
                .and_then(|day| end_of_day(day, zone))
                .map(|due| due.at)
        };
        match value {
            "today" => self.due_until = end_of(0),
            "overdue" => {
                self.due_until = now.checked_sub(SignedDuration::from_millis(1)).ok();
                self.done.get_or_insert(false);
            }
            "week" => self.due_until = end_of(7),
            "none" => self.no_due = true,
            // Any due date names its day: due then, after the end of the day before.
            other => {
                if let Ok(Some(due)) = parse_due(&other.replace('_', " "), now, zone) {
                    let day = due.at.to_zoned_datetime(zone.clone()).date();
                    let before = day.yesterday().ok().and_then(|d| end_of_day(d, zone));
                    self.due_after = before.map(|d| d.at);
                    self.due_until = end_of_day(day, zone).map(|d| d.at);
                }
            }
        }
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
        // Half-typed keys narrow nothing, and match no text either.
        let f = TodoFilter::parse("pri:h due:to done:", now, &TimeZone::UTC);
        assert!(f.text.is_empty());
        assert_eq!(f.priority, Some(Priority::High), "h is high");
        assert_eq!((f.due_until, f.done), (None, None));
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
