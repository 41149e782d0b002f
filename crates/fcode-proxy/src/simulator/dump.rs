//! `--dump FILE`: the whole data set as the gateway would serve it.
//!
//! Format: JSON Lines — one wrapped TOP response per line
//! (`{"film_fcode_export_query_response":{"result":{...}}}`), the `ALL` pages of every
//! batch in order, paged exactly as the simulator pages with its configured page size
//! (without `request_id`, which differs per call). Comparing the `result` of each page a
//! client fetched with the corresponding line, or simply the set of codes, checks a fetch
//! end to end; the file also loads directly as platform data ("one response per line").

use std::io::Write;

use super::dataset::{Dataset, PullType};
use super::response::{envelope, page_result};

/// The dump as text: every line one page, each ending in `\n`.
pub fn dump_lines(dataset: &Dataset, page_size: usize) -> String {
    let mut out = String::new();
    for batch in &dataset.batches {
        let mut cursor = 0;
        loop {
            let page = batch.page(PullType::All, cursor, page_size);
            out.push_str(&envelope(page_result(batch, &page, false), false, None).to_string());
            out.push('\n');
            if !page.has_next || page.last_sequence == cursor {
                break;
            }
            cursor = page.last_sequence;
        }
    }
    out
}

pub fn write_dump(
    path: &std::path::Path,
    dataset: &Dataset,
    page_size: usize,
) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(dump_lines(dataset, page_size).as_bytes())?;
    file.flush()
}
