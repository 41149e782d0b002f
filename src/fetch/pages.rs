//! Paging by cursor (SPEC 6): after a page with `has_next = true` the next
//! request carries that page's `last_sequence`. A cursor that does not move
//! forward would fetch the same rows forever, and a runaway gateway could
//! page without end: both stop with an error instead.

use serde::{Deserialize, Serialize};

/// What to do with a page that arrived intact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageVerdict {
    /// Keep the page and ask for the rows after `cursor`.
    Next { cursor: u64 },
    /// Keep the page: it was the last one.
    Last,
    /// Keep the page, but stop: `max_pages` pages are kept and more follow.
    LimitReached { limit: u32 },
}

/// Why a page cannot be used for paging (it is not kept).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CursorError {
    /// `has_next = true` without a `last_sequence`.
    Missing,
    /// The cursor did not move past the one the request carried.
    NotAdvancing { sent: u64, got: u64 },
}

/// Judges a page. `sent` is the cursor the request carried (`None` for the
/// first page), `kept_before` the pages already kept for the batch.
pub fn judge_page(
    sent: Option<u64>,
    kept_before: u32,
    has_next: bool,
    last_sequence: Option<u64>,
    max_pages: u32,
) -> Result<PageVerdict, CursorError> {
    if !has_next {
        return Ok(PageVerdict::Last);
    }
    let got = last_sequence.ok_or(CursorError::Missing)?;
    if let Some(sent) = sent
        && got <= sent
    {
        return Err(CursorError::NotAdvancing { sent, got });
    }
    if kept_before.saturating_add(1) >= max_pages {
        return Ok(PageVerdict::LimitReached { limit: max_pages });
    }
    Ok(PageVerdict::Next { cursor: got })
}

/// Whether another page may be requested at all (a resumed batch may
/// already be at the limit).
pub fn may_request(kept: u32, max_pages: u32) -> bool {
    kept < max_pages
}

/// The `params` JSON for a request: the cursor under the configured key, or
/// nothing for the first page (the gateway starts from the beginning).
pub fn cursor_params(cursor_key: &str, cursor: Option<u64>) -> Option<String> {
    let cursor = cursor?;
    let mut params = serde_json::Map::new();
    params.insert(cursor_key.to_owned(), serde_json::Value::from(cursor));
    Some(serde_json::Value::Object(params).to_string())
}

#[cfg(test)]
mod tests;
