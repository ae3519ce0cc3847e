//! JSON as model_signing writes its statements: protobuf `json_format.MessageToJson`, which is
//! Python's `json.dumps(..., indent=2)` with `ensure_ascii=True`. Two-space indentation,
//! `", "`-free separators (`,` at line ends, `": "` after keys), no trailing newline, and every
//! character outside printable ASCII escaped as `\uXXXX` (UTF-16 units, lowercase hex).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// Serializes `value` as Python's `json.dumps(value, indent=2)` does (field order is the
/// struct's).
///
/// # Errors
/// Whatever `serde_json` reports for `value` (never for plain structs of strings, numbers,
/// booleans and lists).
pub fn to_python_json<T: Serialize>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, PythonFormatter::new());
    value.serialize(&mut serializer)?;
    Ok(out)
}

/// [`PrettyFormatter`] with two-space indentation and ASCII-only strings.
struct PythonFormatter<'a>(PrettyFormatter<'a>);

impl PythonFormatter<'_> {
    fn new() -> Self {
        PythonFormatter(PrettyFormatter::with_indent(b"  "))
    }
}

impl Formatter for PythonFormatter<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        for c in fragment.chars() {
            if (' '..='~').contains(&c) {
                let mut buf = [0u8; 4];
                writer.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
            }
        }
        Ok(())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_python_json_dumps_indent_2() {
        // python3 -c 'import json; print(json.dumps({"a": ["é ü", "\x7f\n\"𝄞"], "b": [],
        //   "c": {"d": False}}, indent=2), end="")'
        let value = serde_json::json!({"a": ["é ü", "\u{7f}\n\"𝄞"], "b": [], "c": {"d": false}});
        let expected = "{\n  \"a\": [\n    \"\\u00e9 \\u00fc\",\n    \"\\u007f\\n\\\"\\ud834\\udd1e\"\n  ],\n  \"b\": [],\n  \"c\": {\n    \"d\": false\n  }\n}";
        assert_eq!(
            String::from_utf8(to_python_json(&value).unwrap()).unwrap(),
            expected
        );
    }
}
