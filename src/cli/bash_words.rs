//! Bash's side of Tab, which clap_complete leaves plain: the word being completed arrives
//! as typed (`Side\ p`, `'Side p`), so it is read as bash would before matching, and each
//! answer goes back written as bash needs it (`Side\ project`); and when bash lists the
//! choices (a second Tab), ids show what they are ("12  buy milk"), as zsh and fish do.

use std::ffi::OsString;
use std::io::Write;

use clap_complete::env::{Bash, EnvCompleter};

/// Bash's `COMP_TYPE` when it lists the choices rather than inserting one: `?` (a second
/// Tab), `!` (show-all-if-ambiguous) and `@` (show-all-if-unmodified).
const LISTING: [u8; 3] = [b'?', b'!', b'@'];

/// The variable the script hands the word over in, as typed.
const TYPED: &str = "_SOFTLY_WORD_AS_TYPED";

/// clap_complete's bash, with words read and written as bash has them.
pub struct BashWords;

impl EnvCompleter for BashWords {
    fn name(&self) -> &'static str {
        Bash.name()
    }

    fn is(&self, name: &str) -> bool {
        Bash.is(name)
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        // The word as typed (its quote too), which the script's own word lacks: inside an
        // open quote bash inserts the answer as it is and closes the quote itself.
        let mut script = Vec::new();
        Bash.write_registration(var, name, bin, completer, &mut script)?;
        let script = String::from_utf8_lossy(&script).replace(
            &format!("{var}=\"bash\""),
            &format!("{TYPED}=\"${{COMP_WORDS[COMP_CWORD]}}\" \\\n        {var}=\"bash\""),
        );
        buf.write_all(script.as_bytes())
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        mut args: Vec<OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        let env = |name: &str| std::env::var(name).ok();
        let index: usize = env("_CLAP_COMPLETE_INDEX")
            .and_then(|i| i.parse().ok())
            .unwrap_or_default();
        let listing = env("_CLAP_COMPLETE_COMP_TYPE")
            .and_then(|t| t.parse::<u8>().ok())
            .is_some_and(|t| LISTING.contains(&t));
        let ifs = env("_CLAP_IFS").unwrap_or_else(|| "\n".to_string());
        let quoted = env(TYPED).is_some_and(|typed| as_bash_reads(&typed).1.is_some());
        if let Some(word) = args.get_mut(index)
            && !quoted
        {
            *word = as_bash_reads(&word.to_string_lossy()).0.into();
        }
        let found = clap_complete::engine::complete(cmd, args, index, current_dir)?;
        let values: Vec<String> = found
            .iter()
            .map(|c| {
                let value = c.get_value().to_string_lossy();
                match quoted {
                    true => value.into_owned(),
                    false => written_for_bash(&value),
                }
            })
            .collect();
        // Ids line up with ids, flags with flags.
        let width_of = |flags: bool| {
            let widths = values.iter().filter(|v| v.starts_with('-') == flags);
            widths.map(|v| v.chars().count()).max().unwrap_or(0)
        };
        let (values_width, flags_width) = (width_of(false), width_of(true));
        for (i, (value, candidate)) in values.iter().zip(&found).enumerate() {
            if i != 0 {
                write!(buf, "{ifs}")?;
            }
            let width = match value.starts_with('-') {
                true => flags_width,
                false => values_width,
            };
            match candidate.get_help() {
                // Shown, not inserted: bash inserts only what all the choices begin with,
                // and distinct ids part before their titles.
                Some(help) if listing && found.len() > 1 => write!(buf, "{value:<width$}  {help}")?,
                _ => write!(buf, "{value}")?,
            }
        }
        Ok(())
    }
}

/// The word as bash would read it, and the quote it opened if it is still open:
/// `Side\ p` is `Side p`; `'Side p` is `Side p` in `'`.
fn as_bash_reads(word: &str) -> (String, Option<char>) {
    let mut read = String::with_capacity(word.len());
    let mut quote = None;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None | Some('"'), '\\') => read.extend(chars.next()),
            (_, c) => read.push(c),
        }
    }
    (read, quote)
}

/// `value` as it must stand unquoted on bash's line: a backslash before each character
/// bash would otherwise read as its own.
fn written_for_bash(value: &str) -> String {
    value
        .chars()
        .flat_map(|c| {
            let special = c.is_whitespace() || "\\'\"$`&;|<>()*?[]!#~{}".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_read_as_bash_reads_it_and_written_back_as_bash_needs() {
        assert_eq!(as_bash_reads("Side\\ p"), ("Side p".to_string(), None));
        assert_eq!(as_bash_reads("'Side p"), ("Side p".to_string(), Some('\'')));
        assert_eq!(as_bash_reads("\"Side p"), ("Side p".to_string(), Some('"')));
        assert_eq!(written_for_bash("Side project"), "Side\\ project");
        assert_eq!(written_for_bash("Tom's (old)"), "Tom\\'s\\ \\(old\\)");
        assert_eq!(written_for_bash("12"), "12");
    }
}
