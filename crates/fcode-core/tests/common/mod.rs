//! Shared test helpers: the fixture set at the repository root.
#![allow(dead_code)]

use fcode_core::issuance::{IssuanceFile, IssuanceOptions, parse_issuance};
use fcode_core::model::PullType;
use fcode_core::platform::{PlatformFile, parse_platform};
use fcode_core::reconcile::{
    Inputs, Period, PlatformInput, ReconcileOptions, Reconciliation, reconcile,
};
use fcode_core::report::{InputMeta, Report, ReportMeta, build_report};
use std::path::PathBuf;

pub fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

pub fn read_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_dir().join(name)).unwrap()
}

pub const PLATFORM: [(&str, PullType); 6] = [
    ("platform-a-wrapped.json", PullType::All),
    ("platform-b-simplified.json", PullType::All),
    ("platform-c-pages.ndjson", PullType::All),
    ("platform-d.xml", PullType::All),
    ("platform-e.csv", PullType::All),
    ("consume-f.json", PullType::Consume),
];

pub struct Loaded {
    pub platform: Vec<(PlatformFile, PullType, Vec<u8>)>,
    pub issued: IssuanceFile,
    pub issued_bytes: Vec<u8>,
}

impl Loaded {
    pub fn inputs(&self) -> Inputs<'_> {
        Inputs {
            platform: self
                .platform
                .iter()
                .map(|(f, p, _)| PlatformInput { file: f, pull: *p })
                .collect(),
            issuance: vec![&self.issued],
        }
    }

    pub fn reconcile(&self) -> Reconciliation {
        let period = Period::parse("2026-08-01..2026-09-01").unwrap();
        reconcile(
            &self.inputs(),
            &ReconcileOptions {
                period: Some(period),
            },
        )
    }

    pub fn report(&self, rec: &Reconciliation) -> Report {
        let mut inputs: Vec<InputMeta> = self
            .platform
            .iter()
            .map(|(f, p, b)| InputMeta::platform(f, b, *p))
            .collect();
        inputs.push(InputMeta::issuance(&self.issued, &self.issued_bytes));
        build_report(
            rec,
            &ReportMeta {
                generated_at: "2026-09-01 10:00:00".to_string(),
                inputs,
            },
        )
    }
}

pub fn load_fixtures() -> Loaded {
    let platform = PLATFORM
        .iter()
        .map(|(name, pull)| {
            let bytes = read_fixture(name);
            (parse_platform(name, &bytes).unwrap(), *pull, bytes)
        })
        .collect();
    let issued_bytes = read_fixture("issued-gbk.csv");
    let issued =
        parse_issuance("issued-gbk.csv", &issued_bytes, &IssuanceOptions::default()).unwrap();
    Loaded {
        platform,
        issued,
        issued_bytes,
    }
}

/// Compares two JSON values field by field; returns the first differing path.
pub fn first_difference(
    path: &str,
    a: &serde_json::Value,
    b: &serde_json::Value,
) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                let p = format!("{path}.{k}");
                match (x.get(k), y.get(k)) {
                    (Some(u), Some(v)) => {
                        if let Some(d) = first_difference(&p, u, v) {
                            return Some(d);
                        }
                    }
                    (u, v) => return Some(format!("{p}: {u:?} vs {v:?}")),
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{path}: {} items vs {}", x.len(), y.len()));
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (u, v))| first_difference(&format!("{path}[{i}]"), u, v))
        }
        _ if a == b => None,
        _ => Some(format!("{path}: {a} vs {b}")),
    }
}
