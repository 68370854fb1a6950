//! Reading a text file a line at a time without ever holding more of a line than any todo
//! could need: a longer one is refused as it is read, whatever its length.

use std::io::{self, BufRead};

use crate::backup::ImportError;

/// The longest line softly reads: a title holds at most 500 characters (2,000 bytes), and
/// its dates, projects, contexts and `key:value`s take far less than the rest of this.
const MAX_LINE_BYTES: usize = 64 * 1024;

/// Reads the next line (with its line ending) into `bytes`, never holding more than
/// [`MAX_LINE_BYTES`] of it: a longer one is refused as it is read, whatever its length.
/// `Ok(false)` at the end of the input.
pub(super) fn bounded_line(
    input: &mut impl BufRead,
    bytes: &mut Vec<u8>,
    number: usize,
) -> io::Result<Result<bool, ImportError>> {
    bytes.clear();
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Ok(Ok(!bytes.is_empty()));
        }
        let (take, ended) = match buffer.iter().position(|&b| b == b'\n') {
            Some(at) => (at + 1, true),
            None => (buffer.len(), false),
        };
        if bytes.len() + take > MAX_LINE_BYTES {
            return Ok(Err(ImportError::Field {
                field: format!("line {number}"),
                message: format!(
                    "it is longer than softly reads ({MAX_LINE_BYTES} bytes); a todo's title \
                     holds at most {} characters",
                    crate::text::MAX_TITLE_CHARS
                ),
            }));
        }
        bytes.extend_from_slice(&buffer[..take]);
        input.consume(take);
        if ended {
            return Ok(Ok(true));
        }
    }
}
