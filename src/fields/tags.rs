//! Tags: the `#word` tokens of a title. A tag is letters, digits, `-` and `_`, after a `#`
//! at the start of the title or after a space; tags compare without case, so they are kept
//! in lower case, each once, in the order they first appear.

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
