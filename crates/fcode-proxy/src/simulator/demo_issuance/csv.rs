//! Writing the issuance list the way Chinese Excel users exchange it.

use std::fmt::Write as _;

use super::{DemoIssuance, IssuanceRow};

pub const HEADER: &str = "券码,发放时间,领取人,订单号,面值(元),批次号,状态,备注";

/// The list as a CSV file: UTF-8 with BOM and CRLF, as Excel on a Chinese Windows
/// expects; fields quoted when they contain a comma, a quote or a line break.
pub fn to_csv(rows: &[IssuanceRow]) -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(HEADER);
    out.push_str("\r\n");
    for row in rows {
        let fields = [
            &row.code,
            &row.issued_at,
            &row.recipient,
            &row.order_ref,
            &row.face_value,
            &row.mix_id,
            &row.local_status,
            &row.note,
        ];
        let line: Vec<String> = fields.iter().map(|field| csv_field(field)).collect();
        let _ = write!(out, "{}\r\n", line.join(","));
    }
    out
}

pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub fn write_demo_issuance(path: &std::path::Path, issuance: &DemoIssuance) -> std::io::Result<()> {
    std::fs::write(path, to_csv(&issuance.rows))
}
