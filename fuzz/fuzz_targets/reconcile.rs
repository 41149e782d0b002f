//! Two inputs from one buffer (split at the first 0xFF byte): platform
//! bytes and issuance bytes. Whatever parses is reconciled, reported and
//! exported; the tie-out must balance.
#![no_main]

use fcode_core::issuance::{IssuanceOptions, parse_issuance};
use fcode_core::model::PullType;
use fcode_core::platform::parse_platform;
use fcode_core::reconcile::{Inputs, Period, PlatformInput, ReconcileOptions, reconcile};
use fcode_core::report::{ReportMeta, build_report, details_csv, exceptions_csv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
    let (a, b) = data.split_at(split);
    let b = b.get(1..).unwrap_or(&[]);
    let platform = parse_platform("p.json", a).ok();
    let issued = parse_issuance("i.csv", b, &IssuanceOptions::default()).ok();
    let inputs = Inputs {
        platform: platform
            .iter()
            .map(|f| PlatformInput {
                file: f,
                pull: if a.len() % 2 == 0 {
                    PullType::All
                } else {
                    PullType::Consume
                },
            })
            .collect(),
        issuance: issued.iter().collect(),
    };
    let period = Period::parse("2026-08-01..2026-09-01").ok();
    let rec = reconcile(&inputs, &ReconcileOptions { period });
    assert!(rec.tie_out.balanced, "tie-out must balance");
    let report = build_report(&rec, &ReportMeta::default());
    let _ = report.to_json();
    let _ = details_csv(&rec, &inputs);
    let _ = exceptions_csv(&rec, &inputs);
    for i in 0..rec.len().min(50) {
        let _ = rec.detail_row(&inputs, i);
    }
});
