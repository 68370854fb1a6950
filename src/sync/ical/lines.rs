//! A calendar object resource as its content lines (RFC 5545 §3.1), each kept with the exact
//! bytes it was written in: its folds and its line ending. softly edits a resource by
//! replacing, removing or adding whole lines, so every line it does not touch goes back to
//! the server byte for byte. `vparser` finds the lines; this file finds the components.

use vparser::{ParamIter, Parser};

/// One content line.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// The line as written, folds and line ending included.
    pub raw: &'a str,
    /// The property name, upper case (`DUE`, `BEGIN`, `X-APPLE-SORT-ORDER`).
    pub name: String,
    /// Parameters in order: the name upper case, the value without its quotes.
    pub params: Vec<(String, String)>,
    /// The value, unfolded, still escaped.
    pub value: String,
}

impl Line<'_> {
    /// The value of parameter `name` (upper case), if the line has it.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A component: its name (upper case), the lines of its BEGIN and END, and its parent.
#[derive(Debug, Clone)]
pub struct Component {
    pub name: String,
    pub begin: usize,
    pub end: usize,
    pub parent: Option<usize>,
}

/// A resource's text as lines and components.
#[derive(Debug, Clone)]
pub struct Resource<'a> {
    pub lines: Vec<Line<'a>>,
    pub components: Vec<Component>,
    /// The line ending the resource uses (`\r\n` as RFC 5545 says, or `\n`).
    pub ending: &'static str,
}

/// The largest resource softly reads: 4 MiB. A task is a few KiB; one carrying a photo
/// inline can be a few MiB. What is larger is left on the server as it is, and said.
pub const MAX_RESOURCE_BYTES: usize = 4 * 1024 * 1024;

/// The deepest components nest: a calendar holds a task, which holds an alarm. Far deeper
/// is no calendar any app writes.
pub const MAX_DEPTH: usize = 16;

/// Why a text is not a calendar softly can edit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShapeError {
    #[error("it is {0} bytes, more than softly reads ({MAX_RESOURCE_BYTES})")]
    TooBig(usize),
    #[error("its components nest more than {MAX_DEPTH} deep")]
    TooDeep,
    #[error("line {0}: END:{1} without its BEGIN")]
    Unbalanced(usize, String),
    #[error("BEGIN:{0} is never ended")]
    Unended(String),
    #[error("it is empty")]
    Empty,
}

impl<'a> Resource<'a> {
    pub fn parse(text: &'a str) -> Result<Resource<'a>, ShapeError> {
        if text.len() > MAX_RESOURCE_BYTES {
            return Err(ShapeError::TooBig(text.len()));
        }
        let base = text.as_ptr() as usize;
        let found: Vec<vparser::ContentLine<'a>> = Parser::new(text).collect();
        let starts: Vec<usize> = found
            .iter()
            .map(|l| l.raw().as_ptr() as usize - base)
            .collect();
        let mut lines = Vec::with_capacity(found.len());
        for (i, l) in found.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            let params = ParamIter::new(&l.params())
                .map(|p| {
                    let value = p.value();
                    let unquoted = value
                        .strip_prefix('"')
                        .and_then(|v| v.strip_suffix('"'))
                        .unwrap_or(value);
                    (p.name().trim().to_ascii_uppercase(), unquoted.to_string())
                })
                .collect();
            lines.push(Line {
                raw: &text[starts[i]..end],
                name: l.name().trim().to_ascii_uppercase(),
                params,
                value: l.value().into_owned(),
            });
        }
        let ending = if text.contains("\r\n") || !text.contains('\n') {
            "\r\n"
        } else {
            "\n"
        };
        let components = components_of(&lines)?;
        if components.is_empty() {
            return Err(ShapeError::Empty);
        }
        Ok(Resource {
            lines,
            components,
            ending,
        })
    }

    /// The lines that belong to component `c` itself, not to a component inside it.
    pub fn own_lines(&self, c: usize) -> impl Iterator<Item = usize> + '_ {
        let Component { begin, end, .. } = self.components[c];
        let mut depth = 0usize;
        (begin + 1..end).filter(move |&i| {
            let line = &self.lines[i];
            match line.name.as_str() {
                "BEGIN" => {
                    depth += 1;
                    false
                }
                "END" => {
                    depth = depth.saturating_sub(1);
                    false
                }
                _ => depth == 0,
            }
        })
    }

    /// The first of `c`'s own lines named `name`.
    pub fn find(&self, c: usize, name: &str) -> Option<usize> {
        self.own_lines(c).find(|&i| self.lines[i].name == name)
    }

    /// Every one of `c`'s own lines named `name`.
    pub fn find_all(&self, c: usize, name: &str) -> Vec<usize> {
        self.own_lines(c)
            .filter(|&i| self.lines[i].name == name)
            .collect()
    }

    /// The components named `name` directly inside the outermost one (the VCALENDAR).
    pub fn top_components(&self, name: &str) -> Vec<usize> {
        (0..self.components.len())
            .filter(|&c| self.components[c].parent == Some(0) && self.components[c].name == name)
            .collect()
    }

    /// The VTODO softly shows: the master, the first without RECURRENCE-ID (the others
    /// are one occurrence each of a recurring master, RFC 5545 §3.8.4.4).
    pub fn master_todo(&self) -> Option<usize> {
        let todos = self.top_components("VTODO");
        todos
            .iter()
            .copied()
            .find(|&c| self.find(c, "RECURRENCE-ID").is_none())
            .or_else(|| todos.first().copied())
    }

    /// Where a new property of `c` goes: before its first inner component, else before its END.
    pub fn insertion_point(&self, c: usize) -> usize {
        let Component { begin, end, .. } = self.components[c];
        (begin + 1..end)
            .find(|&i| self.lines[i].name == "BEGIN")
            .unwrap_or(end)
    }
}

fn components_of(lines: &[Line<'_>]) -> Result<Vec<Component>, ShapeError> {
    let mut components = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match line.name.as_str() {
            "BEGIN" => {
                if open.len() >= MAX_DEPTH {
                    return Err(ShapeError::TooDeep);
                }
                components.push(Component {
                    name: line.value.trim().to_ascii_uppercase(),
                    begin: i,
                    end: i,
                    parent: open.last().copied(),
                });
                open.push(components.len() - 1);
            }
            "END" => {
                let name = line.value.trim().to_ascii_uppercase();
                match open.pop() {
                    Some(c) if components[c].name == name => components[c].end = i,
                    _ => return Err(ShapeError::Unbalanced(i + 1, name)),
                }
            }
            _ => {}
        }
    }
    if let Some(&c) = open.last() {
        return Err(ShapeError::Unended(components[c].name.clone()));
    }
    Ok(components)
}

/// Changes to a resource's lines, applied all at once: what is not named here is written
/// back exactly as it was.
#[derive(Debug, Default)]
pub struct Edits {
    replaced: Vec<(usize, String)>,
    removed: Vec<usize>,
    inserted: Vec<(usize, String)>,
}

impl Edits {
    /// Line `i` becomes `text` (whole lines, each ending in the resource's line ending).
    pub fn replace(&mut self, i: usize, text: String) {
        self.replaced.push((i, text));
    }

    pub fn remove(&mut self, i: usize) {
        self.removed.push(i);
    }

    /// `text` goes before line `i` (after what was inserted there already).
    pub fn insert(&mut self, i: usize, text: String) {
        self.inserted.push((i, text));
    }

    pub fn is_empty(&self) -> bool {
        self.replaced.is_empty() && self.removed.is_empty() && self.inserted.is_empty()
    }

    pub fn apply(&self, resource: &Resource<'_>) -> String {
        let mut out = String::new();
        for (i, line) in resource.lines.iter().enumerate() {
            for (_, text) in self.inserted.iter().filter(|(at, _)| *at == i) {
                out.push_str(text);
            }
            if let Some((_, text)) = self.replaced.iter().find(|(at, _)| *at == i) {
                out.push_str(text);
            } else if !self.removed.contains(&i) {
                out.push_str(line.raw);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:a\r\n\
SUMMARY;LANGUAGE=de:Brot\r\n  kaufen\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\n\
X-Y;A=\"q;:x\":1\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";

    #[test]
    fn lines_keep_their_bytes_and_components_their_lines() {
        let r = Resource::parse(TEXT).unwrap();
        let joined: String = r.lines.iter().map(|l| l.raw).collect();
        assert_eq!(joined, TEXT, "every byte is in exactly one line");
        let todo = r.master_todo().unwrap();
        let summary = &r.lines[r.find(todo, "SUMMARY").unwrap()];
        assert_eq!(summary.value, "Brot kaufen");
        assert_eq!(summary.param("LANGUAGE"), Some("de"));
        assert_eq!(summary.raw, "SUMMARY;LANGUAGE=de:Brot\r\n  kaufen\r\n");
        let x = &r.lines[r.find(todo, "X-Y").unwrap()];
        assert_eq!((x.param("A"), x.value.as_str()), (Some("q;:x"), "1"));
        assert!(
            r.find(todo, "ACTION").is_none(),
            "the alarm's lines are its own"
        );
        assert_eq!(r.lines[r.insertion_point(todo)].name, "BEGIN");
    }

    #[test]
    fn edits_touch_only_the_lines_they_name() {
        let r = Resource::parse(TEXT).unwrap();
        let todo = r.master_todo().unwrap();
        let mut e = Edits::default();
        e.replace(r.find(todo, "SUMMARY").unwrap(), "SUMMARY:Milch\r\n".into());
        e.insert(
            r.insertion_point(todo),
            "DUE;VALUE=DATE:20261224\r\n".into(),
        );
        let out = e.apply(&r);
        assert_eq!(
            out,
            TEXT.replace(
                "SUMMARY;LANGUAGE=de:Brot\r\n  kaufen\r\n",
                "SUMMARY:Milch\r\n"
            )
            .replace("BEGIN:VALARM", "DUE;VALUE=DATE:20261224\r\nBEGIN:VALARM")
        );
        assert_eq!(Edits::default().apply(&r), TEXT);
    }

    #[test]
    fn unbalanced_text_is_refused_in_words() {
        assert_eq!(
            Resource::parse("BEGIN:VCALENDAR\r\nEND:VTODO\r\n").unwrap_err(),
            ShapeError::Unbalanced(2, "VTODO".into())
        );
        assert_eq!(
            Resource::parse("BEGIN:VCALENDAR\r\n").unwrap_err(),
            ShapeError::Unended("VCALENDAR".into())
        );
        assert_eq!(Resource::parse("").unwrap_err(), ShapeError::Empty);
    }

    #[test]
    fn a_resource_too_big_or_too_deep_is_refused_in_words_not_walked() {
        let deep = format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:x\r\n{}{}END:VTODO\r\nEND:VCALENDAR\r\n",
            "BEGIN:VALARM\r\n".repeat(2_000),
            "END:VALARM\r\n".repeat(2_000)
        );
        assert_eq!(Resource::parse(&deep).unwrap_err(), ShapeError::TooDeep);
        let big = format!(
            "BEGIN:VCALENDAR\r\nX-BIG:{}\r\nEND:VCALENDAR\r\n",
            "x".repeat(MAX_RESOURCE_BYTES)
        );
        assert!(matches!(Resource::parse(&big), Err(ShapeError::TooBig(_))));
    }

    #[test]
    fn a_resource_written_with_bare_line_feeds_is_kept_so() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VTODO\nUID:a\nEND:VTODO\nEND:VCALENDAR";
        let r = Resource::parse(text).unwrap();
        assert_eq!(r.ending, "\n");
        assert_eq!(Edits::default().apply(&r), text);
    }
}
