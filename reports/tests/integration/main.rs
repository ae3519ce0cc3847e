//! Integration tests of pqlab-reports over the hand-made fixture results file
//! (`tests/data/fixture-results.json`, see `tests/data/README.md`; not a measurement).

#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

mod compare;
mod criterion;
mod exports;
mod html;
mod schema;

use pqlab_reports::Results;
use serde_json::Value;

/// The fixture's JSON text.
pub(crate) const FIXTURE: &str = include_str!("../data/fixture-results.json");

/// The fixture, parsed.
pub(crate) fn fixture() -> Results {
    Results::from_json(FIXTURE).expect("the fixture parses")
}

/// The fixture as a JSON value to edit.
pub(crate) fn fixture_value() -> Value {
    serde_json::from_str(FIXTURE).unwrap()
}

/// Parses an edited fixture value.
pub(crate) fn parse(value: &Value) -> Result<Results, pqlab_reports::SchemaError> {
    Results::from_json(&serde_json::to_string(value).unwrap())
}
