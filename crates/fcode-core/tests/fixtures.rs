//! The hand-made fixture set (tests/fixtures): every class and every flag,
//! the expected report compared field by field, figures checked by hand,
//! and the exports checked for formula escaping and the incomplete-batch
//! warning.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{first_difference, load_fixtures, read_fixture};
use fcode_core::error::Location;
use fcode_core::reconcile::{Class, CodeFilter, Flag};
use fcode_core::report::{details_csv, exceptions_csv, xlsx};
use std::io::Cursor;

#[test]
fn report_matches_expected_field_by_field() {
    let l = load_fixtures();
    let rec = l.reconcile();
    let report = l.report(&rec);
    let mut got = serde_json::to_value(&report).unwrap();
    let mut want: serde_json::Value =
        serde_json::from_slice(&read_fixture("expected-report.json")).unwrap();
    got.as_object_mut().unwrap().remove("generated_at");
    want.as_object_mut().unwrap().remove("generated_at");
    if let Some(d) = first_difference("report", &got, &want) {
        panic!("report differs from tests/fixtures/expected-report.json at {d}");
    }
    // And the checked-in file parses back into the typed report.
    let typed: fcode_core::report::Report =
        serde_json::from_slice(&read_fixture("expected-report.json")).unwrap();
    assert_eq!(typed.schema, "fcode-recon/report/v1");
}

#[test]
fn hand_computed_figures() {
    let l = load_fixtures();
    let rec = l.reconcile();
    let r = l.report(&rec);
    let c = |k: Class| {
        let t = r.classes.get(k);
        (t.count, t.amount_cents, t.amount_unknown)
    };
    assert_eq!(c(Class::Redeemed), (10, 7100, 0));
    assert_eq!(c(Class::Outstanding), (4, 3900, 0));
    assert_eq!(c(Class::Expired), (3, 1900, 0));
    assert_eq!(c(Class::Invalidated), (1, 1000, 0));
    assert_eq!(c(Class::MissingOnPlatform), (3, 1000, 1));
    assert_eq!(c(Class::NotRedeemed), (2, 1600, 0));
    assert_eq!(c(Class::UnissuedRedeemed), (2, 700, 0));
    assert_eq!(c(Class::UnissuedBound), (2, 1500, 0));
    assert_eq!(c(Class::Unissued), (2, 700, 0));
    let f = |k: Flag| {
        let t = r.flags.get(k);
        (t.count, t.amount_cents, t.amount_unknown)
    };
    assert_eq!(f(Flag::VoidedButRedeemed), (1, 400, 0));
    assert_eq!(f(Flag::DuplicateIssue), (1, 1000, 0));
    assert_eq!(f(Flag::PlatformConflict), (2, 2500, 0));
    assert_eq!(f(Flag::FaceValueMismatch), (1, 1000, 0));
    assert_eq!(f(Flag::BatchMismatch), (2, 2500, 0));
    assert_eq!(f(Flag::RedeemedAfterExpiry), (2, 1400, 0));
    for fl in Flag::ALL {
        assert!(
            r.flags.get(fl).count > 0,
            "flag {} not exercised",
            fl.as_str()
        );
    }
    for cl in Class::ALL {
        assert!(
            r.classes.get(cl).count > 0,
            "class {} not exercised",
            cl.as_str()
        );
    }
    let p = r.period.as_ref().unwrap();
    assert_eq!(
        (
            p.redeemed_in_period.count,
            p.redeemed_in_period.amount_cents
        ),
        (7, 5400)
    );
    assert_eq!(
        (p.redeemed_before.count, p.redeemed_before.amount_cents),
        (3, 1700)
    );
    assert_eq!(
        (p.redeemed_after.count, p.redeemed_after.amount_cents),
        (2, 700)
    );
    assert_eq!(
        (
            r.exceptions.count,
            r.exceptions.amount_cents,
            r.exceptions.amount_unknown
        ),
        (15, 10000, 1)
    );
    let t = &r.tie_out;
    assert_eq!(
        (
            t.platform_records,
            t.platform_codes,
            t.issuance_rows,
            t.issued_codes,
            t.codes
        ),
        (27, 24, 24, 23, 29)
    );
    assert_eq!((t.normalised_rows, t.rejected_rows), (4, 3));
    assert!(t.balanced);
    let completeness: Vec<Option<bool>> = r.batches.iter().map(|b| b.complete).collect();
    assert_eq!(
        completeness,
        vec![
            Some(true),
            Some(false),
            Some(true),
            Some(true),
            None,
            Some(true)
        ]
    );
    assert_eq!(
        r.warnings,
        vec!["batch code_bbbb000000000002 (暑期档) is incomplete: 6 of 7 codes loaded".to_string()]
    );
}

#[test]
fn rejected_rows_name_their_place() {
    let l = load_fixtures();
    let e = &l.platform[4].0.row_errors.listed[0];
    assert_eq!(e.location, Location::Line { line: 4 });
    assert_eq!(
        e.to_string(),
        "platform-e.csv, line 4, column 券码状态: unknown code_status '9' (expected -2, -1, 0 or 2)"
    );
    let msgs: Vec<String> = l
        .issued
        .row_errors
        .listed
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        msgs,
        vec![
            "issued-gbk.csv, line 26, column 面值(元): amount '4.005' has a fraction of a fen"
                .to_string(),
            "issued-gbk.csv, line 27, column 面值(元): negative amount '-4'".to_string(),
        ]
    );
}

#[test]
fn csv_exports_escape_formulas_and_carry_the_warning() {
    let l = load_fixtures();
    let rec = l.reconcile();
    let inputs = l.inputs();
    for bytes in [details_csv(&rec, &inputs), exceptions_csv(&rec, &inputs)] {
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert!(
            text.starts_with("# 警告 WARNING: batch code_bbbb000000000002 (暑期档) is incomplete")
        );
        assert!(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\""));
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for rec in rdr.records() {
            for cell in rec.unwrap().iter() {
                let bad = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(!bad, "unsafe cell {cell:?}");
            }
        }
    }
    let exc = exceptions_csv(&rec, &inputs);
    let lines = std::str::from_utf8(&exc).unwrap().lines().count();
    assert_eq!(lines, 1 + 1 + 15, "warning + header + 15 exception codes");
}

#[test]
fn xlsx_export_has_text_codes_amounts_and_escaping() {
    let l = load_fixtures();
    let rec = l.reconcile();
    let inputs = l.inputs();
    let report = l.report(&rec);
    let bytes = xlsx(&rec, &inputs, &report).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Summary", "Exceptions", "Details"]);
    let summary = wb.worksheet_range("Summary").unwrap();
    let texts: Vec<String> = summary
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("警告 WARNING: batch code_bbbb000000000002"))
    );
    let details = wb.worksheet_range("Details").unwrap();
    let rows: Vec<&[Data]> = details.rows().collect();
    assert!(matches!(&rows[0][0], Data::String(s) if s.starts_with("警告 WARNING")));
    assert_eq!(rows[1][0], Data::String("code".into()));
    assert_eq!(rows.len(), 2 + 29);
    let fca003 = rows
        .iter()
        .find(|r| r[0] == Data::String("FCA003".into()))
        .unwrap();
    assert_eq!(
        fca003[9],
        Data::String("'=HYPERLINK(\"http://evil.example\",\"点我\")".into())
    );
    assert_eq!(fca003[7], Data::Float(2000.0));
    for r in &rows[2..] {
        assert!(
            matches!(&r[0], Data::String(_)),
            "code must be a text cell: {:?}",
            r[0]
        );
    }
}

#[test]
fn detail_rows_and_filters_for_the_virtual_table() {
    let l = load_fixtures();
    let rec = l.reconcile();
    let inputs = l.inputs();
    let conflicts = rec.filter(
        &inputs,
        &CodeFilter {
            flags: vec![Flag::PlatformConflict],
            ..Default::default()
        },
    );
    let codes: Vec<&str> = conflicts
        .iter()
        .map(|&i| rec.code(&inputs, i as usize))
        .collect();
    assert_eq!(codes, vec!["FCA003", "FCC002"]);
    let by_name = rec.filter(
        &inputs,
        &CodeFilter {
            search: Some("林二".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        by_name
            .iter()
            .map(|&i| rec.code(&inputs, i as usize))
            .collect::<Vec<_>>(),
        vec!["FCB005"]
    );
    let by_code = rec.filter(
        &inputs,
        &CodeFilter {
            search: Some("fcb00".into()),
            classes: vec![Class::Redeemed],
            ..Default::default()
        },
    );
    assert_eq!(by_code.len(), 2);
    let d = rec.detail_row(&inputs, by_name[0] as usize).unwrap();
    assert_eq!(d.recipient, "陈一; 林二");
    assert_eq!(
        d.issuance_source,
        "issued-gbk.csv line 12; issued-gbk.csv line 13"
    );
    let page = rec.detail_rows(&inputs, 0, 5);
    assert_eq!(page.len(), 5);
    // Wrong inputs: no rows rather than wrong rows.
    let other = fcode_core::reconcile::Inputs::default();
    assert!(rec.detail_row(&other, 0).is_none());
    // The reconciliation survives a round trip through JSON (worker ↔ page).
    let back: fcode_core::reconcile::Reconciliation =
        serde_json::from_str(&serde_json::to_string(&rec).unwrap()).unwrap();
    assert_eq!(back, rec);
}

#[test]
fn xlsx_details_split_over_sheets() {
    let l = load_fixtures();
    let rec = l.reconcile();
    let inputs = l.inputs();
    let report = l.report(&rec);
    // 12 rows per sheet: 1 warning + 1 header + 10 codes; 29 codes → 3 sheets.
    let bytes = fcode_core::report::xlsx_with_sheet_rows(&rec, &inputs, &report, 12).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec!["Summary", "Exceptions", "Details", "Details 2", "Details 3"]
    );
    let mut codes = 0;
    for name in ["Details", "Details 2", "Details 3"] {
        let r = wb.worksheet_range(name).unwrap();
        codes += r.rows().count() - 2;
    }
    assert_eq!(codes, 29);
}
