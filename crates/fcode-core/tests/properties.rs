//! Property tests: the tie-out invariants of SPEC 4 hold for random inputs,
//! and written CSV/XLSX exports read back to the same rows.

use calamine::{Data, Reader, Xlsx};
use fcode_core::code::normalise_code;
use fcode_core::issuance::{IssuanceOptions, parse_issuance, parse_issuance_owned};
use fcode_core::model::{CodeStatus, PullType};
use fcode_core::platform::parse_platform;
use fcode_core::reconcile::{
    Class, Flag, Inputs, Period, PlatformInput, ReconcileOptions, Reconciliation, Tally, reconcile,
};
use fcode_core::report::{
    ReportMeta, build_report, detail_cells, details_csv, unescape_cell, xlsx,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;

#[derive(Clone, Debug)]
struct PRec {
    code: usize,
    status: i8,
    bind: i8,
    minute: u8,
}

#[derive(Clone, Debug)]
struct PFile {
    batch: usize,
    consume: bool,
    pages: Vec<Vec<PRec>>,
    has_total: bool,
}

#[derive(Clone, Debug)]
struct IRow {
    code: usize,
    variant: u8,
    face: Option<u16>,
    mix: Option<usize>,
    void: bool,
    recipient: String,
}

const POOL: usize = 40;
const BATCHES: [&str; 3] = ["code_m0", "code_m1", "code_m2"];

fn code_text(i: usize, variant: u8) -> String {
    let c = format!("CODE{i:03}");
    match variant % 4 {
        1 => c.to_lowercase(),
        2 => format!("'{c}"),
        3 => format!(" {c} "),
        _ => c,
    }
}

fn prec() -> impl Strategy<Value = PRec> {
    (
        0..POOL,
        prop::sample::select(vec![-2i8, -1, 0, 2]),
        prop::sample::select(vec![-1i8, 0]),
        0u8..4,
    )
        .prop_map(|(code, status, bind, minute)| PRec {
            code,
            status,
            bind,
            minute,
        })
}

fn pfile() -> impl Strategy<Value = PFile> {
    (
        0..BATCHES.len(),
        any::<bool>(),
        prop::collection::vec(prop::collection::vec(prec(), 0..12), 1..3),
        any::<bool>(),
    )
        .prop_map(|(batch, consume, pages, has_total)| PFile {
            batch,
            consume,
            pages,
            has_total,
        })
}

fn irow() -> impl Strategy<Value = IRow> {
    (
        0..POOL + 10,
        any::<u8>(),
        prop::option::of(prop::sample::select(vec![400u16, 500, 1000])),
        prop::option::of(0..BATCHES.len() + 1),
        prop::bool::weighted(0.15),
        "[=+@'a-z张三 ,\"-]{0,8}",
    )
        .prop_map(|(code, variant, face, mix, void, recipient)| IRow {
            code,
            variant,
            face,
            mix,
            void,
            recipient,
        })
}

fn platform_json(f: &PFile) -> String {
    let mut out = String::new();
    let n = f.pages.len();
    for (p, page) in f.pages.iter().enumerate() {
        let recs: Vec<String> = page
            .iter()
            .filter(|r| !f.consume || r.status == 2)
            .map(|r| {
                format!(
                    r#"{{"code":"{}","code_status":"{}","gmt_modified":"2026-08-01 10:0{}:00","bind_status":{}}}"#,
                    code_text(r.code, 0),
                    r.status,
                    r.minute,
                    r.bind
                )
            })
            .collect();
        let total = if f.has_total {
            ",\"total_count\":12".to_string()
        } else {
            String::new()
        };
        out.push_str(&format!(
            r#"{{"result":{{"return_code":"0","return_value":{{"basic":{{"mix_id":"{}","denomination":{},"coupon_expire_time":"2026-08-01 10:01:30","valid_duration_type":"GENERAL"{total}}},"coupon_list":[{}],"has_next":{}}}}}}}"#,
            BATCHES[f.batch],
            400 + 100 * f.batch,
            recs.join(","),
            p + 1 < n
        ));
        out.push('\n');
    }
    out
}

fn issuance_csv(rows: &[IRow]) -> String {
    let mut out = String::from("券码\t面值(分)\t批次号\t状态\t领取人\n");
    for r in rows {
        let mix = match r.mix {
            Some(i) if i < BATCHES.len() => BATCHES[i].to_string(),
            Some(_) => "code_unloaded".to_string(),
            None => String::new(),
        };
        let rec = r.recipient.replace('"', "\"\"");
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t\"{}\"\n",
            code_text(r.code, r.variant),
            r.face.map(|f| f.to_string()).unwrap_or_default(),
            mix,
            if r.void { "作废" } else { "" },
            rec
        ));
    }
    out
}

struct World {
    platform: Vec<(fcode_core::platform::PlatformFile, PullType)>,
    issued: fcode_core::issuance::IssuanceFile,
}

impl World {
    fn inputs(&self) -> Inputs<'_> {
        Inputs {
            platform: self
                .platform
                .iter()
                .map(|(f, p)| PlatformInput { file: f, pull: *p })
                .collect(),
            issuance: vec![&self.issued],
        }
    }
}

fn build(files: &[PFile], rows: &[IRow]) -> World {
    let platform = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let pf = parse_platform(&format!("p{i}.json"), platform_json(f).as_bytes()).unwrap();
            (
                pf,
                if f.consume {
                    PullType::Consume
                } else {
                    PullType::All
                },
            )
        })
        .collect();
    let issued = parse_issuance(
        "i.tsv",
        issuance_csv(rows).as_bytes(),
        &IssuanceOptions::default(),
    )
    .unwrap();
    World { platform, issued }
}

fn sum_amounts<'a>(rec: &'a Reconciliation, pred: impl Fn(usize) -> bool + 'a) -> Tally {
    let mut t = Tally::default();
    for (i, r) in rec.results.iter().enumerate() {
        if pred(i) {
            t.add(r.amount());
        }
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn tie_out_invariants_hold(files in prop::collection::vec(pfile(), 0..4), rows in prop::collection::vec(irow(), 0..40)) {
        let w = build(&files, &rows);
        let period = Period::parse("2026-08-01 10:01:00..2026-08-01 10:03:00").unwrap();
        let inputs = w.inputs();
        let rec = reconcile(&inputs, &ReconcileOptions { period: Some(period) });

        // Distinct codes computed independently of the engine.
        let issued: BTreeSet<String> = rows.iter().map(|r| normalise_code(&code_text(r.code, r.variant))).collect();
        let on_platform: BTreeSet<String> = w.platform.iter().flat_map(|(f, _)| f.records.iter().map(|r| f.code(r).to_string())).collect();
        let all: BTreeSet<String> = issued.union(&on_platform).cloned().collect();
        prop_assert_eq!(rec.len(), all.len());
        let engine_codes: BTreeSet<String> = (0..rec.len()).map(|i| rec.code(&inputs, i).to_string()).collect();
        prop_assert_eq!(&engine_codes, &all);

        // The classes of issued codes add up to the distinct issued codes;
        // the classes of platform codes to the distinct platform codes.
        let t = &rec.totals;
        let issued_sum: u64 = Class::ALL.iter().filter(|c| c.is_issued()).map(|c| t.class(*c).count).sum();
        let platform_sum: u64 = Class::ALL.iter().filter(|c| c.is_on_platform()).map(|c| t.class(*c).count).sum();
        prop_assert_eq!(issued_sum, issued.len() as u64);
        prop_assert_eq!(platform_sum, on_platform.len() as u64);
        prop_assert!(rec.tie_out.balanced);
        for (i, r) in rec.results.iter().enumerate() {
            prop_assert_eq!(r.class.is_issued(), issued.contains(rec.code(&inputs, i)));
            prop_assert_eq!(r.class.is_on_platform(), on_platform.contains(rec.code(&inputs, i)));
        }

        // Every amount total equals the sum of its rows.
        for c in Class::ALL {
            prop_assert_eq!(t.class(c), sum_amounts(&rec, |i| rec.results[i].class == c));
        }
        for f in Flag::ALL {
            prop_assert_eq!(t.flag(f), sum_amounts(&rec, |i| rec.results[i].flags.has(f)));
        }
        // Per batch (plus the unbatched group) adds up to the total.
        for c in Class::ALL {
            let mut per = rec.unbatched.class(c);
            for b in &rec.batches {
                per.merge(&b.summary.class(c));
            }
            prop_assert_eq!(per, t.class(c));
        }
        // The period split covers exactly the platform's redemptions.
        let p = rec.period.as_ref().unwrap();
        let mut split = p.redeemed_in_period;
        split.merge(&p.redeemed_before);
        split.merge(&p.redeemed_after);
        let mut redeemed = t.class(Class::Redeemed);
        redeemed.merge(&t.class(Class::UnissuedRedeemed));
        prop_assert_eq!(split, redeemed);
        // The chart's per-day redemptions: each code's winning platform
        // record, fetched again, day by day; they add up to the redeemed classes.
        let mut days: BTreeMap<i64, (u64, i64)> = BTreeMap::new();
        for r in &rec.results {
            let Some((file, at)) = r.platform().map(|at| (&w.platform[at.0 as usize].0, at.1 as usize)) else { continue };
            let record = &file.records[at];
            if record.status == CodeStatus::Redeemed {
                let day = days.entry(record.gmt_modified.0.div_euclid(86_400)).or_default();
                day.0 += 1;
                day.1 += r.amount().map_or(0, |a| a.0);
            }
        }
        let engine_days: Vec<(i64, (u64, i64))> = rec.redeemed_per_day.iter().map(|d| (d.day, (d.count, d.amount.0))).collect();
        prop_assert_eq!(engine_days, days.into_iter().collect::<Vec<_>>());
        prop_assert_eq!(rec.redeemed_per_day.iter().map(|d| d.count).sum::<u64>(), redeemed.count);
        // Duplicate issue exactly when a code is on more than one row.
        let mut rows_per: BTreeMap<String, usize> = BTreeMap::new();
        for r in &rows {
            *rows_per.entry(normalise_code(&code_text(r.code, r.variant))).or_default() += 1;
        }
        for (i, r) in rec.results.iter().enumerate() {
            prop_assert_eq!(r.flags.has(Flag::DuplicateIssue), rows_per.get(rec.code(&inputs, i)).copied().unwrap_or(0) > 1);
        }
    }

    #[test]
    fn details_csv_reads_back_to_the_same_rows(files in prop::collection::vec(pfile(), 1..3), rows in prop::collection::vec(irow(), 1..30)) {
        let w = build(&files, &rows);
        let inputs = w.inputs();
        let rec = reconcile(&inputs, &ReconcileOptions::default());
        let bytes = details_csv(&rec, &inputs);
        let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap()).unwrap();
        let body: String = text.split_inclusive('\n').skip_while(|l| l.starts_with("# ") || l.starts_with("\"# ")).collect();
        let mut rdr = csv::ReaderBuilder::new().from_reader(body.as_bytes());
        let back: Vec<Vec<String>> = rdr.records().map(|r| r.unwrap().iter().map(|c| unescape_cell(c).to_string()).collect()).collect();
        let want: Vec<Vec<String>> = rec.detail_rows(&inputs, 0, rec.len()).iter().map(|d| detail_cells(d).to_vec()).collect();
        prop_assert_eq!(back, want);
    }

    #[test]
    fn xlsx_reads_back_with_text_codes_and_amounts(files in prop::collection::vec(pfile(), 1..3), rows in prop::collection::vec(irow(), 1..25)) {
        let w = build(&files, &rows);
        let inputs = w.inputs();
        let rec = reconcile(&inputs, &ReconcileOptions::default());
        let report = build_report(&rec, &ReportMeta { generated_at: "2026-09-01 10:00:00".into(), inputs: vec![] });
        let bytes = xlsx(&rec, &inputs, &report).unwrap();
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
        let range = wb.worksheet_range("Details").unwrap();
        let sheet: Vec<&[Data]> = range.rows().skip_while(|r| !matches!(&r[0], Data::String(s) if s == "code")).skip(1).collect();
        let want = rec.detail_rows(&inputs, 0, rec.len());
        prop_assert_eq!(sheet.len(), want.len());
        for (row, d) in sheet.iter().zip(&want) {
            let cells = detail_cells(d);
            prop_assert_eq!(&row[0], &Data::String(cells[0].clone()), "codes are text cells");
            match d.amount {
                Some(a) => prop_assert_eq!(&row[7], &Data::Float(a.0 as f64)),
                None => prop_assert_eq!(&row[7], &Data::Empty),
            }
            for (c, want_cell) in cells.iter().enumerate() {
                let got = match row.get(c) {
                    Some(Data::String(s)) => unescape_cell(s).to_string(),
                    Some(Data::Float(f)) => format!("{}", *f as i64),
                    Some(Data::Empty) | None => String::new(),
                    Some(other) => format!("{other:?}"),
                };
                prop_assert_eq!(&got, want_cell, "column {}", c);
            }
        }
    }
}

fn split_all(text: &str, delim: u8) -> Vec<Vec<String>> {
    let mut sp = fcode_core::table::split::Splitter::new(text, delim);
    let mut rec = fcode_core::table::split::Record::default();
    let mut out = Vec::new();
    while sp.next_record(&mut rec).is_some() {
        out.push(
            (0..rec.len())
                .map(|i| rec.get(text, i).unwrap().to_string())
                .collect(),
        );
    }
    out
}

fn csv_crate_all(text: &str, delim: u8) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(text.as_bytes());
    rdr.records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The borrowing splitter reads written CSV exactly as the csv crate does.
    #[test]
    fn splitter_reads_written_csv_like_the_csv_crate(rows in prop::collection::vec(prop::collection::vec("[a,;\"\r\n 张]{0,6}", 1..5), 0..6), tab in any::<bool>()) {
        let delim = if tab { b'\t' } else { b',' };
        let mut w = csv::WriterBuilder::new().delimiter(delim).flexible(true).from_writer(Vec::new());
        for r in &rows {
            w.write_record(r).unwrap();
        }
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        prop_assert_eq!(split_all(&text, delim), csv_crate_all(&text, delim));
    }

    /// And arbitrary (even malformed) text the same way too.
    #[test]
    fn splitter_reads_any_text_like_the_csv_crate(text in "[ab,\"\r\n]{0,24}") {
        prop_assert_eq!(split_all(&text, b','), csv_crate_all(&text, b','));
    }

    /// Longer lines, where the one-scan reading of unquoted records reads
    /// whole words and meets quotes, line ends and multi-byte text in them.
    #[test]
    fn splitter_reads_long_lines_like_the_csv_crate(text in "([a-z0-9]{0,9}[,;\"\r\n张]){0,40}", semicolon in any::<bool>()) {
        let delim = if semicolon { b';' } else { b',' };
        prop_assert_eq!(split_all(&text, delim), csv_crate_all(&text, delim));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Each kept row's text fields are the cells as the csv crate reads them,
    /// trimmed: cells padded with (Unicode) white space, quoted, holding
    /// delimiters or line breaks, empty, or Chinese, after a byte-order mark
    /// or not; and repeated face values and statuses read as they first did.
    #[test]
    fn row_fields_are_the_csv_crates_cells_trimmed(
        rows in prop::collection::vec((
            prop::collection::vec("[a-z0-9 ,\"\r\n张\u{3000}\u{a0}\u{85}]{0,7}", 5),
            prop::sample::select(vec!["5.00", " 5.00", "5", "", "¥3.50", "500分"]),
            prop::sample::select(vec!["已发放", " 已发放\u{3000}", "作废", "", "VOID"]),
        ), 1..12),
        bom in any::<bool>(),
    ) {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        w.write_record(["券码", "发放时间", "领取人", "订单号", "面值", "批次号", "状态", "备注"]).unwrap();
        for (k, (cells, face, status)) in rows.iter().enumerate() {
            let code = format!("CODE{k:04}");
            w.write_record([code.as_str(), &cells[0], &cells[1], &cells[2], face, &cells[3], status, &cells[4]]).unwrap();
        }
        let written = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let text = if bom { format!("\u{feff}{written}") } else { written.clone() };
        let f = parse_issuance("i.csv", text.as_bytes(), &IssuanceOptions::default()).unwrap();
        let (owned, _) = parse_issuance_owned("i.csv", text.clone().into_bytes(), &IssuanceOptions::default());
        prop_assert_eq!(list_texts(&f), list_texts(&owned.unwrap()));
        prop_assert!(f.row_errors.listed.is_empty(), "{:?}", f.row_errors.listed);
        let cells = csv_crate_all(&written, b',');
        prop_assert_eq!(f.rows.len(), cells.len() - 1);
        for (r, c) in f.rows.iter().zip(&cells[1..]) {
            let got = [r.issued_at, r.recipient, r.order_ref, r.mix_id, r.note].map(|s| f.text.get(s).to_string());
            let want = [&c[1], &c[2], &c[3], &c[5], &c[7]].map(|s| s.trim().to_string());
            prop_assert_eq!(got, want);
            let face = fcode_core::issuance::money::parse_money(&c[4], Default::default()).unwrap();
            prop_assert_eq!(r.face_value(), face);
        }
    }
}

/// Every text a parsed list holds, row by row, and what it said of the rest.
fn list_texts(f: &fcode_core::issuance::IssuanceFile) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = f
        .rows
        .iter()
        .map(|r| {
            let mut v: Vec<String> = [
                r.code,
                r.issued_at,
                r.recipient,
                r.order_ref,
                r.mix_id,
                r.note,
            ]
            .iter()
            .map(|s| f.text.get(*s).to_string())
            .collect();
            v.push(f.raw_code(r).to_string());
            v.push(format!(
                "{:?} {:?} {} {}",
                r.face_value(),
                r.status,
                r.normalised,
                r.line
            ));
            v
        })
        .collect();
    out.push(
        f.row_errors
            .listed
            .iter()
            .map(|e| format!("{e:?}"))
            .collect(),
    );
    out.push(f.warnings.clone());
    out.push(vec![
        f.normalised_changed.to_string(),
        format!("{:?} {:?}", f.encoding, f.delimiter),
    ]);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A list handed over whole reads exactly as one borrowed: the same
    /// texts, errors and warnings, in UTF-8 with or without a byte-order
    /// mark and in GB18030; UTF-8 keeps the input, byte for byte, and other
    /// bytes come back untouched.
    #[test]
    fn a_list_handed_over_reads_like_a_borrowed_one(
        rows in prop::collection::vec(prop::collection::vec("[a-z0-9 ,\"\r\n张券'＝-]{0,7}", 1..6), 0..8),
        bom in any::<bool>(),
        gbk in any::<bool>(),
    ) {
        let mut text = String::from(if bom && !gbk { "\u{feff}券码,面值,领取人,备注\n" } else { "券码,面值,领取人,备注\n" });
        for r in &rows {
            text.push_str(&r.join(","));
            text.push('\n');
        }
        let bytes = if gbk {
            encoding_rs::GB18030.encode(&text).0.into_owned()
        } else {
            text.clone().into_bytes()
        };
        let options = IssuanceOptions::default();
        let borrowed = parse_issuance("i.csv", &bytes, &options);
        let (owned, back) = parse_issuance_owned("i.csv", bytes.clone(), &options);
        match (&borrowed, &owned) {
            (Ok(b), Ok(o)) => {
                prop_assert_eq!(list_texts(b), list_texts(o));
                prop_assert_eq!(b.input_bytes(), None);
                prop_assert_eq!(o.input_bytes(), (!gbk).then_some(&bytes[..]));
            }
            (Err(b), Err(o)) => prop_assert_eq!(b.to_string(), o.to_string()),
            _ => prop_assert!(false, "one read failed: {:?} / {:?}", borrowed.as_ref().err(), owned.as_ref().err()),
        }
        // The GB18030 text here always has Chinese, so it is never UTF-8.
        prop_assert_eq!(back.as_deref(), gbk.then_some(&bytes[..]));
    }
}
