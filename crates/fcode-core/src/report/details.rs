//! The columns of detail rows (SPEC 5) as text cells, shared by the CSV and
//! XLSX writers and by anyone reading an export back.

use crate::reconcile::DetailRow;

/// Column headers, SPEC 5 order first, extras after.
pub const DETAIL_COLUMNS: [&str; 19] = [
    "code",
    "class",
    "flags",
    "platform_status",
    "bind_status",
    "gmt_modified",
    "mix_id",
    "amount_cents",
    "issued_at",
    "recipient",
    "order_ref",
    "local_face_value_cents",
    "local_status",
    "platform_source",
    "issuance_source",
    "batch_name",
    "local_mix_id",
    "note",
    "code_as_given",
];

/// Column indices that hold integers (written as numbers in XLSX).
pub const NUMERIC_COLUMNS: [usize; 4] = [3, 4, 7, 11];

/// A detail row as raw (unescaped) text cells, in [`DETAIL_COLUMNS`] order.
pub fn detail_cells(r: &DetailRow) -> [String; 19] {
    let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    [
        r.code.clone(),
        r.class.as_str().to_string(),
        r.flags.joined(),
        opt(r.platform_status.map(|s| s.code())),
        opt(r.bind_status.map(|s| s.code())),
        r.gmt_modified.map(|t| t.to_string()).unwrap_or_default(),
        r.mix_id.clone().unwrap_or_default(),
        opt(r.amount.map(|a| a.0)),
        r.issued_at.clone(),
        r.recipient.clone(),
        r.order_ref.clone(),
        opt(r.local_face_value.map(|a| a.0)),
        r.local_status
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        r.platform_source.clone(),
        r.issuance_source.clone(),
        r.batch_name.clone().unwrap_or_default(),
        r.local_mix_id.clone(),
        r.note.clone(),
        r.code_as_given.clone(),
    ]
}
