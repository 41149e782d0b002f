//! The optional settlement period `[from, to)` on gmt_modified (Beijing).

use crate::time::BeijingTime;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: BeijingTime,
    pub to: BeijingTime,
    /// As the user wrote them, for the report.
    pub from_text: String,
    pub to_text: String,
}

impl Period {
    /// Parses `FROM..TO` with dates (`2026-08-01..2026-09-01` is August) or
    /// date-times; `to` is exclusive.
    pub fn parse(s: &str) -> Result<Period, String> {
        let (a, b) = s
            .split_once("..")
            .ok_or_else(|| format!("period '{s}' is not FROM..TO (e.g. 2026-08-01..2026-09-01)"))?;
        let from = BeijingTime::parse(a)
            .ok_or_else(|| format!("period start '{}' is not a date (YYYY-MM-DD)", a.trim()))?;
        let to = BeijingTime::parse(b)
            .ok_or_else(|| format!("period end '{}' is not a date (YYYY-MM-DD)", b.trim()))?;
        if to <= from {
            return Err(format!("period '{s}' ends before it starts"));
        }
        Ok(Period {
            from,
            to,
            from_text: a.trim().to_string(),
            to_text: b.trim().to_string(),
        })
    }

    pub fn new(from: BeijingTime, to: BeijingTime) -> Period {
        Period {
            from,
            to,
            from_text: from.to_string(),
            to_text: to.to_string(),
        }
    }
}
