//! `--demo-issuance FILE`: a company's issuance list for the simulator's data set, as
//! finance would keep it in Chinese Excel, with the exceptions reconciliation must find.
//!
//! CSV, UTF-8 with BOM, CRLF, header `券码,发放时间,领取人,订单号,面值(元),批次号,状态,备注`.
//! Face values are yuan in the mixed spellings people type (`40.00`, `¥40.00`, `40元`).
//!
//! Most codes that reached users are on the list; some stock was never handed out. On
//! top of that, deterministic exceptions are injected (see `ExceptionKind`); the list of
//! what was injected where is returned so that tests and the README can state the
//! expected findings.

use crate::prng::Prng;
use crate::timestamp::{SHANGHAI_OFFSET_SECS, format_shanghai, parse_shanghai};

use super::dataset::{Batch, Dataset, bind, random_code, status};

mod csv;
mod typing;

pub use csv::{HEADER, to_csv, write_demo_issuance};
use typing::{to_full_width, yuan_text};

const ISSUED: &str = "已发放";

const RECIPIENTS: &[&str] = &[
    "张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷", "徐丽", "孙浩",
    "马超", "朱琳", "胡斌", "郭晓",
];
const DEPARTMENTS: &[&str] = &[
    "市场部",
    "研发中心",
    "财务部",
    "人力资源部",
    "销售一部",
    "客服中心",
];

/// The exceptions the demo list carries on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionKind {
    /// A redeemed code that is not on the list (leak or fraud): `unissued_redeemed`.
    UnissuedRedeemed,
    /// A bound, unredeemed code that is not on the list: `unissued_bound`.
    UnissuedBound,
    /// A listed code the platform does not know (made up): `missing_on_platform`.
    UnknownCode,
    /// A listed code with two characters swapped (a typing error): `missing_on_platform`.
    TypoCode,
    /// The same code on two rows, different recipients: `duplicate_issue`.
    DuplicateIssue,
    /// Voided on the list (作废) but redeemed on the platform: `voided_but_redeemed`.
    VoidedButRedeemed,
    /// Voided on the list and never used: a legitimate void, no flag.
    VoidedUnused,
    /// Face value differs from the batch denomination: `face_value_mismatch`.
    FaceValueMismatch,
    /// The row names another batch's mix_id: `batch_mismatch`.
    BatchMismatch,
    /// Code typed with full-width characters (Chinese IME): normalised, no flag.
    FullWidthCode,
    /// Code typed in lower case: normalised, no flag.
    LowerCaseCode,
    /// Code with Excel's leading apostrophe: normalised, no flag.
    ApostropheCode,
    /// Code with spaces around it: normalised, no flag.
    PaddedCode,
}

impl ExceptionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ExceptionKind::UnissuedRedeemed => "unissued_redeemed",
            ExceptionKind::UnissuedBound => "unissued_bound",
            ExceptionKind::UnknownCode => "missing_on_platform (unknown code)",
            ExceptionKind::TypoCode => "missing_on_platform (typo)",
            ExceptionKind::DuplicateIssue => "duplicate_issue",
            ExceptionKind::VoidedButRedeemed => "voided_but_redeemed",
            ExceptionKind::VoidedUnused => "void, unused (no flag)",
            ExceptionKind::FaceValueMismatch => "face_value_mismatch",
            ExceptionKind::BatchMismatch => "batch_mismatch",
            ExceptionKind::FullWidthCode => "full-width code (normalised)",
            ExceptionKind::LowerCaseCode => "lower-case code (normalised)",
            ExceptionKind::ApostropheCode => "leading apostrophe (normalised)",
            ExceptionKind::PaddedCode => "surrounding spaces (normalised)",
        }
    }
}

/// One row of the issuance list, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuanceRow {
    pub code: String,
    pub issued_at: String,
    pub recipient: String,
    pub order_ref: String,
    pub face_value: String,
    pub mix_id: String,
    pub local_status: String,
    pub note: String,
}

/// An injected exception: what, on which platform code (as the platform spells it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InjectedException {
    pub kind: ExceptionKind,
    pub code: String,
}

#[derive(Debug, Clone)]
pub struct DemoIssuance {
    pub rows: Vec<IssuanceRow>,
    pub injected: Vec<InjectedException>,
}

/// What happens to one platform code on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Treatment {
    Normal,
    Skip(ExceptionKind),
    Special(ExceptionKind),
}

pub fn generate(dataset: &Dataset, seed: u64) -> DemoIssuance {
    let mut rng = Prng::new(seed ^ 0xD3E0_155E);
    let mut rows = Vec::new();
    let mut injected = Vec::new();
    let other_mix_id = dataset
        .batches
        .first()
        .map(|batch| batch.mix_id.clone())
        .unwrap_or_default();
    let mut order_number = 1u32;

    for (batch_index, batch) in dataset.batches.iter().enumerate() {
        let plan = plan_batch(batch, batch_index, dataset.batches.len());
        for (record, treatment) in batch.codes.iter().zip(plan.iter()) {
            let treatment = *treatment;
            if let Treatment::Skip(kind) = treatment {
                injected.push(InjectedException {
                    kind,
                    code: record.code.clone(),
                });
                continue;
            }
            let is_stock =
                record.code_status == status::NORMAL && record.bind_status == bind::UNBOUND;
            let is_invalidated = record.code_status == status::INVALIDATED;
            // Unbound stock and invalidated codes were often never handed out.
            if treatment == Treatment::Normal
                && ((is_stock && !rng.chance(0.6)) || (is_invalidated && !rng.chance(0.7)))
            {
                continue;
            }
            let mut row = base_row(
                &mut rng,
                batch,
                &record.code,
                &record.gmt_modified,
                record.code_status,
                &mut order_number,
            );
            if let Treatment::Special(kind) = treatment {
                injected.push(InjectedException {
                    kind,
                    code: record.code.clone(),
                });
                apply_special(
                    &mut rng,
                    kind,
                    batch,
                    &other_mix_id,
                    &mut row,
                    &mut rows,
                    &mut order_number,
                );
            }
            rows.push(row);
        }
    }

    // Codes unknown to the platform: one typing error of a real (never issued) code and
    // one code that exists nowhere.
    if let Some(batch) = dataset.batches.first() {
        if let Some(typo) = typo_code(dataset, batch) {
            let mut row = base_row(
                &mut rng,
                batch,
                &typo,
                &batch.bind_begin_time,
                status::NORMAL,
                &mut order_number,
            );
            row.note = "手工录入".into();
            injected.push(InjectedException {
                kind: ExceptionKind::TypoCode,
                code: typo.clone(),
            });
            rows.push(row);
        }
        let unknown = loop {
            let candidate = random_code(&mut rng);
            if !dataset.contains_code(&candidate) {
                break candidate;
            }
        };
        let mut row = base_row(
            &mut rng,
            batch,
            &unknown,
            &batch.bind_begin_time,
            status::NORMAL,
            &mut order_number,
        );
        row.note = "线下活动补录".into();
        injected.push(InjectedException {
            kind: ExceptionKind::UnknownCode,
            code: unknown,
        });
        rows.push(row);
    }

    // The list is kept in the order codes were handed out.
    rows.sort_by(|a, b| {
        a.issued_at
            .cmp(&b.issued_at)
            .then_with(|| a.order_ref.cmp(&b.order_ref))
    });
    // Order references count up in that order too, as a real order system's would.
    let mut number = 0u32;
    for row in rows.iter_mut().filter(|row| !row.order_ref.is_empty()) {
        row.order_ref = next_order_ref(&row.issued_at, &mut number);
    }
    DemoIssuance { rows, injected }
}

/// Which codes of a batch carry which exception. Exceptions live in the first batch,
/// except `batch_mismatch`, which needs a second batch to point at the first.
fn plan_batch(batch: &Batch, batch_index: usize, batch_count: usize) -> Vec<Treatment> {
    let mut plan = vec![Treatment::Normal; batch.codes.len()];
    let redeemed: Vec<usize> = batch
        .codes
        .iter()
        .enumerate()
        .filter(|(position, record)| record.code_status == status::REDEEMED && *position != 7)
        .map(|(position, _)| position)
        .collect();
    let mut assign = |position: Option<&usize>, treatment: Treatment| {
        if let Some(slot) = position.and_then(|position| plan.get_mut(*position)) {
            *slot = treatment;
        }
    };
    if batch_index == 1 {
        assign(
            redeemed.first(),
            Treatment::Special(ExceptionKind::BatchMismatch),
        );
    }
    if batch_index != 0 || batch_count == 0 {
        return plan;
    }
    let specials = [
        ExceptionKind::DuplicateIssue,
        ExceptionKind::VoidedButRedeemed,
        ExceptionKind::FaceValueMismatch,
        ExceptionKind::FullWidthCode,
        ExceptionKind::LowerCaseCode,
        ExceptionKind::ApostropheCode,
        ExceptionKind::PaddedCode,
    ];
    for (position, kind) in redeemed.iter().zip(specials) {
        assign(Some(position), Treatment::Special(kind));
    }
    // The last two redeemed codes leaked (only when enough are left for the rest).
    if redeemed.len() >= specials.len() + 2 {
        assign(
            redeemed.last(),
            Treatment::Skip(ExceptionKind::UnissuedRedeemed),
        );
        assign(
            redeemed.iter().rev().nth(1),
            Treatment::Skip(ExceptionKind::UnissuedRedeemed),
        );
    }
    let bound_unused = batch.codes.iter().rposition(|record| {
        record.code_status == status::NORMAL && record.bind_status == bind::BOUND
    });
    assign(
        bound_unused.as_ref(),
        Treatment::Skip(ExceptionKind::UnissuedBound),
    );
    let unused_stock = batch.codes.iter().position(|record| {
        record.code_status == status::NORMAL && record.bind_status == bind::UNBOUND
    });
    assign(
        unused_stock.as_ref(),
        Treatment::Special(ExceptionKind::VoidedUnused),
    );
    plan
}

fn apply_special(
    rng: &mut Prng,
    kind: ExceptionKind,
    batch: &Batch,
    other_mix_id: &str,
    row: &mut IssuanceRow,
    rows: &mut Vec<IssuanceRow>,
    order_number: &mut u32,
) {
    match kind {
        ExceptionKind::DuplicateIssue => {
            let mut second = row.clone();
            second.recipient = pick_recipient(rng);
            second.order_ref = next_order_ref(&second.issued_at, order_number);
            second.note = "重复发放?".into();
            rows.push(second);
        }
        ExceptionKind::VoidedButRedeemed => {
            row.local_status = "作废".into();
            row.note = "员工离职收回".into();
        }
        ExceptionKind::VoidedUnused => {
            row.local_status = "已作废".into();
            row.note = "活动取消,退回".into();
        }
        ExceptionKind::FaceValueMismatch => {
            row.face_value = yuan_text(batch.denomination_fen - 500, 0);
            row.note = "按旧价登记".into();
        }
        ExceptionKind::BatchMismatch => {
            row.mix_id = other_mix_id.to_string();
        }
        ExceptionKind::FullWidthCode => row.code = to_full_width(&row.code),
        ExceptionKind::LowerCaseCode => row.code = row.code.to_ascii_lowercase(),
        ExceptionKind::ApostropheCode => row.code = format!("'{}", row.code),
        ExceptionKind::PaddedCode => row.code = format!(" {} ", row.code),
        ExceptionKind::UnissuedRedeemed
        | ExceptionKind::UnissuedBound
        | ExceptionKind::UnknownCode
        | ExceptionKind::TypoCode => {}
    }
}

/// A row for `code`, handed out before the platform saw it move.
fn base_row(
    rng: &mut Prng,
    batch: &Batch,
    code: &str,
    gmt_modified: &str,
    code_status: i64,
    order_number: &mut u32,
) -> IssuanceRow {
    let begin = parse_shanghai(&batch.bind_begin_time).unwrap_or(0);
    let moved = parse_shanghai(gmt_modified).unwrap_or(begin);
    // Handed out between a week before binding opened and (for used codes) before use.
    let latest = if code_status == status::REDEEMED || moved > begin {
        moved - 3600
    } else {
        begin + 30 * 86_400
    };
    let earliest = begin - 7 * 86_400;
    let issued = rng.between(earliest, latest.max(earliest));
    // Working hours: snap to 09:00-18:00 of that day, the time people really type.
    let local = issued + SHANGHAI_OFFSET_SECS;
    let day_start = local - local.rem_euclid(86_400) - SHANGHAI_OFFSET_SECS;
    let issued = day_start + rng.between(9 * 3600, 18 * 3600 - 1);
    let issued_at = format_shanghai(issued.min(latest.max(earliest)));
    let spelling = rng.below(20);
    IssuanceRow {
        code: code.to_string(),
        order_ref: if rng.chance(0.05) {
            String::new()
        } else {
            next_order_ref(&issued_at, order_number)
        },
        issued_at,
        recipient: pick_recipient(rng),
        face_value: yuan_text(batch.denomination_fen, spelling),
        mix_id: if rng.chance(0.1) {
            String::new()
        } else {
            batch.mix_id.clone()
        },
        local_status: ISSUED.into(),
        note: String::new(),
    }
}

fn pick_recipient(rng: &mut Prng) -> String {
    let name = rng.pick(RECIPIENTS).copied().unwrap_or("张伟");
    let department = rng.pick(DEPARTMENTS).copied().unwrap_or("市场部");
    format!("{name}({department})")
}

fn next_order_ref(issued_at: &str, order_number: &mut u32) -> String {
    let month: String = issued_at
        .chars()
        .take(7)
        .filter(|ch| ch.is_ascii_digit())
        .collect();
    *order_number += 1;
    format!("FL{month}-{:05}", *order_number)
}

/// A never-issued stock code of `batch` with two neighbouring characters swapped, so it
/// looks like a typing error of a real code and is unknown to the platform.
fn typo_code(dataset: &Dataset, batch: &Batch) -> Option<String> {
    let source = batch.codes.iter().rev().find(|record| {
        record.code_status == status::NORMAL && record.bind_status == bind::UNBOUND
    })?;
    let chars: Vec<char> = source.code.chars().collect();
    (0..chars.len().saturating_sub(1)).find_map(|i| {
        let mut swapped = chars.clone();
        swapped.swap(i, i + 1);
        let candidate: String = swapped.into_iter().collect();
        (candidate != source.code && !dataset.contains_code(&candidate)).then_some(candidate)
    })
}

#[cfg(test)]
mod tests;
