//! The small text parsers: money, Beijing time, periods, codes, safe cells.
#![no_main]

use fcode_core::issuance::money::{FaceValueUnit, parse_money};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_money(s, FaceValueUnit::Yuan);
    let _ = parse_money(s, FaceValueUnit::Fen);
    if let Some(t) = fcode_core::time::BeijingTime::parse(s) {
        // What parses prints back to something that parses to the same time.
        let again = fcode_core::time::BeijingTime::parse(&t.to_string());
        assert_eq!(again, Some(t));
    }
    let _ = fcode_core::reconcile::Period::parse(s);
    let code = fcode_core::code::normalise_code(s);
    assert!(
        !code.bytes().any(|b| b.is_ascii_lowercase()),
        "normalised codes are upper case"
    );
    let safe = fcode_core::report::safe_cell(s);
    assert_eq!(fcode_core::report::unescape_cell(&safe), s);
});
