use std::collections::HashMap;

use super::csv::csv_field;
use super::*;
use crate::simulator::dataset::DatasetSpec;

fn dataset(batches: usize, codes: usize) -> Dataset {
    Dataset::generate(&DatasetSpec {
        seed: 42,
        batches,
        codes_per_batch: codes,
        partner_code: "demo_partner".into(),
    })
}

fn kinds(issuance: &DemoIssuance) -> Vec<ExceptionKind> {
    issuance
        .injected
        .iter()
        .map(|exception| exception.kind)
        .collect()
}

#[test]
fn default_demo_carries_every_exception() {
    let data = dataset(3, 300);
    let issuance = generate(&data, 42);
    let kinds = kinds(&issuance);
    for expected in [
        ExceptionKind::UnissuedRedeemed,
        ExceptionKind::UnissuedBound,
        ExceptionKind::UnknownCode,
        ExceptionKind::TypoCode,
        ExceptionKind::DuplicateIssue,
        ExceptionKind::VoidedButRedeemed,
        ExceptionKind::VoidedUnused,
        ExceptionKind::FaceValueMismatch,
        ExceptionKind::BatchMismatch,
        ExceptionKind::FullWidthCode,
        ExceptionKind::LowerCaseCode,
        ExceptionKind::ApostropheCode,
        ExceptionKind::PaddedCode,
    ] {
        assert!(kinds.contains(&expected), "missing {expected:?}");
    }
    assert_eq!(
        kinds
            .iter()
            .filter(|kind| **kind == ExceptionKind::UnissuedRedeemed)
            .count(),
        2
    );
}

#[test]
fn exceptions_are_where_the_manifest_says() {
    let data = dataset(3, 300);
    let issuance = generate(&data, 42);
    let code_of = |kind: ExceptionKind| {
        issuance
            .injected
            .iter()
            .find(|exception| exception.kind == kind)
            .map(|exception| exception.code.clone())
            .unwrap()
    };
    let rows_for = |code: &str| {
        issuance
            .rows
            .iter()
            .filter(|row| row.code == code)
            .collect::<Vec<_>>()
    };

    assert!(rows_for(&code_of(ExceptionKind::UnissuedRedeemed)).is_empty());
    assert!(rows_for(&code_of(ExceptionKind::UnissuedBound)).is_empty());
    assert_eq!(rows_for(&code_of(ExceptionKind::DuplicateIssue)).len(), 2);
    assert_eq!(
        rows_for(&code_of(ExceptionKind::VoidedButRedeemed))[0].local_status,
        "作废"
    );
    assert_eq!(
        rows_for(&code_of(ExceptionKind::VoidedUnused))[0].local_status,
        "已作废"
    );
    let unknown = code_of(ExceptionKind::UnknownCode);
    let typo = code_of(ExceptionKind::TypoCode);
    assert!(!data.contains_code(&unknown) && !data.contains_code(&typo));
    assert_eq!(rows_for(&unknown).len(), 1);

    let first = &data.batches[0];
    let mismatch = rows_for(&code_of(ExceptionKind::FaceValueMismatch))[0].clone();
    assert_eq!(
        mismatch.face_value,
        yuan_text(first.denomination_fen - 500, 0)
    );
    let moved = rows_for(&code_of(ExceptionKind::BatchMismatch))[0].clone();
    assert_eq!(moved.mix_id, first.mix_id);
    assert!(
        data.batches[1]
            .codes
            .iter()
            .any(|record| record.code == code_of(ExceptionKind::BatchMismatch))
    );

    let full_width = code_of(ExceptionKind::FullWidthCode);
    assert!(
        issuance
            .rows
            .iter()
            .any(|row| row.code == to_full_width(&full_width) && row.code != full_width)
    );
    let lower = code_of(ExceptionKind::LowerCaseCode);
    assert!(
        issuance
            .rows
            .iter()
            .any(|row| row.code == lower.to_ascii_lowercase())
    );
    let apostrophe = code_of(ExceptionKind::ApostropheCode);
    assert!(
        issuance
            .rows
            .iter()
            .any(|row| row.code == format!("'{apostrophe}"))
    );
    let padded = code_of(ExceptionKind::PaddedCode);
    assert!(
        issuance
            .rows
            .iter()
            .any(|row| row.code == format!(" {padded} "))
    );
}

#[test]
fn every_other_row_is_a_plain_issued_platform_code() {
    let data = dataset(3, 300);
    let issuance = generate(&data, 42);
    let mut per_code: HashMap<&str, usize> = HashMap::new();
    for row in &issuance.rows {
        *per_code.entry(row.code.as_str()).or_default() += 1;
    }
    let special: Vec<String> = issuance
        .injected
        .iter()
        .map(|exception| exception.code.clone())
        .collect();
    for row in &issuance.rows {
        if special.iter().any(|code| row.code.contains(code.as_str()))
            || row.code != row.code.trim()
            || row.code.starts_with('\'')
        {
            continue;
        }
        if !row.code.is_ascii() || row.code.chars().any(|ch| ch.is_ascii_lowercase()) {
            continue;
        }
        assert!(data.contains_code(&row.code), "{} unknown", row.code);
        assert_eq!(per_code[row.code.as_str()], 1);
        assert_eq!(row.local_status, ISSUED);
    }
    // Times are Beijing wall clock text and the list is sorted by them.
    assert!(
        issuance
            .rows
            .windows(2)
            .all(|pair| pair[0].issued_at <= pair[1].issued_at)
    );
    assert!(
        issuance
            .rows
            .iter()
            .all(|row| parse_shanghai(&row.issued_at).is_some())
    );
}

#[test]
fn csv_has_bom_header_crlf_and_quotes() {
    let data = dataset(2, 60);
    let issuance = generate(&data, 7);
    let csv = to_csv(&issuance.rows);
    assert!(csv.starts_with("\u{FEFF}券码,发放时间,领取人,订单号,面值(元),批次号,状态,备注\r\n"));
    assert_eq!(csv.matches("\r\n").count(), issuance.rows.len() + 1);
    assert!(!csv.replace("\r\n", "").contains('\n'));
    assert_eq!(csv_field("a,b"), "\"a,b\"");
    assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_field(" X "), "\" X \"");
    assert_eq!(csv_field("plain"), "plain");
}

#[test]
fn face_values_are_spelt_like_people_type_them() {
    assert_eq!(yuan_text(4000, 0), "40.00");
    assert_eq!(yuan_text(4000, 1), "¥40.00");
    assert_eq!(yuan_text(4000, 3), "40元");
    assert_eq!(yuan_text(3990, 3), "39.90");
    assert_eq!(yuan_text(4000, 4), "40");
    assert_eq!(to_full_width("AB12"), "ＡＢ１２");
}

#[test]
fn tiny_and_empty_data_sets_do_not_panic() {
    for (batches, codes) in [(0, 0), (1, 0), (1, 1), (1, 5), (2, 3)] {
        let data = dataset(batches, codes);
        let issuance = generate(&data, 1);
        let _ = to_csv(&issuance.rows);
    }
}

#[test]
fn same_seed_same_list() {
    let data = dataset(3, 100);
    assert_eq!(generate(&data, 9).rows, generate(&data, 9).rows);
}
