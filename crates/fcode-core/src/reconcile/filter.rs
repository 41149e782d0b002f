//! Filtering for the virtual table: by class, flag, batch and search text.
//! Returns code indices; the page then asks for detail rows of a window.

use super::{Class, Flag, Inputs, Reconciliation};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeFilter {
    /// Any of these classes (empty: all).
    #[serde(default)]
    pub classes: Vec<Class>,
    /// Any of these flags (empty: no flag condition).
    #[serde(default)]
    pub flags: Vec<Flag>,
    /// Only codes with at least one flag.
    #[serde(default)]
    pub exceptions_only: bool,
    /// Only codes of this batch (index into `Reconciliation::batches`).
    #[serde(default)]
    pub batch: Option<u32>,
    /// Substring of the code (case-insensitive), or of recipient, order
    /// reference or note.
    #[serde(default)]
    pub search: Option<String>,
}

impl Reconciliation {
    /// Indices of the codes that pass `filter`, in table order.
    pub fn filter(&self, inputs: &Inputs<'_>, filter: &CodeFilter) -> Vec<u32> {
        let class_mask: u16 = filter.classes.iter().fold(0, |m, c| m | (1 << c.index()));
        let flag_mask: u16 = filter.flags.iter().fold(0, |m, f| m | f.bit());
        let needle = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let code_needle = needle.map(crate::code::normalise_code);
        let text_needle = needle.map(str::to_lowercase);
        // Codes and row fields are read from the inputs: only the inputs this
        // was made from can be searched (any others match nothing).
        let search_fields = self.matches_inputs(inputs);
        let mut out = Vec::new();
        for (i, r) in self.results.iter().enumerate() {
            if class_mask != 0 && class_mask & (1 << r.class.index()) == 0 {
                continue;
            }
            if flag_mask != 0 && r.flags.0 & flag_mask == 0 {
                continue;
            }
            if filter.exceptions_only && r.flags.is_empty() {
                continue;
            }
            if filter.batch.is_some() && r.batch() != filter.batch {
                continue;
            }
            if let (Some(cn), Some(tn)) = (&code_needle, &text_needle) {
                let in_code = search_fields && self.code(inputs, i).contains(cn.as_str());
                let in_text = !in_code
                    && search_fields
                    && self.rows_of(r).iter().any(|rr| {
                        let Some(f) = inputs.issuance.get(rr.0 as usize) else {
                            return false;
                        };
                        let Some(row) = f.rows.get(rr.1 as usize) else {
                            return false;
                        };
                        [row.recipient, row.order_ref, row.note]
                            .iter()
                            .any(|s| f.text.get(*s).to_lowercase().contains(tn.as_str()))
                    });
                if !in_code && !in_text {
                    continue;
                }
            }
            out.push(i as u32);
        }
        out
    }
}
