//! The seed page's examples: XML and the equivalent JSON parse to the same
//! records and batch; the error example becomes a platform error.

use fcode_core::error::InputErrorKind;
use fcode_core::model::{BindStatus, CodeStatus, Fen};
use fcode_core::platform::{PlatformFormat, parse_platform};
use fcode_core::time::BeijingTime;

const XML: &[u8] = include_bytes!("data/seed.xml");
const JSON: &[u8] = include_bytes!("data/seed.json");

#[test]
fn xml_and_json_examples_give_the_same_records() {
    let x = parse_platform("seed.xml", XML).unwrap();
    let j = parse_platform("seed.json", JSON).unwrap();
    assert_eq!(x.format, PlatformFormat::Xml);
    assert_eq!(j.format, PlatformFormat::Json);
    assert_eq!(x.records, j.records);
    assert_eq!(x.batches, j.batches);
    assert_eq!(x.text, j.text);
    assert_eq!(x.records.len(), 1);
    let r = &x.records[0];
    assert_eq!(x.code(r), "2X2QFKTZD2K");
    assert_eq!(r.status, CodeStatus::Redeemed);
    assert_eq!(r.bind, BindStatus::Unbound);
    assert_eq!(
        r.gmt_modified,
        BeijingTime::parse("2019-12-02 23:59:59").unwrap()
    );
    let b = &x.batches[0];
    assert_eq!(b.mix_id, "code_8ebc4e741689bbc1");
    assert_eq!(b.name.as_deref(), Some("淘票票示例活动"));
    assert_eq!(b.denomination, Some(Fen(400)));
    assert_eq!(b.total_count, Some(100));
    assert_eq!(b.valid_days, Some(1));
    assert_eq!(b.valid_duration_type.as_deref(), Some("DAY"));
    assert_eq!(b.has_next_last, Some(true));
    assert!(!b.final_page_seen);
    assert_eq!(
        b.last_valid_moment(),
        BeijingTime::parse("2019-12-03 23:59:59")
    );
    assert!(x.all_redeemed);
    assert!(x.row_errors.is_empty() && j.row_errors.is_empty());
}

#[test]
fn error_example_is_a_platform_error() {
    let e = parse_platform("err.xml", include_bytes!("data/seed_error.xml")).unwrap_err();
    assert_eq!(e.kind, InputErrorKind::Platform);
    assert_eq!(
        e.to_string(),
        "err.xml, page 1: platform error 50 Remote service error (isv.invalid-parameter: 非法参数)"
    );
    let p = e.platform.clone().unwrap();
    assert_eq!(p.sub_code.as_deref(), Some("isv.invalid-parameter"));
    let json = r#"{"error_response":{"code":50,"msg":"Remote service error","sub_code":"isv.invalid-parameter","sub_msg":"非法参数"}}"#.as_bytes();
    let e2 = parse_platform("err.json", json).unwrap_err();
    assert_eq!(e2.to_string(), e.to_string().replace("err.xml", "err.json"));
}
