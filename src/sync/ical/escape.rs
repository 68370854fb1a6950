//! iCalendar's text rules: TEXT values escaped and unescaped (RFC 5545 §3.3.11), lists split
//! at their unescaped commas, and a new content line written whole, folded at 75 octets
//! (§3.1).

/// A TEXT value as the text it says: `\n` a line break, `\,` `\;` `\\` the character.
pub fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Text as a TEXT value.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// The items of a list value (CATEGORIES), each unescaped, split at unescaped commas.
pub fn split_list(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut item = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => item.push('\n'),
                Some(other) => item.push(other),
                None => {}
            },
            ',' => out.push(std::mem::take(&mut item)),
            c => item.push(c),
        }
    }
    out.push(item);
    out
}

/// A whole content line: `NAME;P=v:value` and the line ending, folded so no line is over
/// 75 octets (a fold never splits a character).
pub fn content_line(name: &str, params: &[(&str, &str)], value: &str, ending: &str) -> String {
    let mut unfolded = name.to_string();
    for (key, val) in params {
        unfolded.push(';');
        unfolded.push_str(key);
        unfolded.push('=');
        if val.contains([':', ';', ',']) {
            unfolded.push('"');
            unfolded.push_str(&val.replace('"', "'"));
            unfolded.push('"');
        } else {
            unfolded.push_str(val);
        }
    }
    unfolded.push(':');
    unfolded.push_str(value);
    fold(&unfolded, ending)
}

fn fold(line: &str, ending: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str(ending);
            out.push(' ');
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str(ending);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_both_ways() {
        let text = "a; b, c\\d\nnext";
        assert_eq!(escape_text(text), "a\\; b\\, c\\\\d\\nnext");
        assert_eq!(unescape_text(&escape_text(text)), text);
        assert_eq!(unescape_text("x\\Ny"), "x\ny");
    }

    #[test]
    fn lists_split_at_unescaped_commas_only() {
        assert_eq!(
            split_list("Work Stuff,Home & Garden,a\\,b"),
            ["Work Stuff", "Home & Garden", "a,b"]
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let value = "é".repeat(60);
        let line = content_line("SUMMARY", &[("LANGUAGE", "fr")], &value, "\r\n");
        for physical in line.split("\r\n") {
            assert!(physical.len() <= 75, "{physical:?}");
        }
        let unfolded = line.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY;LANGUAGE=fr:{value}\r\n"));
        assert_eq!(
            content_line("X", &[("TZID", "a:b")], "1", "\n"),
            "X;TZID=\"a:b\":1\n"
        );
    }
}
