//! Small pieces: money, time, code normalisation, safe cells, headers,
//! encodings, the generator.

use fcode_core::code::normalise_code;
use fcode_core::issuance::money::{FaceValueUnit, parse_money};
use fcode_core::issuance::{IssuanceField, IssuanceOptions, inspect, parse_issuance};
use fcode_core::model::{Fen, LocalStatus};
use fcode_core::platform::parse_platform;
use fcode_core::report::{safe_cell, sha256_hex, unescape_cell};
use fcode_core::table::decode::TextEncoding;
use fcode_core::time::BeijingTime;

#[test]
fn money_parses_exactly() {
    let y = |s: &str| parse_money(s, FaceValueUnit::Yuan);
    for (text, fen) in [
        ("4", 400),
        ("4.00", 400),
        ("4.5", 450),
        ("¥4.00", 400),
        ("￥4.00", 400),
        ("4元", 400),
        ("1,234.50", 123_450),
        ("RMB 12", 1200),
        (" ４．００ ", 400),
        ("0.01", 1),
        (".5", 50),
        ("4.000", 400),
        ("400分", 400),
        ("+3", 300),
    ] {
        assert_eq!(y(text), Ok(Some(Fen(fen))), "{text}");
    }
    assert_eq!(y(""), Ok(None));
    assert_eq!(y("   "), Ok(None));
    assert_eq!(parse_money("400", FaceValueUnit::Fen), Ok(Some(Fen(400))));
    assert_eq!(
        parse_money("400.00", FaceValueUnit::Fen),
        Ok(Some(Fen(400)))
    );
    assert_eq!(parse_money("4元", FaceValueUnit::Fen), Ok(Some(Fen(400))));
    assert!(y("4.005").is_err());
    assert!(y("-1").is_err());
    assert!(y("(4.00)").is_err());
    assert!(y("4e2").is_err());
    assert!(y("1,2345").is_err());
    assert!(y("abc").is_err());
    assert!(y(".").is_err());
}

#[test]
fn fen_formats_as_yuan() {
    assert_eq!(Fen(123_450).yuan_text(), "1234.50");
    assert_eq!(Fen(5).yuan_text(), "0.05");
    assert_eq!(Fen(-5).yuan_text(), "-0.05");
}

#[test]
fn beijing_time_round_trips_and_compares() {
    let t = BeijingTime::parse("2019-12-02 23:59:59").unwrap();
    assert_eq!(t.to_string(), "2019-12-02 23:59:59");
    assert_eq!(t.add_days(1).to_string(), "2019-12-03 23:59:59");
    assert_eq!(
        BeijingTime::parse("2024-02-29 00:00:00")
            .unwrap()
            .add_days(1)
            .to_string(),
        "2024-03-01 00:00:00"
    );
    assert!(BeijingTime::parse("2023-02-29 00:00:00").is_none());
    assert!(BeijingTime::parse("2026-08-01 24:00:00").is_none());
    assert!(BeijingTime::parse("not a date").is_none());
    assert_eq!(
        BeijingTime::parse("2026/8/1 9:05").unwrap().to_string(),
        "2026-08-01 09:05:00"
    );
    assert_eq!(
        BeijingTime::parse("2026-08-01").unwrap().to_string(),
        "2026-08-01 00:00:00"
    );
    assert_eq!(
        BeijingTime::parse("2026-08-01T10:00:00")
            .unwrap()
            .to_string(),
        "2026-08-01 10:00:00"
    );
    // 2026-01-01 00:00:00 UTC is 08:00 in Beijing.
    assert_eq!(
        BeijingTime::from_unix_utc(1_767_225_600).to_string(),
        "2026-01-01 08:00:00"
    );
    assert!(BeijingTime::parse("2026-08-01 10:00:00") < BeijingTime::parse("2026-08-01 10:00:01"));
}

#[test]
fn codes_normalise_as_spec_3() {
    assert_eq!(normalise_code("ＡＢｃ１２３"), "ABC123");
    assert_eq!(normalise_code("  'abc123 "), "ABC123");
    assert_eq!(normalise_code("''ABC"), "'ABC");
    assert_eq!(normalise_code("\u{3000}ab\u{3000}"), "AB");
    assert_eq!(normalise_code("2X2QFKTZD2K"), "2X2QFKTZD2K");
}

#[test]
fn safe_cells() {
    for (raw, safe) in [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+86 10 1234", "'+86 10 1234"),
        ("+86", "+86"),
        ("-ABC", "'-ABC"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'x", "''x"),
        ("-1", "-1"),
        ("-4.00", "-4.00"),
        ("+3", "+3"),
        ("abc", "abc"),
        ("", ""),
    ] {
        assert_eq!(safe_cell(raw), safe, "{raw:?}");
        assert_eq!(unescape_cell(&safe_cell(raw)), raw);
    }
}

#[test]
fn sha256_of_abc() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn pasted_cells_are_tab_separated_utf8() {
    let pasted = "券码\t领取人\t面值\r\nab-1\t张三\t4.00\r\n\r\nAB-2\t李四\t\r\n";
    let p = inspect("粘贴", pasted.as_bytes(), None).unwrap();
    assert_eq!(p.delimiter.as_deref(), Some("tab"));
    assert_eq!(p.encoding, Some(TextEncoding::Utf8));
    assert_eq!(p.header_row, Some(0));
    assert!(p.unmapped_required.is_empty());
    assert_eq!(p.rows.len(), 2);
    let f = parse_issuance("粘贴", pasted.as_bytes(), &IssuanceOptions::default()).unwrap();
    assert_eq!(f.rows.len(), 2);
    assert_eq!(f.code(&f.rows[0]), "AB-1");
    assert_eq!(f.rows[0].face_value(), Some(Fen(400)));
    assert_eq!(f.normalised_changed, 1);
    // The code as given is kept for the row normalisation changed.
    let given: Vec<(bool, &str)> = f
        .rows
        .iter()
        .map(|r| (r.normalised, f.raw_code(r)))
        .collect();
    assert_eq!(given, [(true, "ab-1"), (false, "AB-2")]);
    assert_eq!(size_of::<fcode_core::issuance::IssuanceRow>(), 64);
}

#[test]
fn a_single_pasted_column_needs_no_header() {
    let f = parse_issuance("粘贴", b"A1\nA2\n\nA3\n", &IssuanceOptions::default()).unwrap();
    assert_eq!(f.rows.len(), 3);
}

#[test]
fn header_after_title_rows_and_units() {
    let text = "2026年8月发券清单\n\n券码;发放时间;姓名;订单号;面值(分);批次;状态;备注\nA1;2026-08-01;张三;SO1;400;m1;已作废;x\n";
    let p = inspect("t.csv", text.as_bytes(), None).unwrap();
    assert_eq!(p.delimiter.as_deref(), Some("semicolon"));
    assert_eq!(
        p.header_row,
        Some(1),
        "the csv reader skips the blank line: title is row 0"
    );
    assert_eq!(p.mapping.get(IssuanceField::FaceValue), Some(4));
    assert_eq!(p.face_value_unit_hint, Some(FaceValueUnit::Fen));
    let f = parse_issuance("t.csv", text.as_bytes(), &IssuanceOptions::default()).unwrap();
    assert_eq!(f.rows.len(), 1);
    assert_eq!(f.rows[0].face_value(), Some(Fen(400)));
    assert_eq!(f.rows[0].status, LocalStatus::Void);
}

#[test]
fn xlsx_issuance_with_numeric_cells() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("发券").unwrap();
    ws.write_string(0, 0, "券码").unwrap();
    ws.write_string(0, 1, "面值").unwrap();
    ws.write_number(1, 0, 123_456_789_012.0).unwrap();
    ws.write_number(1, 1, 4.35).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let p = inspect("i.xlsx", &bytes, None).unwrap();
    assert_eq!(p.sheet_names, vec!["发券"]);
    let f = parse_issuance("i.xlsx", &bytes, &IssuanceOptions::default()).unwrap();
    assert_eq!(f.code(&f.rows[0]), "123456789012");
    assert_eq!(f.rows[0].face_value(), Some(Fen(435)));
    assert_eq!(f.source_of(&f.rows[0]), "i.xlsx row 2");
}

#[test]
fn platform_xlsx_export() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["优惠券明码", "券码状态", "券变更时间", "绑定状态"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "2X2QFKTZD2K").unwrap();
    ws.write_number(1, 1, 2.0).unwrap();
    ws.write_string(1, 2, "2019-12-02 23:59:59").unwrap();
    ws.write_number(1, 3, -1.0).unwrap();
    let f = parse_platform("p.xlsx", &wb.save_to_buffer().unwrap()).unwrap();
    assert_eq!(f.records.len(), 1);
    assert!(f.all_redeemed);
    assert_eq!(f.suggested_pull(), fcode_core::model::PullType::Consume);
}

/// A page that names its batch gives its records that batch; a page that
/// names none continues the batch of the page before it, and has none when
/// no page before it named one.
#[test]
fn records_carry_their_pages_batch() {
    let page = |basic: &str, code: &str| {
        format!(
            r#"{{"film_fcode_export_query_response":{{"result":{{"return_code":"0","return_value":{{{basic}"coupon_list":{{"f_code_info":[{{"code":"{code}","code_status":0,"gmt_modified":"2026-06-12 13:44:03","bind_status":0}}]}},"has_next":false}}}}}}}}"#
        )
    };
    let text = [
        page("", "ZZZZ0000"),
        page(r#""basic":{"mix_id":"m1","denomination":500},"#, "AAAA1111"),
        page("", "BBBB2222"),
        page(r#""basic":{"mix_id":"m2","denomination":500},"#, "CCCC3333"),
    ]
    .join("\n");
    let f = parse_platform("p.json", text.as_bytes()).unwrap();
    let batches: Vec<Option<&str>> = f
        .records
        .iter()
        .map(|r| r.batch().map(|b| f.batches[b as usize].mix_id.as_str()))
        .collect();
    assert_eq!(batches, [None, Some("m1"), Some("m1"), Some("m2")]);
    assert_eq!(size_of::<fcode_core::platform::PlatformRecord>(), 32);
}

/// A detail row shows the code as the list gave it when normalisation
/// changed it, and nothing when it did not.
#[test]
fn detail_rows_show_the_code_as_the_list_gave_it() {
    use fcode_core::reconcile::{Inputs, PlatformInput, ReconcileOptions, reconcile};
    let list = "券码,面值\nab-12345,5.00\nCD-67890,5.00\n";
    let f = parse_issuance("l.csv", list.as_bytes(), &IssuanceOptions::default()).unwrap();
    let inputs = Inputs {
        platform: Vec::<PlatformInput<'_>>::new(),
        issuance: vec![&f],
    };
    let rec = reconcile(&inputs, &ReconcileOptions::default());
    let given: Vec<(String, String)> = (0..rec.len())
        .map(|i| {
            let d = rec.detail_row(&inputs, i).unwrap();
            (d.code, d.code_as_given)
        })
        .collect();
    assert_eq!(
        given,
        [
            ("AB-12345".to_string(), "ab-12345".to_string()),
            ("CD-67890".to_string(), String::new())
        ]
    );
}

/// The platform's code as given is kept for the records normalisation
/// changed, and reaches their detail rows; other records show nothing.
#[test]
fn platform_records_keep_the_code_as_given() {
    use fcode_core::reconcile::{Inputs, PlatformInput, ReconcileOptions, reconcile};
    let entry = |code: &str| {
        format!(
            r#"{{"code":"{code}","code_status":0,"gmt_modified":"2026-06-12 13:44:03","bind_status":0}}"#
        )
    };
    let entries = ["aaaa-1111", "BBBB-2222", "ＣＣＣＣ-3333"]
        .map(entry)
        .join(",");
    let text = format!(
        r#"{{"film_fcode_export_query_response":{{"result":{{"return_code":"0","return_value":{{"coupon_list":{{"f_code_info":[{entries}]}},"has_next":false}}}}}}}}"#
    );
    let f = parse_platform("p.json", text.as_bytes()).unwrap();
    let given: Vec<(bool, &str, &str)> = (0..f.records.len())
        .map(|i| {
            (
                f.records[i].normalised,
                f.code(&f.records[i]),
                f.raw_code(i),
            )
        })
        .collect();
    assert_eq!(
        given,
        [
            (true, "AAAA-1111", "aaaa-1111"),
            (false, "BBBB-2222", "BBBB-2222"),
            (true, "CCCC-3333", "ＣＣＣＣ-3333"),
        ]
    );
    assert_eq!(f.raw_code(3), "");
    assert_eq!(f.normalised_changed, 2);
    let inputs = Inputs {
        platform: vec![PlatformInput {
            file: &f,
            pull: fcode_core::model::PullType::All,
        }],
        issuance: Vec::new(),
    };
    let rec = reconcile(&inputs, &ReconcileOptions::default());
    let mut shown: Vec<(String, String)> = (0..rec.len())
        .map(|i| {
            let d = rec.detail_row(&inputs, i).unwrap();
            (d.code, d.code_as_given)
        })
        .collect();
    shown.sort();
    assert_eq!(
        shown,
        [
            ("AAAA-1111".to_string(), "aaaa-1111".to_string()),
            ("BBBB-2222".to_string(), String::new()),
            ("CCCC-3333".to_string(), "ＣＣＣＣ-3333".to_string()),
        ]
    );
    // Codes are read from the inputs: without them there is none to read.
    assert_eq!(rec.code(&inputs, 0), "AAAA-1111");
    assert_eq!(rec.code(&Inputs::default(), 0), "");
    assert_eq!(rec.code(&inputs, 3), "");
}

#[test]
fn utf16_text_from_excel() {
    let text = "券码\t面值\r\nA1\t4\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let f = parse_issuance("u.txt", &bytes, &IssuanceOptions::default()).unwrap();
    assert_eq!(f.encoding, Some(TextEncoding::Utf16le));
    assert_eq!(f.rows.len(), 1);
}

#[test]
fn generator_is_deterministic() {
    use fcode_core::generator::{GenOptions, generate};
    let o = GenOptions {
        codes: 2000,
        batches: 3,
        seed: 42,
        page_size: 100,
    };
    assert_eq!(generate(&o), generate(&o));
    let other = generate(&GenOptions {
        seed: 43,
        ..o.clone()
    });
    assert_ne!(generate(&o).issued.bytes, other.issued.bytes);
}

/// The mapping dialog reads only whole lines of the first megabyte of a
/// large text list, and must show exactly what the whole file would show.
#[test]
fn preview_of_a_large_list_reads_only_its_head() {
    use fcode_core::generator::{GenOptions, generate};
    use fcode_core::issuance::{PREVIEW_TEXT_BYTES, preview_len};
    let utf8 = generate(&GenOptions {
        codes: 30_000,
        batches: 2,
        seed: 7,
        page_size: 1000,
    })
    .issued
    .bytes;
    let (gbk, _, _) = encoding_rs::GB18030.encode(std::str::from_utf8(&utf8).unwrap());
    for bytes in [utf8.as_slice(), gbk.as_ref()] {
        assert!(bytes.len() > 2 * PREVIEW_TEXT_BYTES);
        let n = preview_len(&bytes[..PREVIEW_TEXT_BYTES], bytes.len()).unwrap();
        assert!(n <= PREVIEW_TEXT_BYTES && n > PREVIEW_TEXT_BYTES - 200);
        assert_eq!(bytes[n - 1], b'\n');
        let head = inspect("issued.csv", &bytes[..n], None).unwrap();
        assert_eq!(head, inspect("issued.csv", bytes, None).unwrap());
        assert_eq!(head.rows.len(), 10);
    }
    // The whole of a small file.
    assert_eq!(preview_len(b"a\nb", 3), Some(3));
    // Spreadsheets, UTF-16 and one endless line need everything.
    let long = vec![b'x'; PREVIEW_TEXT_BYTES];
    assert_eq!(preview_len(&long, PREVIEW_TEXT_BYTES + 1), None);
    assert_eq!(preview_len(b"PK\x03\x04rest", 100), None);
    assert_eq!(preview_len(b"\xFF\xFEa\x00\n\x00", 100), None);
}

/// A run of rows with one mix_id shares one span (matching then compares
/// spans, not text); every row still reads back its own mix_id, and a row
/// whose mix_id is not its platform batch's is flagged.
#[test]
fn runs_of_one_mix_id_share_a_span() -> Result<(), Box<dyn std::error::Error>> {
    use fcode_core::model::PullType;
    use fcode_core::reconcile::{Flag, Inputs, PlatformInput, ReconcileOptions, reconcile};
    let csv = "券码,批次号,面值(元)\nAAAAAAAAAA1,m1,4.00\nAAAAAAAAAA2, m1 ,4.00\nAAAAAAAAAA3,m2,4.00\nAAAAAAAAAA4,m1,4.00\nAAAAAAAAAA5,,4.00\nAAAAAAAAAA6,,4.00\n";
    let list = parse_issuance("issued.csv", csv.as_bytes(), &IssuanceOptions::default())?;
    let mixes: Vec<&str> = list.rows.iter().map(|r| list.text.get(r.mix_id)).collect();
    assert_eq!(mixes, ["m1", "m1", "m2", "m1", "", ""]);
    let spans: Vec<_> = list.rows.iter().map(|r| r.mix_id).collect();
    assert_eq!(spans[0], spans[1]);
    assert_ne!(spans[1], spans[2]);
    assert_ne!(spans[2], spans[3]);
    let records: Vec<String> = (1..=6)
        .map(|i| format!(r#"{{"code":"AAAAAAAAAA{i}","code_status":0,"gmt_modified":"2026-08-01 10:00:00","bind_status":0}}"#))
        .collect();
    let page = format!(
        r#"{{"result":{{"return_code":"0","return_value":{{"basic":{{"mix_id":"m1","denomination":400,"total_count":6}},"coupon_list":[{}],"has_next":false}}}}}}"#,
        records.join(",")
    );
    let platform = parse_platform("page.json", page.as_bytes())?;
    let inputs = Inputs {
        platform: vec![PlatformInput {
            file: &platform,
            pull: PullType::All,
        }],
        issuance: vec![&list],
    };
    let rec = reconcile(&inputs, &ReconcileOptions::default());
    let mismatched: Vec<&str> = (0..rec.len())
        .filter(|&i| rec.results[i].flags.has(Flag::BatchMismatch))
        .map(|i| rec.code(&inputs, i))
        .collect();
    assert_eq!(mismatched, ["AAAAAAAAAA3"]);
    Ok(())
}

/// A run's repeated face value and status are read once and reused; a
/// different cell between them is read for itself, an unknown status is
/// counted on every row that has it, and a bad face value is an error on
/// every row that has it.
#[test]
fn repeated_face_values_and_statuses_read_as_each_row_says()
-> Result<(), Box<dyn std::error::Error>> {
    let csv = "券码,面值(元),状态\n\
               AAAAAAAAAA1,5.00,已发放\n\
               AAAAAAAAAA2,5.00,待定\n\
               AAAAAAAAAA3,3.50,待定\n\
               AAAAAAAAAA4,5.00,已发放\n\
               AAAAAAAAAA5,abc,作废\n\
               AAAAAAAAAA6,abc,作废\n\
               AAAAAAAAAA7, 5.00,作废\n\
               AAAAAAAAAA8,,待定\n";
    let list = parse_issuance("issued.csv", csv.as_bytes(), &IssuanceOptions::default())?;
    let rows: Vec<(Option<Fen>, LocalStatus, u32)> = list
        .rows
        .iter()
        .map(|r| (r.face_value(), r.status, r.line))
        .collect();
    assert_eq!(
        rows,
        [
            (Some(Fen(500)), LocalStatus::Issued, 2),
            (Some(Fen(500)), LocalStatus::Issued, 3),
            (Some(Fen(350)), LocalStatus::Issued, 4),
            (Some(Fen(500)), LocalStatus::Issued, 5),
            (Some(Fen(500)), LocalStatus::Void, 8),
            (None, LocalStatus::Issued, 9),
        ]
    );
    let bad: Vec<String> = list
        .row_errors
        .listed
        .iter()
        .map(|e| format!("{}", e.location))
        .collect();
    assert_eq!(bad, ["line 6", "line 7"], "{:?}", list.row_errors.listed);
    assert_eq!(
        list.warnings,
        ["3 rows have local status '待定', not a known word; counted as issued"]
    );
    Ok(())
}
