//! `fcode-recon reconcile`: read files, run the engine, write outputs.

use crate::args::{PlatformOrder, ReconcileArgs, Unit};
use fcode_core::issuance::{
    ColumnMapping, FaceValueUnit, IssuanceOptions, inspect, parse_issuance,
};
use fcode_core::model::PullType;
use fcode_core::platform::parse_platform;
use fcode_core::reconcile::{Inputs, Period, PlatformInput, ReconcileOptions, reconcile};
use fcode_core::report::{
    InputMeta, ReportMeta, build_report, details_csv, exceptions_csv, sha256_hex, xlsx,
};
use fcode_core::time::BeijingTime;
use std::path::{Path, PathBuf};

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn now_beijing() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    BeijingTime::from_unix_utc(secs).to_string()
}

fn parse_map(pairs: &[String]) -> Result<Vec<(String, String)>, String> {
    pairs
        .iter()
        .map(|p| {
            p.split_once('=')
                .map(|(f, c)| (f.trim().to_string(), c.trim().to_string()))
                .ok_or_else(|| format!("--map {p}: expected field=column"))
        })
        .collect()
}

pub fn run(a: &ReconcileArgs, order: &PlatformOrder) -> Result<(), String> {
    let period = a.period.as_deref().map(Period::parse).transpose()?;
    let map_pairs = parse_map(&a.map)?;

    // Platform files in command-line order.
    let mut platform_paths: Vec<(PathBuf, PullType)> = Vec::new();
    for (k, consume) in &order.0 {
        let list = if *consume { &a.consume } else { &a.platform };
        if let Some(p) = list.get(*k) {
            platform_paths.push((
                p.clone(),
                if *consume {
                    PullType::Consume
                } else {
                    PullType::All
                },
            ));
        }
    }
    let mut platform_files = Vec::new();
    let mut metas = Vec::new();
    for (path, pull) in &platform_paths {
        let bytes = read(path)?;
        let f = parse_platform(&name_of(path), &bytes).map_err(|e| e.to_string())?;
        metas.push(InputMeta::platform_with_hash(&f, sha256_hex(&bytes), *pull));
        platform_files.push((f, *pull));
    }

    let mut issuance_files = Vec::new();
    for path in &a.issued {
        let bytes = read(path)?;
        let name = name_of(path);
        let mapping = if map_pairs.is_empty() {
            None
        } else {
            let preview = inspect(&name, &bytes, a.sheet.as_deref()).map_err(|e| e.to_string())?;
            let mut m = ColumnMapping::from_names(&map_pairs, &preview.headers)
                .map_err(|e| format!("{name}: {e}"))?;
            m.header_row = preview.header_row;
            Some(m)
        };
        let options = IssuanceOptions {
            mapping,
            face_value_unit: a.face_value_unit.map(|u| match u {
                Unit::Yuan => FaceValueUnit::Yuan,
                Unit::Fen => FaceValueUnit::Fen,
            }),
            sheet: a.sheet.clone(),
        };
        let f = parse_issuance(&name, &bytes, &options).map_err(|e| e.to_string())?;
        metas.push(InputMeta::issuance_with_hash(&f, sha256_hex(&bytes)));
        issuance_files.push(f);
    }

    let inputs = Inputs {
        platform: platform_files
            .iter()
            .map(|(f, pull)| PlatformInput {
                file: f,
                pull: *pull,
            })
            .collect(),
        issuance: issuance_files.iter().collect(),
    };
    let rec = reconcile(&inputs, &ReconcileOptions { period });
    let report = build_report(
        &rec,
        &ReportMeta {
            generated_at: now_beijing(),
            inputs: metas,
        },
    );

    // Rejected rows and warnings go to stderr: visible, yet the JSON on
    // stdout stays clean.
    for (f, _) in &platform_files {
        note_rejected(
            &f.name,
            f.row_errors.count,
            f.row_errors.listed.first().map(|e| e.to_string()),
        );
    }
    for f in &issuance_files {
        note_rejected(
            &f.name,
            f.row_errors.count,
            f.row_errors.listed.first().map(|e| e.to_string()),
        );
        for w in &f.warnings {
            eprintln!("warning: {}: {w}", f.name);
        }
    }
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }

    let json = report.to_json() + "\n";
    match &a.report {
        Some(p) => write(p, json.as_bytes())?,
        None => print!("{json}"),
    }
    if let Some(p) = &a.details {
        write(p, &details_csv(&rec, &inputs))?;
    }
    if let Some(p) = &a.exceptions {
        write(p, &exceptions_csv(&rec, &inputs))?;
    }
    if let Some(p) = &a.xlsx {
        let bytes = xlsx(&rec, &inputs, &report).map_err(|e| e.to_string())?;
        write(p, &bytes)?;
    }
    Ok(())
}

fn note_rejected(name: &str, count: u64, first: Option<String>) {
    if count > 0 {
        eprintln!(
            "warning: {name}: {count} rows rejected (first: {})",
            first.unwrap_or_default()
        );
    }
}
