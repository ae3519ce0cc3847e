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
        let raw = STANDARD
            .decode(b64)
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
/// ASCII text, which checkpoints and their base64 signature lines are, is checked byte by
/// byte (the ASCII controls are exactly the ASCII characters of Unicode category Cc); other
/// text char by char.
fn check_characters(s: &str) -> Result<(), NoteError> {
    if s.is_ascii() {
        return match s
            .bytes()
            .enumerate()
            .find(|&(_, b)| b != b'\n' && b.is_ascii_control())
        {
            Some((offset, b)) => Err(NoteError::ControlCharacter {
                code: u32::from(b),
                offset,
            }),
            None => Ok(()),
        };
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
/// signature is kilobytes), so this walks back from newline to newline.
fn last_blank_line(note: &str) -> Option<usize> {
    let bytes = note.as_bytes();
    let mut end = bytes.len();
    while let Some(newline) = bytes.get(..end)?.iter().rposition(|&b| b == b'\n') {
        if newline > 0 && bytes.get(newline - 1) == Some(&b'\n') {
            return Some(newline - 1);
        }
        end = newline;
    }
    None
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
