//! The time a report is generated, in Beijing time like every date the
//! platform reports (the engine has no clock; the page passes it in).

use fcode_core::time::BeijingTime;

/// Now, as `YYYY-MM-DD HH:MM:SS` Beijing time, whatever the browser's zone.
pub fn beijing_now() -> String {
    let unix_secs = (js_sys::Date::now() / 1000.0) as i64;
    BeijingTime::from_unix_utc(unix_secs).to_string()
}
