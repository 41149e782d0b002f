//! Header row detection and the zh/en synonyms of SPEC 2.2.

use super::mapping::{ColumnMapping, IssuanceField};
use super::money::FaceValueUnit;
use crate::table::Cells;
use crate::table::headers::{header_key, match_field};

pub const SYNONYMS: &[(IssuanceField, &[&str])] = &[
    (
        IssuanceField::Code,
        &[
            "code",
            "券码",
            "券号",
            "兑换码",
            "优惠券码",
            "优惠券明码",
            "券码号",
            "couponcode",
            "fcode",
            "vouchercode",
            "voucher",
        ],
    ),
    (
        IssuanceField::IssuedAt,
        &[
            "issuedat",
            "发放时间",
            "发券时间",
            "领取时间",
            "发放日期",
            "issuetime",
            "issuedate",
            "issued",
        ],
    ),
    (
        IssuanceField::Recipient,
        &[
            "recipient",
            "领取人",
            "姓名",
            "员工",
            "收件人",
            "员工姓名",
            "客户",
            "领取人姓名",
            "name",
        ],
    ),
    (
        IssuanceField::OrderRef,
        &[
            "orderref",
            "订单号",
            "单号",
            "订单编号",
            "orderno",
            "order",
            "ordernumber",
            "reference",
        ],
    ),
    (
        IssuanceField::FaceValue,
        &[
            "facevalue",
            "面值",
            "金额",
            "面额",
            "amount",
            "value",
            "denomination",
        ],
    ),
    (
        IssuanceField::MixId,
        &["mixid", "批次", "批次号", "批次id", "batch", "batchid"],
    ),
    (
        IssuanceField::LocalStatus,
        &["localstatus", "状态", "status", "发放状态"],
    ),
    (
        IssuanceField::Note,
        &["note", "备注", "notes", "remark", "remarks", "comment"],
    ),
];

/// What the header row says.
pub struct DetectedHeader {
    pub mapping: ColumnMapping,
    /// Two columns that look like the same field: (field, first, second).
    pub conflicts: Vec<(IssuanceField, usize, usize)>,
    pub unit_hint: Option<FaceValueUnit>,
}

/// Maps the cells of a candidate header row to fields.
pub fn detect(cells: &Cells<'_>) -> DetectedHeader {
    let mut mapping = ColumnMapping::default();
    let mut conflicts = Vec::new();
    let mut unit_hint = None;
    for i in 0..cells.len() {
        let key = header_key(cells.get(i).unwrap_or(""));
        let Some(field) = match_field(&key, SYNONYMS) else {
            continue;
        };
        if let Some(&first) = mapping.columns.get(&field) {
            conflicts.push((field, first, i));
            continue;
        }
        if field == IssuanceField::FaceValue {
            unit_hint = match key.unit.as_deref() {
                Some("元" | "yuan" | "rmb" | "cny" | "¥") => Some(FaceValueUnit::Yuan),
                Some("分" | "fen" | "cents" | "cent") => Some(FaceValueUnit::Fen),
                _ => None,
            };
        }
        mapping.columns.insert(field, i);
    }
    DetectedHeader {
        mapping,
        conflicts,
        unit_hint,
    }
}

/// Whether a row can be the header: one of its cells names the code column.
pub fn is_header(cells: &Cells<'_>) -> bool {
    (0..cells.len()).any(|i| {
        let key = header_key(cells.get(i).unwrap_or(""));
        match_field(&key, SYNONYMS) == Some(IssuanceField::Code)
    })
}

/// Local status synonyms (SPEC 2.2). `None`: not a known word.
pub fn local_status(text: &str) -> Option<crate::model::LocalStatus> {
    use crate::model::LocalStatus;
    const ISSUED: [&str; 9] = [
        "",
        "issued",
        "已发放",
        "发放",
        "已发",
        "正常",
        "有效",
        "active",
        "ok",
    ];
    const VOID: [&str; 11] = [
        "void",
        "voided",
        "cancelled",
        "canceled",
        "refunded",
        "作废",
        "已作废",
        "退回",
        "已退回",
        "退款",
        "已退款",
    ];
    let t = crate::table::trim(text);
    if ISSUED.iter().any(|w| w.eq_ignore_ascii_case(t)) {
        Some(LocalStatus::Issued)
    } else if VOID.iter().any(|w| w.eq_ignore_ascii_case(t)) {
        Some(LocalStatus::Void)
    } else {
        None
    }
}
