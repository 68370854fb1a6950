//! Tags: the `#word` tokens of a title. A tag is letters, digits, `-` and `_`, after a `#`
//! at the start of the title or after a space; tags compare without case, so they are kept
//! in lower case, each once, in the order they first appear.

/// The key a tag is known by: lower case, with each character a `#tag` cannot hold as `-`,
/// so another app's category "Work Stuff" is the tag `#work-stuff` a title or a filter can
/// name, while it keeps its spelling where it is shown and sent.
pub fn tag_key(tag: &str) -> String {
    tag.trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .to_lowercase()
}

/// `title` with another tool's tags (Taskwarrior's `tags`, iCalendar's CATEGORIES) added as
/// `#tag`s, each that the title does not already carry: characters a tag cannot hold become
/// `-`, and a tag given twice (in any case) is added once.
pub fn with_tags<S: AsRef<str>>(mut title: String, tags: impl IntoIterator<Item = S>) -> String {
    let mut have = tags_of(&title);
    for tag in tags {
        let tag: String = tag
            .as_ref()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if !tag.is_empty() && !have.contains(&tag.to_lowercase()) {
            title.push_str(&format!(" #{tag}"));
            have.push(tag.to_lowercase());
        }
    }
    title
}

/// The tags of `title`.
pub fn tags_of(title: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut previous = ' ';
    for (at, c) in title.char_indices() {
        if c == '#' && previous.is_whitespace() {
            let rest = &title[at + 1..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            let tag = rest[..end].to_lowercase();
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        previous = c;
    }
    tags
}

/// `title` without its `#key` words (any case; `key` as [`tag_key`] gives it), each with the
/// space before it: "buy nails #home today" without `home` is "buy nails today".
pub fn without_tag(title: &str, key: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut rest = title;
    let mut previous = ' ';
    while let Some(at) = rest.find('#') {
        let before = &rest[..at];
        let last = before.chars().next_back().unwrap_or(previous);
        let after = &rest[at + 1..];
        let end = after
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(after.len());
        if last.is_whitespace() && !after[..end].is_empty() && after[..end].to_lowercase() == key {
            out.push_str(before.trim_end());
            rest = &after[end..];
            previous = ' ';
        } else {
            out.push_str(&rest[..at + 1]);
            previous = '#';
            rest = after;
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_leaves_the_title_with_the_space_before_it() {
        assert_eq!(
            without_tag("buy nails #home today", "home"),
            "buy nails today"
        );
        assert_eq!(without_tag("#Home buy nails", "home"), "buy nails");
        assert_eq!(without_tag("buy nails #home", "home"), "buy nails");
        assert_eq!(without_tag("a #home #work #HOME", "home"), "a #work");
        // Not a tag: inside a word, or a longer tag that starts the same.
        assert_eq!(
            without_tag("mail a#home #homework", "home"),
            "mail a#home #homework"
        );
        assert_eq!(without_tag("issue ##home", "home"), "issue ##home");
    }
}
