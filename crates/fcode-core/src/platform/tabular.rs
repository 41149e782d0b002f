//! Platform data exported elsewhere as CSV/TSV or a spreadsheet: columns for
//! code, code status, modified time and bind status (API field names or the
//! Chinese labels), optionally mix_id and denomination.

use super::builder::{Builder, ColumnNames, RawRecord, RecordPos};
use super::scalar::Scalar;
use crate::error::{InputError, InputErrorKind};
use crate::issuance::money::{FaceValueUnit, parse_money};
use crate::table::headers::{header_key, match_field};
use crate::table::{Cells, RowPos};
use std::borrow::Cow;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Col {
    Code,
    CodeStatus,
    GmtModified,
    BindStatus,
    MixId,
    Denomination,
}

const SYNONYMS: &[(Col, &[&str])] = &[
    (
        Col::Code,
        &[
            "code",
            "券码",
            "优惠券明码",
            "券号",
            "兑换码",
            "优惠券码",
            "couponcode",
            "fcode",
        ],
    ),
    (
        Col::CodeStatus,
        &["codestatus", "券码状态", "状态", "status"],
    ),
    (
        Col::GmtModified,
        &[
            "gmtmodified",
            "券变更时间",
            "变更时间",
            "修改时间",
            "更新时间",
        ],
    ),
    (Col::BindStatus, &["bindstatus", "绑定状态"]),
    (
        Col::MixId,
        &["mixid", "批次", "批次号", "混淆id", "码商品混淆id"],
    ),
    (Col::Denomination, &["denomination", "面值", "面额"]),
];

fn label(c: Col) -> &'static str {
    match c {
        Col::Code => "code (券码 / 优惠券明码)",
        Col::CodeStatus => "code_status (券码状态)",
        Col::GmtModified => "gmt_modified (券变更时间)",
        Col::BindStatus => "bind_status (绑定状态)",
        Col::MixId => "mix_id (批次)",
        Col::Denomination => "denomination (面值)",
    }
}

struct Layout {
    cols: Vec<(Col, usize)>,
    headers: Vec<String>,
    width: usize,
    denomination_unit: FaceValueUnit,
}

impl Layout {
    fn get(&self, c: Col) -> Option<usize> {
        self.cols.iter().find(|(k, _)| *k == c).map(|(_, i)| *i)
    }
    fn header(&self, c: Col) -> &str {
        self.get(c)
            .and_then(|i| self.headers.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }
}

fn layout_of(name: &str, cells: &Cells<'_>) -> Result<Option<Layout>, InputError> {
    let mut cols: Vec<(Col, usize)> = Vec::new();
    let mut unit = FaceValueUnit::Fen;
    for i in 0..cells.len() {
        let key = header_key(cells.get(i).unwrap_or(""));
        let Some(c) = match_field(&key, SYNONYMS) else {
            continue;
        };
        if let Some((_, j)) = cols.iter().find(|(k, _)| *k == c) {
            return Err(InputError::new(
                name,
                InputErrorKind::Header,
                format!(
                    "columns {} and {} are both {}; keep one",
                    j + 1,
                    i + 1,
                    label(c)
                ),
            ));
        }
        if c == Col::Denomination {
            // The API's denomination is in fen; a bracketed unit says otherwise.
            if matches!(key.unit.as_deref(), Some("元" | "yuan" | "rmb" | "cny")) {
                unit = FaceValueUnit::Yuan;
            }
        }
        cols.push((c, i));
    }
    if !cols.iter().any(|(c, _)| *c == Col::Code) {
        return Ok(None);
    }
    for c in [Col::CodeStatus, Col::GmtModified, Col::BindStatus] {
        if !cols.iter().any(|(k, _)| *k == c) {
            return Err(InputError::new(
                name,
                InputErrorKind::Header,
                format!("has no column for {}", label(c)),
            ));
        }
    }
    Ok(Some(Layout {
        cols,
        headers: cells.to_vec(),
        width: cells.used_len(),
        denomination_unit: unit,
    }))
}

/// Reads rows from a table source into the builder (one page).
pub(crate) fn parse_table<F>(b: &mut Builder<'_>, for_each: F) -> Result<(), InputError>
where
    F: FnOnce(
        &mut dyn FnMut(RowPos, Cells<'_>) -> Result<bool, InputError>,
    ) -> Result<(), InputError>,
{
    b.begin_page();
    b.saw_result();
    b.saw_return_value();
    let mut layout: Option<Layout> = None;
    let mut rows_seen = 0u32;
    let name = b.name().to_string();
    let mut visit = |pos: RowPos, cells: Cells<'_>| -> Result<bool, InputError> {
        rows_seen = rows_seen.saturating_add(1);
        let Some(l) = layout.as_ref() else {
            if cells.is_blank() {
                return Ok(true);
            }
            layout = layout_of(&name, &cells)?;
            if layout.is_none() && rows_seen >= 10 {
                return Ok(false);
            }
            return Ok(true);
        };
        if cells.is_blank() {
            return Ok(true);
        }
        let rpos = match pos {
            RowPos::Line(n) => RecordPos::Line(n),
            RowPos::SheetRow(n) => RecordPos::SheetRow(n),
        };
        let n = cells.used_len();
        if n > l.width {
            b.skip_row(
                rpos,
                format!("has {n} fields but the header has {}", l.width),
            );
            return Ok(true);
        }
        let cell = |c: Col| {
            l.get(c)
                .and_then(|i| cells.get(i))
                .map(|s| Scalar::Str(Cow::Borrowed(s)))
        };
        let raw = RawRecord {
            code: cell(Col::Code),
            code_status: cell(Col::CodeStatus).filter(|s| !s.is_blank()),
            gmt_modified: cell(Col::GmtModified).filter(|s| !s.is_blank()),
            bind_status: cell(Col::BindStatus).filter(|s| !s.is_blank()),
        };
        let batch = l
            .get(Col::MixId)
            .and_then(|i| cells.get(i))
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(|m| b.batch_for(m));
        if let (Some(bi), Some(text)) = (batch, l.get(Col::Denomination).and_then(|i| cells.get(i)))
        {
            match parse_money(text, l.denomination_unit) {
                Ok(Some(f)) => b.set_denomination(bi, f),
                Ok(None) => {}
                Err(reason) => {
                    b.skip_row_at(rpos, l.header(Col::Denomination), reason);
                    return Ok(true);
                }
            }
        }
        let cols = ColumnNames {
            code: l.header(Col::Code),
            code_status: l.header(Col::CodeStatus),
            gmt_modified: l.header(Col::GmtModified),
            bind_status: l.header(Col::BindStatus),
        };
        b.record(raw, rpos, batch, &cols);
        Ok(true)
    };
    for_each(&mut visit)?;
    if layout.is_none() {
        return Err(InputError::new(
            &name,
            InputErrorKind::Header,
            "has no header row with a code column (code / 券码 / 优惠券明码)",
        ));
    }
    b.end_page()
}
