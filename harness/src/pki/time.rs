//! Clock handling: X.509 `Time` (RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime
//! after) at whole-second precision, and milliseconds for SCTs (RFC 6962 §3.2).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use x509_cert::time::Time;

use super::PkiError;

/// `t` truncated to whole seconds since the epoch.
pub(crate) fn unix_seconds(t: SystemTime) -> Result<u64, PkiError> {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| PkiError::Time("before 1970".to_owned()))
}

/// Milliseconds since the epoch (SCT timestamps).
pub(crate) fn unix_millis(t: SystemTime) -> Result<u64, PkiError> {
    let d = t
        .duration_since(UNIX_EPOCH)
        .map_err(|_| PkiError::Time("before 1970".to_owned()))?;
    u64::try_from(d.as_millis()).map_err(|_| PkiError::Time("too far in the future".to_owned()))
}

/// The X.509 `Time` of `unix` seconds.
pub(crate) fn x509_time(unix: u64) -> Result<Time, PkiError> {
    let dt = der::DateTime::from_unix_duration(Duration::from_secs(unix))
        .map_err(|e| PkiError::Time(e.to_string()))?;
    Ok(Time::from(dt))
}

/// `GeneralizedTime` of `unix` seconds (TSTInfo.genTime, RFC 3161 §2.4.2).
pub(crate) fn generalized_time(unix: u64) -> Result<der::asn1::GeneralizedTime, PkiError> {
    der::asn1::GeneralizedTime::from_unix_duration(Duration::from_secs(unix))
        .map_err(|e| PkiError::Time(e.to_string()))
}

/// Seconds since the epoch of an X.509 `Time`.
pub(crate) fn time_seconds(t: &Time) -> u64 {
    t.to_unix_duration().as_secs()
}

/// RFC 3339 rendering for error messages.
pub(crate) fn display(unix: u64) -> String {
    der::DateTime::from_unix_duration(Duration::from_secs(unix))
        .map(|d| d.to_string())
        .unwrap_or_else(|_| format!("{unix}s"))
}
