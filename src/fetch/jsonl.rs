//! A batch's pages as one JSON Lines file: one raw response per line, in
//! fetch order. The engine's parser reads that form (SPEC 2.1), and it is
//! the audit file the user downloads.

/// The file name of a batch's pages (also the platform file row's name).
pub fn file_name(mix_id: &str) -> String {
    format!("fetch-{mix_id}.jsonl")
}

pub const MIME: &str = "application/x-ndjson";

/// One page as one line. Valid JSON never has a raw line break inside a
/// string (it must be escaped), so breaks can only be white space between
/// tokens: turning them into spaces keeps the JSON exactly equivalent. A
/// broken page never gets here (it is retried, not kept).
pub fn page_line(page: &str) -> String {
    let mut line: String = page.trim().chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    line.push('\n');
    line
}

/// All pages, each on its own line.
pub fn join(pages: &[String]) -> String {
    pages.iter().map(|p| page_line(p)).collect()
}

#[cfg(test)]
mod tests;
