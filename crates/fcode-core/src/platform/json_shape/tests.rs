//! The shape reader against the general serde path: what it takes it must
//! read exactly as the general path does (records, row errors, batches,
//! pages, the count of values), and the files the platform and the generator
//! write must be taken, or the fast path would silently never run.

use super::read_document;
use crate::error::InputError;
use crate::generator::{GenOptions, generate};
use crate::platform::builder::Builder;
use crate::platform::json::{parse_json, read_responses};
use crate::platform::{PlatformFile, PlatformFormat};
use proptest::prelude::*;

type Read = Result<(usize, PlatformFile), InputError>;

fn builder(bytes: &[u8]) -> Builder<'static> {
    Builder::new("t.json", PlatformFormat::Json, bytes.len())
}

fn general(bytes: &[u8]) -> Read {
    let mut b = builder(bytes);
    let n = read_responses(&mut b, bytes, std::str::from_utf8(bytes).ok())?;
    Ok((n, b.finish()))
}

fn shape(bytes: &[u8]) -> Option<(usize, PlatformFile)> {
    let mut b = builder(bytes);
    let n = read_document(&mut b, std::str::from_utf8(bytes).ok()?).ok()?;
    Some((n, b.finish()))
}

fn parse(bytes: &[u8]) -> Read {
    let mut b = builder(bytes);
    let n = parse_json(&mut b, bytes)?;
    Ok((n, b.finish()))
}

/// The shape reader either declines, or reads what the general path reads;
/// and `parse_json`, whichever way it went, equals the general path, errors
/// included. True when the shape reader took the input.
fn assert_agree(bytes: &[u8]) -> bool {
    let want = general(bytes);
    let fast = shape(bytes);
    let show = || String::from_utf8_lossy(bytes).into_owned();
    if let Some(fast) = &fast {
        assert_eq!(
            Ok(fast),
            want.as_ref(),
            "shape reader differs on {}",
            show()
        );
    }
    assert_eq!(parse(bytes), want, "parse_json differs on {}", show());
    fast.is_some()
}

#[test]
fn fixtures_take_the_shape_path_and_agree() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    for name in [
        "platform-a-wrapped.json",
        "platform-b-simplified.json",
        "platform-c-pages.ndjson",
        "consume-f.json",
    ] {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        assert!(assert_agree(&bytes), "{name} did not take the shape path");
        assert!(!shape(&bytes).unwrap().1.records.is_empty());
    }
}

#[test]
fn generated_pages_take_the_shape_path_and_agree() {
    let g = generate(&GenOptions {
        codes: 3000,
        batches: 4,
        seed: 7,
        page_size: 250,
    });
    for f in &g.platform {
        assert!(
            assert_agree(&f.bytes),
            "{} did not take the shape path",
            f.name
        );
    }
}

const REC: &str =
    r#"{"code":"AB12","code_status":2,"gmt_modified":"2026-08-01 10:00:00","bind_status":0}"#;

fn page(list: &str) -> String {
    format!(
        r#"{{"result":{{"return_code":"0","return_value":{{"basic":{{"mix_id":"M1","denomination":400,"total_count":3}},"coupon_list":{list},"has_next":false}}}}}}"#
    )
}

#[test]
fn declines_what_it_does_not_know_and_the_general_path_reads_it() {
    let rec = |field: &str| {
        format!(
            r#"[{{"code":"AB12","code_status":2,"gmt_modified":"2026-08-01 10:00:00","bind_status":0,{field}}}]"#
        )
    };
    let lists = [
        rec(r#""code_status":2.0"#),
        rec(r#""code_status":1e0"#),
        rec(r#""code":-0"#),
        rec(r#""code_status":1234567890123456789"#),
        rec(r#""code":{"x":1}"#),
        rec(r#""code":[1]"#),
        r#"["AB12"]"#.to_string(),
        r#"[null]"#.to_string(),
        r#"{"a":[],"b":[]}"#.to_string(),
        format!(r#"{{"f_code_info":{{"inner":[{REC}]}}}}"#),
        REC.to_string(),
        r#""text""#.to_string(),
    ];
    for list in &lists {
        let doc = page(list);
        assert!(shape(doc.as_bytes()).is_none(), "took {list}");
        assert_agree(doc.as_bytes());
    }
    for doc in [
        r#"{"error_response":{"code":7,"msg":"App Call Limited","sub_code":"accesscontrol.limited-by-app-access-count"}}"#.to_string(),
        page(&format!("[{REC}]")).replace(r#""return_code":"0""#, r#""return_code":"15""#),
        page(&format!("[{REC}]")).replace(r#""denomination":400"#, r#""denomination":-4"#),
        page(&format!("[{REC}]")).replace(r#""return_value":{"#, r#""return_value":{"basic":[],"#),
        page(&format!("[{REC}]")).replace("\"AB12\"", "\"A\u{1}B\""),
        page(&format!("[{REC}]")).replace("\"AB12\"", r#""A\x""#),
        "[]".to_string(),
        "  ".to_string(),
        format!("{} x", page("[]")),
        // JSON lines whose first value spans two lines, or shares its line
        format!("{}\n{}", page("[]").replacen(',', ",\n", 1), page("[]")),
        format!("{} {}\n{}", page("[]"), page("[]"), page("[]")),
        format!("{}\n{}", page("[]"), "[1,]"),
        // ... or a later value does (lines are read where they lie, not split off)
        format!("{}\n{}", page("[]"), page("[]").replacen(',', ",\n", 1)),
        format!("{}\n{}\n{} {}", page("[]"), page("[]"), page("[]"), page("[]")),
        format!("{}\n\u{c}{}", page("[]"), page("[]")),
        format!("{}\n{}\n{}x", page("[]"), page("[]"), page("[]")),
    ] {
        assert!(shape(doc.as_bytes()).is_none(), "took {doc}");
        assert_agree(doc.as_bytes());
    }
}

#[test]
fn takes_the_usual_forms() {
    for list in [
        format!("[{REC},{REC}]"),
        format!(r#"{{"f_code_info":[{REC}]}}"#),
        format!(" [ \n{REC} ,\r\n\t{REC} ] "),
        "[]".to_string(),
        "{}".to_string(),
        "null".to_string(),
        // string numbers, nulls, booleans, escapes, duplicate and unknown keys
        r#"[{"code":"ab12","code_status":"2","gmt_modified":"2026-08-01 10:00:00","bind_status":"0","seq":7,"x":null,"y":[1.5e3,{"z":"\u00e9"}],"code":"CD34"}]"#.to_string(),
        r#"[{"co\u0064e":"A\"B\\C","code_status":2,"gmt_modified":"2026-08-01\u002010:00:00","bind_status":0}]"#.to_string(),
        r#"[{"code":null,"code_status":9,"gmt_modified":"bad","bind_status":false},{}]"#.to_string(),
        r#"[{"code":"ＡＢ１２","code_status":-1,"gmt_modified":"2026-08-01 10:00:00","bind_status":-1}]"#.to_string(),
    ] {
        let doc = page(&list);
        assert!(assert_agree(doc.as_bytes()), "declined {list}");
    }
    // Wrapped, several pages as an array, and JSON lines with blank lines.
    let wrapped = format!(
        r#"{{"film_fcode_export_query_response":{}, "request_id":"x"}}"#,
        page("[]")
    );
    for doc in [
        wrapped.clone(),
        format!("[{}, {}]", page(&format!("[{REC}]")), wrapped),
        format!("\n{}\n\n{}\r\n", page(&format!("[{REC}]")), wrapped),
        format!(
            "  {} \t\r\n{}\n{}",
            page(&format!("[{REC}]")),
            wrapped,
            page("[]")
        ),
        // blank lines of any ASCII white space, CRLF, white space around values
        format!(
            "{}\n \u{c} \r\n\t{}\r\n\n{} \n",
            page(&format!("[{REC}]")),
            page(&format!("[{REC},{REC}]")),
            wrapped
        ),
    ] {
        assert!(assert_agree(doc.as_bytes()), "declined {doc}");
    }
}

// --- generated variations ------------------------------------------------------

fn any_value() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        r#""AB12""#,
        r#""ab 12""#,
        r#""'CD34""#,
        r#""ＡＢ１２""#,
        r#""A\"B""#,
        r#""A\u0042""#,
        r#""\ud800""#,
        r#""""#,
        "2",
        "0",
        "-1",
        "-2",
        "7",
        "-0",
        "2.0",
        "1e0",
        "01",
        "123456789012345678",
        "1234567890123456789",
        "99999999999999999999",
        r#""2""#,
        r#""-1""#,
        "null",
        "true",
        "false",
        "{}",
        "[1]",
        r#"{"a":"b"}"#,
        r#""2026-08-01 10:00:00""#,
        r#""2026-13-01 10:00:00""#,
        r#""2026-08-01\u002010:00:00""#,
    ])
}

/// A valid record, then one change: a value replaced, a key escaped or
/// renamed, a field dropped or given twice, an unknown field added.
fn record() -> impl Strategy<Value = String> {
    let base = (
        prop::sample::select(vec![
            "AB12",
            "ab12",
            "ＡＢ１２",
            " CD34 ",
            "'EF56",
            "",
            "A\\\"B",
        ]),
        prop::sample::select(vec!["2", "0", "-1", "-2", "5", r#""2""#, r#""已核销""#]),
        prop::sample::select(vec!["0", "-1", "1", r#""0""#]),
        prop::sample::select(vec!["2026-08-01 10:00:00", "2026-08-01", "x"]),
    );
    let change = (
        0..7u8,
        0..4usize,
        any_value(),
        prop::sample::select(vec!["", " ", "\n", "\t "]),
    );
    (base, change, any::<bool>()).prop_map(
        |((code, status, bind, gmt), (what, at, v, ws), shuffle)| {
            let mut fields = vec![
                (r#""code""#.to_string(), format!(r#""{code}""#)),
                (r#""code_status""#.to_string(), status.to_string()),
                (r#""gmt_modified""#.to_string(), format!(r#""{gmt}""#)),
                (r#""bind_status""#.to_string(), bind.to_string()),
            ];
            match what {
                0 => fields[at].1 = v.to_string(),
                1 => fields[at].0 = fields[at].0.replacen('e', "\\u0065", 1),
                2 => fields[at].0 = r#""seq""#.to_string(),
                3 => {
                    fields.remove(at);
                }
                4 => fields.push((fields[at].0.clone(), v.to_string())),
                5 => fields.insert(at, (r#""extra""#.to_string(), v.to_string())),
                _ => {}
            }
            if shuffle {
                fields.reverse();
            }
            let body: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{ws}{k}{ws}:{ws}{v}{ws}"))
                .collect();
            format!("{{{}}}", body.join(","))
        },
    )
}

fn list() -> impl Strategy<Value = String> {
    (prop::collection::vec(record(), 0..5), 0..8u8).prop_map(|(rs, wrap)| {
        let l = format!("[{}]", rs.join(","));
        match wrap {
            0..=2 => l,
            3..=5 => format!(r#"{{"f_code_info":{l}}}"#),
            6 => format!(r#"{{ "f_code_info" : {l} , "more": [] }}"#),
            _ => format!(r#"{{"f_code_info":{{"inner":{l}}}}}"#),
        }
    })
}

fn response(l: &str, envelope: u8) -> String {
    let p = page(l);
    match envelope {
        0..=2 => p,
        3..=4 => format!(r#"{{"film_fcode_export_query_response":{p}}}"#),
        5 => p.replace(r#""return_code":"0""#, r#""return_code":0"#),
        6 => p.replace(r#""has_next":false"#, r#""has_next":"true""#),
        7 => p.replace(
            r#""total_count":3"#,
            r#""total_count":"3","valid_days":1.0"#,
        ),
        8 => p.replace(r#""basic":{"#, r#""basic":null,"b":{"#),
        _ => r#"{"error_response":{"code":"15","msg":"Remote service error"}}"#.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn shape_reader_agrees_with_the_general_path(
        pages in prop::collection::vec((list(), 0..10u8), 1..4),
        layout in 0..3u8,
        truncate in prop::option::weighted(0.2, 0usize..400),
    ) {
        let pages: Vec<String> = pages.iter().map(|(l, e)| response(l, *e)).collect();
        let mut doc = match layout {
            0 => pages.join("\n"),
            1 => format!("[{}]", pages.join(",")),
            _ => pages.first().cloned().unwrap_or_default(),
        };
        if let Some(n) = truncate {
            // Broken input: both ways give the same error.
            let mut cut = n.min(doc.len());
            while !doc.is_char_boundary(cut) {
                cut -= 1;
            }
            doc.truncate(cut);
        }
        assert_agree(doc.as_bytes());
    }
}
