//! Any bytes as an issuance list (CSV/TSV/pasted text/XLSX), with and
//! without a mapping and a face-value unit: an error or a file, never a panic.
#![no_main]

use fcode_core::issuance::{
    ColumnMapping, FaceValueUnit, IssuanceField, IssuanceOptions, inspect, parse_issuance,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (flags, body) = match data.split_first() {
        Some((f, rest)) => (*f, rest),
        None => (0, data),
    };
    let _ = inspect("fuzz.csv", body, None);
    let mut options = IssuanceOptions::default();
    if flags & 1 == 1 {
        options.face_value_unit = Some(FaceValueUnit::Fen);
    }
    if flags & 2 == 2 {
        let mut m = ColumnMapping::default();
        m.columns
            .insert(IssuanceField::Code, usize::from(flags >> 4));
        m.columns
            .insert(IssuanceField::FaceValue, usize::from((flags >> 2) & 3));
        if flags & 0x80 != 0 {
            m.header_row = Some(usize::from(flags & 7));
        }
        options.mapping = Some(m);
    }
    if let Ok(f) = parse_issuance("fuzz.csv", body, &options) {
        for r in &f.rows {
            let _ = f.code(r);
        }
    }
});
