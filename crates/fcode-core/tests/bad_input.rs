//! Bad input: every case gives a typed error (or a row error) whose message
//! names the input, the place and the reason. Never a panic.

use fcode_core::error::InputErrorKind;
use fcode_core::issuance::{
    ColumnMapping, FaceValueUnit, IssuanceField, IssuanceOptions, parse_issuance,
};
use fcode_core::platform::parse_platform;

fn platform_err(bytes: &[u8]) -> (InputErrorKind, String) {
    let e = parse_platform("p.json", bytes).expect_err("must fail");
    (e.kind, e.to_string())
}

fn platform_row_errors(bytes: &[u8]) -> Vec<String> {
    let f = parse_platform("p.json", bytes).expect("file loads");
    f.row_errors.listed.iter().map(|e| e.to_string()).collect()
}

fn issuance_err(bytes: &[u8]) -> (InputErrorKind, String) {
    let e = parse_issuance("i.csv", bytes, &IssuanceOptions::default()).expect_err("must fail");
    (e.kind, e.to_string())
}

fn issuance_row_errors_with(bytes: &[u8], o: &IssuanceOptions) -> Vec<String> {
    let f = parse_issuance("i.csv", bytes, o).expect("file loads");
    f.row_errors.listed.iter().map(|e| e.to_string()).collect()
}

fn issuance_row_errors(bytes: &[u8]) -> Vec<String> {
    issuance_row_errors_with(bytes, &IssuanceOptions::default())
}

fn page(records: &str) -> String {
    format!(
        r#"{{"result":{{"return_code":"0","return_value":{{"basic":{{"mix_id":"m1","denomination":400}},"coupon_list":[{records}],"has_next":false}}}}}}"#
    )
}

const OK_REC: &str =
    r#"{"code":"OK1","code_status":0,"gmt_modified":"2026-08-01 00:00:00","bind_status":-1}"#;

// ---- platform files ----

#[test]
fn p01_empty_file() {
    assert_eq!(
        platform_err(b""),
        (InputErrorKind::Empty, "p.json: is empty".into())
    );
}

#[test]
fn p02_only_white_space() {
    assert_eq!(
        platform_err(b" \r\n\t "),
        (InputErrorKind::Empty, "p.json: is empty".into())
    );
}

#[test]
fn p03_binary_file() {
    assert_eq!(
        platform_err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        (
            InputErrorKind::Binary,
            "p.json: looks like a binary file, not JSON, XML, CSV or XLSX".into()
        )
    );
}

#[test]
fn p04_truncated_json() {
    let full = page(OK_REC);
    let cut = &full.as_bytes()[..full.len() / 2];
    let (kind, msg) = platform_err(cut);
    assert_eq!(kind, InputErrorKind::Syntax);
    assert_eq!(
        msg,
        "p.json, page 1, line 1: is truncated: the JSON ends unexpectedly (EOF while parsing an object, column 104)"
    );
}

#[test]
fn p05_invalid_json() {
    let (kind, msg) = platform_err(b"{\"result\": {\"return_code\": \"0\",, }}");
    assert_eq!(kind, InputErrorKind::Syntax);
    assert_eq!(
        msg,
        "p.json, page 1, line 1: is not valid JSON (key must be a string, column 32)"
    );
}

#[test]
fn p06_wrong_schema_object() {
    assert_eq!(
        platform_err(br#"{"name": "not a response", "items": [1, 2]}"#),
        (
            InputErrorKind::Schema,
            "p.json, page 1: is not a taobao.film.fcode.export.query response: no \"result\" or \"error_response\" found".into()
        )
    );
}

#[test]
fn p07_wrong_schema_empty_array() {
    assert_eq!(
        platform_err(b"[]"),
        (
            InputErrorKind::Schema,
            "p.json: contains no taobao.film.fcode.export.query response".into()
        )
    );
}

#[test]
fn p08_wrong_schema_coupon_list_type() {
    let (kind, msg) =
        platform_err(br#"{"result":{"return_code":"0","return_value":{"coupon_list":5}}}"#);
    assert_eq!(kind, InputErrorKind::Schema);
    assert_eq!(
        msg,
        "p.json, page 1, line 1: does not have the shape of a taobao.film.fcode.export.query response (invalid type: integer `5`, expected a coupon_list array or an object wrapping one, column 60)"
    );
}

#[test]
fn p09_html_error_page() {
    assert_eq!(
        platform_err(b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"),
        (InputErrorKind::Html, "p.json: is an HTML page (a login or gateway error page?), not platform data".into())
    );
}

#[test]
fn p10_error_response() {
    let (kind, msg) = platform_err(
        r#"{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isp.unknown-error","sub_msg":"系统繁忙"}}"#.as_bytes(),
    );
    assert_eq!(kind, InputErrorKind::Platform);
    assert_eq!(
        msg,
        "p.json, page 1: platform error 15 Remote service error (isp.unknown-error: 系统繁忙)"
    );
}

#[test]
fn p11_return_code_not_zero() {
    let (kind, msg) = platform_err(
        r#"{"result":{"return_code":"500","return_message":"批次不存在"}}"#.as_bytes(),
    );
    assert_eq!(kind, InputErrorKind::Platform);
    assert_eq!(msg, "p.json, page 1: platform error 500 批次不存在");
}

#[test]
fn p12_error_on_second_page_fails_the_file() {
    let text = format!(
        "{}\n{}\n",
        page(OK_REC),
        r#"{"error_response":{"code":7,"msg":"App Call Limited"}}"#
    );
    assert_eq!(
        platform_err(text.as_bytes()),
        (
            InputErrorKind::Platform,
            "p.json, page 2: platform error 7 App Call Limited".into()
        )
    );
}

#[test]
fn p13_truncated_xml() {
    let (kind, msg) =
        platform_err(b"<film_fcode_export_query_response><result><return_code>0</return_code>");
    assert_eq!(kind, InputErrorKind::Syntax);
    assert_eq!(msg, "p.json: is truncated: the XML ends inside an element");
}

#[test]
fn p14_malformed_xml() {
    let (kind, msg) = platform_err(b"<a_response><result></a_response>");
    assert_eq!(kind, InputErrorKind::Syntax);
    assert_eq!(
        msg,
        "p.json, page 1, line 1: is not valid XML (ill-formed document: expected `</result>`, but `</a_response>` was found)"
    );
}

#[test]
fn p15_unknown_code_status() {
    let rec =
        r#"{"code":"A1","code_status":5,"gmt_modified":"2026-08-01 00:00:00","bind_status":-1}"#;
    assert_eq!(
        platform_row_errors(page(&format!("{OK_REC},{rec}")).as_bytes()),
        vec![
            "p.json, page 1, record 2, column code_status: unknown code_status 5 (expected -2, -1, 0 or 2)"
        ]
    );
}

#[test]
fn p16_unknown_bind_status() {
    let rec =
        r#"{"code":"A1","code_status":"0","gmt_modified":"2026-08-01 00:00:00","bind_status":"x"}"#;
    assert_eq!(
        platform_row_errors(page(rec).as_bytes()),
        vec![
            "p.json, page 1, record 1, column bind_status: unknown bind_status 'x' (expected -1 or 0)"
        ]
    );
}

#[test]
fn p17_missing_code() {
    let rec = r#"{"code_status":0,"gmt_modified":"2026-08-01 00:00:00","bind_status":-1}"#;
    assert_eq!(
        platform_row_errors(page(rec).as_bytes()),
        vec!["p.json, page 1, record 1, column code: missing code"]
    );
}

#[test]
fn p18_bad_date() {
    let rec =
        r#"{"code":"A1","code_status":0,"gmt_modified":"2026-13-01 00:00:00","bind_status":-1}"#;
    assert_eq!(
        platform_row_errors(page(rec).as_bytes()),
        vec![
            "p.json, page 1, record 1, column gmt_modified: bad date '2026-13-01 00:00:00' (expected YYYY-MM-DD HH:MM:SS)"
        ]
    );
}

#[test]
fn p19_ten_thousand_character_code() {
    let rec = format!(
        r#"{{"code":"{}","code_status":0,"gmt_modified":"2026-08-01 00:00:00","bind_status":-1}}"#,
        "A".repeat(10_000)
    );
    assert_eq!(
        platform_row_errors(page(&rec).as_bytes()),
        vec!["p.json, page 1, record 1, column code: code is 10000 characters long (at most 64)"]
    );
}

#[test]
fn p20_csv_without_required_column() {
    assert_eq!(
        platform_err("券码,券码状态,绑定状态\nA1,0,-1\n".as_bytes()),
        (
            InputErrorKind::Header,
            "p.json: has no column for gmt_modified (券变更时间)".into()
        )
    );
}

#[test]
fn p21_csv_without_header() {
    assert_eq!(
        platform_err(b"A1,0,2026-08-01 00:00:00,-1\nA2,2,2026-08-01 00:00:00,0\n"),
        (
            InputErrorKind::Header,
            "p.json: has no header row with a code column (code / 券码 / 优惠券明码)".into()
        )
    );
}

#[test]
fn p22_csv_duplicated_header() {
    assert_eq!(
        platform_err("券码,code_status,券码,gmt_modified,bind_status\n".as_bytes()),
        (
            InputErrorKind::Header,
            "p.json: columns 1 and 3 are both code (券码 / 优惠券明码); keep one".into()
        )
    );
}

#[test]
fn p23_bad_basic_denomination() {
    let text = r#"{"result":{"return_code":"0","return_value":{"basic":{"mix_id":"m1","denomination":"4.5元"},"coupon_list":[]}}}"#;
    assert_eq!(
        platform_err(text.as_bytes()),
        (
            InputErrorKind::Schema,
            "p.json, page 1: basic.denomination '4.5元' is not a whole number of fen".into()
        )
    );
}

#[test]
fn p24_broken_xlsx() {
    let (kind, msg) = platform_err(b"PK\x03\x04 this is not really a zip archive");
    assert_eq!(kind, InputErrorKind::Syntax);
    assert!(
        msg.starts_with("p.json: is not a readable spreadsheet: "),
        "{msg}"
    );
}

#[test]
fn p25_ragged_platform_csv_row() {
    let text = "code,code_status,gmt_modified,bind_status\nA1,0,2026-08-01 00:00:00,-1,extra,more\nA2,0,2026-08-01 00:00:00,-1\n";
    assert_eq!(
        platform_row_errors(text.as_bytes()),
        vec!["p.json, line 2: has 6 fields but the header has 4"]
    );
}

#[test]
fn p26_json_lines_with_a_broken_line() {
    let text = format!("{}\n{{\"result\": \n", page(OK_REC));
    let (kind, msg) = platform_err(text.as_bytes());
    assert_eq!(kind, InputErrorKind::Syntax);
    assert_eq!(
        msg,
        "p.json, page 2, line 2: is truncated: the JSON ends unexpectedly (EOF while parsing a value, column 11)"
    );
}

#[test]
fn p27_json_not_utf8() {
    // JSON is read as text when the whole file is UTF-8; a GBK byte pair in
    // a string makes it bytes again, and the message says where: in a
    // single response, and in the second line of JSON lines.
    let mut bytes = page(OK_REC).into_bytes();
    let at = page(OK_REC).find("OK1").unwrap();
    bytes.splice(at..at, [0xC4, 0xE3]);
    let mut lines = format!("{}\n", page(OK_REC)).into_bytes();
    lines.extend_from_slice(&bytes);
    for (input, place) in [(bytes, "page 1, line 1"), (lines, "page 2, line 2")] {
        let (kind, msg) = platform_err(&input);
        assert_eq!(kind, InputErrorKind::Syntax);
        let expected =
            format!("p.json, {place}: is not valid JSON (invalid unicode code point, column");
        assert!(msg.starts_with(&expected), "{msg}");
    }
}

// ---- issuance lists ----

#[test]
fn i01_empty_issuance() {
    assert_eq!(
        issuance_err(b""),
        (InputErrorKind::Empty, "i.csv: is empty".into())
    );
}

#[test]
fn i02_bom_then_gbk() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("券码,领取人\nA1,".as_bytes());
    bytes.extend_from_slice(b"\xd5\xc5\xc8\xfd\n"); // 张三 in GBK
    assert_eq!(
        issuance_err(&bytes),
        (
            InputErrorKind::Encoding,
            "i.csv, line 2: starts with a UTF-8 byte-order mark but byte 24 is not UTF-8 (UTF-8 and GBK text mixed in one file?)".into()
        )
    );
}

#[test]
fn i03_binary_issuance() {
    assert_eq!(
        issuance_err(b"\x00\x01\x02\x03binary\xff\xfe"),
        (
            InputErrorKind::Binary,
            "i.csv: looks like a binary file, not text, CSV, JSON, XML or XLSX".into()
        )
    );
}

#[test]
fn i04_ragged_rows() {
    let text = "券码,领取人,面值\nA1,张三,4\nA2,李四\nA3,王五,4,多余\nA4,赵六,4\n";
    assert_eq!(
        issuance_row_errors(text.as_bytes()),
        vec![
            "i.csv, line 3: has 2 fields but the header has 3",
            "i.csv, line 4: has 4 fields but the header has 3"
        ]
    );
}

#[test]
fn i05_negative_money() {
    assert_eq!(
        issuance_row_errors("券码,面值\nA1,-4.00\n".as_bytes()),
        vec!["i.csv, line 2, column 面值: negative amount '-4.00'"]
    );
}

#[test]
fn i06_fractional_fen_in_yuan() {
    assert_eq!(
        issuance_row_errors("券码,面值(元)\nA1,4.001\n".as_bytes()),
        vec!["i.csv, line 2, column 面值(元): amount '4.001' has a fraction of a fen"]
    );
}

#[test]
fn i07_fractional_fen_in_fen() {
    let o = IssuanceOptions {
        face_value_unit: Some(FaceValueUnit::Fen),
        ..Default::default()
    };
    assert_eq!(
        issuance_row_errors_with("券码,面值\nA1,400.5\n".as_bytes(), &o),
        vec!["i.csv, line 2, column 面值: amount '400.5' has a fraction of a fen"]
    );
}

#[test]
fn i08_not_an_amount() {
    assert_eq!(
        issuance_row_errors("券码,金额\nA1,四元\n".as_bytes()),
        vec!["i.csv, line 2, column 金额: '四元' is not an amount"]
    );
}

#[test]
fn i09_bad_thousands_separator() {
    assert_eq!(
        issuance_row_errors("券码\t面值\nA1\t1,23.00\n".as_bytes()),
        vec!["i.csv, line 2, column 面值: '1,23.00' is not an amount"]
    );
}

#[test]
fn i10_amount_too_large() {
    assert_eq!(
        issuance_row_errors("券码,面值\nA1,99999999999999999999\n".as_bytes()),
        vec!["i.csv, line 2, column 面值: amount '99999999999999999999' is too large"]
    );
}

#[test]
fn i11_ten_thousand_character_field() {
    let text = format!("券码,领取人\nA1,{}\n", "长".repeat(10_000));
    assert_eq!(
        issuance_row_errors(text.as_bytes()),
        vec!["i.csv, line 2, column 领取人: field is 10000 characters long (at most 1000)"]
    );
}

#[test]
fn i12_duplicated_header() {
    assert_eq!(
        issuance_err("券码,领取人,券码\nA1,张三,A1\n".as_bytes()),
        (
            InputErrorKind::Header,
            "i.csv: columns 1 ('券码') and 3 ('券码') both look like code; map one explicitly"
                .into()
        )
    );
}

#[test]
fn i13_duplicated_header_resolved_by_mapping() {
    let mut m = ColumnMapping::default();
    m.columns.insert(IssuanceField::Code, 2);
    let o = IssuanceOptions {
        mapping: Some(m),
        ..Default::default()
    };
    let f = parse_issuance("i.csv", "券码,领取人,券码\nX1,张三,A1\n".as_bytes(), &o).unwrap();
    assert_eq!(f.code(&f.rows[0]), "A1");
}

#[test]
fn i14_no_code_column() {
    assert_eq!(
        issuance_err("姓名,金额\n张三,4\n".as_bytes()),
        (InputErrorKind::Mapping, "i.csv: has no column recognised as the code (first row: 姓名, 金额); map the code column".into())
    );
}

#[test]
fn i15_html_as_issuance() {
    assert_eq!(
        issuance_err(b"<html><body>Session expired</body></html>"),
        (
            InputErrorKind::Html,
            "i.csv: is an HTML page, not an issuance list".into()
        )
    );
}

#[test]
fn i16_json_as_issuance() {
    assert_eq!(
        issuance_err(br#"{"result": {}}"#),
        (InputErrorKind::Schema, "i.csv: looks like JSON (platform data?), not an issuance list (CSV, XLSX or pasted cells)".into())
    );
}

#[test]
fn i17_missing_code_in_row() {
    assert_eq!(
        issuance_row_errors("券码,领取人\n,张三\nA2,李四\n".as_bytes()),
        vec!["i.csv, line 2, column 券码: missing code"]
    );
}

#[test]
fn i18_mapping_to_missing_column() {
    let mut m = ColumnMapping::default();
    m.columns.insert(IssuanceField::Code, 8);
    let o = IssuanceOptions {
        mapping: Some(m),
        ..Default::default()
    };
    let e = parse_issuance("i.csv", "a,b\n1,2\n".as_bytes(), &o).unwrap_err();
    assert_eq!(
        e.to_string(),
        "i.csv: column 9 mapped to code does not exist (the table has 2 columns)"
    );
}

#[test]
fn i19_unknown_sheet() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "券码").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let o = IssuanceOptions {
        sheet: Some("Nope".into()),
        ..Default::default()
    };
    let e = parse_issuance("i.xlsx", &bytes, &o).unwrap_err();
    assert_eq!(
        e.to_string(),
        "i.xlsx: has no sheet named 'Nope' (sheets: Sheet1)"
    );
}

#[test]
fn i20_invalid_gbk_and_utf8() {
    assert_eq!(
        issuance_err(b"\xff\xff\xff,\x80\x80\n"),
        (
            InputErrorKind::Encoding,
            "i.csv: is neither UTF-8 nor GBK/GB18030 text".into()
        )
    );
}

#[test]
fn i21_code_with_control_character() {
    assert_eq!(
        issuance_row_errors("券码\tX\n\"A\u{7}1\"\tx\n".as_bytes()),
        vec!["i.csv, line 2, column 券码: code contains a control character"]
    );
}

#[test]
fn i22_whitespace_only_issuance() {
    assert_eq!(
        issuance_err(b"\r\n \r\n"),
        (InputErrorKind::Empty, "i.csv: is empty".into())
    );
}

#[test]
fn rows_after_errors_still_load() {
    let f = parse_issuance(
        "i.csv",
        "券码,面值\nA1,-1\nA2,4\nA3,x\nA4,5元\n".as_bytes(),
        &IssuanceOptions::default(),
    )
    .unwrap();
    assert_eq!(f.rows.len(), 2);
    assert_eq!(f.row_errors.count, 2);
}
