//! The signed-note syntax (c2sp.org/signed-note §"Format"): text, one blank line, signature
//! lines `— <name> <base64(key ID ‖ signature)>`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::keys::KeyId;
use super::{KeyName, NoteError};

/// The most signature lines a note may carry. C2SP requires verifiers to accept at least 16;
/// pqlab accepts 100, Go's `sumdb/note` limit, so a log with many witnesses still verifies.
pub const MAX_SIGNATURES: usize = 100;

/// Largest signed note accepted, in bytes (text and signature lines). 100 signature lines of
/// SLH-DSA-256f (about 66 kB of base64 each) would not fit; 100 ML-DSA-87 cosignatures (about
/// 6 kB each) do, and a real checkpoint is under 1 kB. Listed in `docs/LIMITS.md`.
pub const MAX_NOTE_BYTES: usize = 1 << 20;

/// Most lines of note text (a checkpoint has three plus its extension lines).
pub const MAX_NOTE_TEXT_LINES: usize = 256;

/// The signature line prefix: U+2014 EM DASH and a space.
const DASH: &str = "\u{2014} ";

/// One signature line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    /// The key name.
    pub name: KeyName,
    /// The key ID (first 4 bytes of the key hash).
    pub key_id: KeyId,
    /// The signature bytes after the key ID (for timestamped types: timestamp ‖ signature).
    pub signature: Vec<u8>,
}

impl NoteSignature {
    /// The line without its final newline: `— <name> <base64(key ID ‖ signature)>`.
    #[must_use]
    pub fn line(&self) -> String {
        let mut bytes = Vec::with_capacity(4 + self.signature.len());
        bytes.extend_from_slice(&self.key_id.0);
        bytes.extend_from_slice(&self.signature);
        format!("{DASH}{} {}", self.name, STANDARD.encode(bytes))
    }

    fn parse(index: usize, line: &str) -> Result<Self, NoteError> {
        let bad = |reason: &str| NoteError::MalformedSignatureLine {
            line: index,
            reason: reason.to_owned(),
        };
        let rest = line
            .strip_prefix(DASH)
            .ok_or_else(|| bad("does not start with U+2014 EM DASH and a space"))?;
        let (name, b64) = rest
            .split_once(' ')
            .ok_or_else(|| bad("no space between key name and signature"))?;
        let name = KeyName::new(name).map_err(|e| bad(&e.to_string()))?;
        let raw = crate::base64_bulk::decode(b64)
            .map_err(|e| bad(&format!("signature is not base64: {e}")))?;
        if raw.len() < 5 {
            return Err(bad("signature shorter than key ID plus one byte"));
        }
        let (id, signature) = raw.split_at(4);
        Ok(NoteSignature {
            name,
            key_id: KeyId([id[0], id[1], id[2], id[3]]),
            signature: signature.to_vec(),
        })
    }
}

/// A parsed signed note: its text (ending in a newline) and its signature lines, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    text: String,
    /// The signature lines in the order they appear.
    pub signatures: Vec<NoteSignature>,
}

impl Note {
    /// A note with `text` and no signatures yet.
    ///
    /// # Errors
    /// [`NoteError`] when the text is empty, lacks its final newline, ends in a blank line or
    /// holds control characters.
    pub fn new(text: &str) -> Result<Self, NoteError> {
        check_text(text)?;
        Ok(Note {
            text: text.to_owned(),
            signatures: Vec::new(),
        })
    }

    /// The signed text, up to and including its last newline.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Appends a signature line (a cosignature, for example).
    ///
    /// # Errors
    /// [`NoteError::TooManySignatures`] past [`MAX_SIGNATURES`].
    pub fn add_signature(&mut self, signature: NoteSignature) -> Result<(), NoteError> {
        if self.signatures.len() >= MAX_SIGNATURES {
            return Err(NoteError::TooManySignatures {
                count: self.signatures.len() + 1,
                max: MAX_SIGNATURES,
            });
        }
        self.signatures.push(signature);
        Ok(())
    }

    /// Parses a signed note from bytes.
    ///
    /// # Errors
    /// [`NoteError`] naming the syntax rule that failed.
    pub fn parse_bytes(bytes: &[u8]) -> Result<Self, NoteError> {
        if bytes.len() > MAX_NOTE_BYTES {
            return Err(NoteError::TooLarge {
                size: bytes.len(),
                limit: MAX_NOTE_BYTES,
            });
        }
        Self::parse(std::str::from_utf8(bytes).map_err(|_| NoteError::NotUtf8)?)
    }

    /// Parses a signed note. The text is everything up to and including the newline before
    /// the last blank line; it must not itself end in a blank line (pqlab accepts exactly one
    /// blank line before the signatures, as sigstore-python does).
    ///
    /// # Errors
    /// [`NoteError`] naming the syntax rule that failed.
    pub fn parse(note: &str) -> Result<Self, NoteError> {
        if note.len() > MAX_NOTE_BYTES {
            return Err(NoteError::TooLarge {
                size: note.len(),
                limit: MAX_NOTE_BYTES,
            });
        }
        check_characters(note)?;
        if !note.ends_with('\n') {
            return Err(NoteError::MissingNewline { what: "note" });
        }
        let split = last_blank_line(note).ok_or(NoteError::MissingBlankLine)?;
        let text = &note[..=split];
        let block = &note[split + 2..];
        check_text_shape(text)?;
        let text_lines = text.bytes().filter(|b| *b == b'\n').count();
        if text_lines > MAX_NOTE_TEXT_LINES {
            return Err(NoteError::TooManyLines {
                count: text_lines,
                limit: MAX_NOTE_TEXT_LINES,
            });
        }
        if block.is_empty() {
            return Err(NoteError::NoSignatures);
        }
        let lines: Vec<&str> = block
            .strip_suffix('\n')
            .unwrap_or(block)
            .split('\n')
            .collect();
        if lines.len() > MAX_SIGNATURES {
            return Err(NoteError::TooManySignatures {
                count: lines.len(),
                max: MAX_SIGNATURES,
            });
        }
        let signatures = lines
            .iter()
            .enumerate()
            .map(|(i, line)| NoteSignature::parse(i + 1, line))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Note {
            text: text.to_owned(),
            signatures,
        })
    }

    /// The serialized note: text, blank line, one line per signature.
    #[must_use]
    pub fn serialize(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 1 + 120 * self.signatures.len());
        out.push_str(&self.text);
        out.push('\n');
        for sig in &self.signatures {
            out.push_str(&sig.line());
            out.push('\n');
        }
        out
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.serialize())
    }
}

/// No control characters but newline (Go `sumdb/note` and C2SP: the note is UTF-8 text).
/// Text in which no byte can start a control character, as checkpoints and their signature
/// lines (kilobytes of base64 for ML-DSA) are, passes a vectorised byte scan; the rest is
/// checked char by char.
fn check_characters(s: &str) -> Result<(), NoteError> {
    if !has_unusual_byte(s.as_bytes()) {
        return Ok(());
    }
    match s.char_indices().find(|&(_, c)| c != '\n' && c.is_control()) {
        Some((offset, c)) => Err(NoteError::ControlCharacter {
            code: u32::from(c),
            offset,
        }),
        None => Ok(()),
    }
}

/// Where the last `\n\n` of `note` starts. Signature lines are long (a base64 ML-DSA
/// signature is kilobytes), so this jumps back from newline to newline.
fn last_blank_line(note: &str) -> Option<usize> {
    let bytes = note.as_bytes();
    let mut end = bytes.len();
    while let Some(newline) = memchr::memrchr(b'\n', bytes.get(..end)?) {
        if newline > 0 && bytes.get(newline - 1) == Some(&b'\n') {
            return Some(newline - 1);
        }
        end = newline;
    }
    None
}

/// Whether a byte of the UTF-8 `bytes` may start a control character other than newline:
/// C0 controls and DEL are single bytes, and the C1 controls U+0080..U+009F are the only
/// ones encoded with lead byte 0xC2. Blocks of 32 bytes are scanned without early exit, so
/// the compiler vectorises the scan.
fn has_unusual_byte(bytes: &[u8]) -> bool {
    let unusual = |b: u8| u8::from(((b < 0x20) & (b != b'\n')) | (b == 0x7f) | (b == 0xc2));
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        if block.iter().fold(0u8, |acc, &b| acc | unusual(b)) != 0 {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| unusual(b) != 0)
}

fn check_text(text: &str) -> Result<(), NoteError> {
    check_characters(text)?;
    check_text_shape(text)
}

/// [`check_text`] for text whose characters are already checked.
fn check_text_shape(text: &str) -> Result<(), NoteError> {
    if text.is_empty() || text == "\n" {
        return Err(NoteError::EmptyText);
    }
    if !text.ends_with('\n') {
        return Err(NoteError::MissingNewline { what: "note text" });
    }
    if text.ends_with("\n\n") {
        return Err(NoteError::ExtraBlankLine);
    }
    Ok(())
}
