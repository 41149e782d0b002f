//! Times each phase of bytes → report on generated data, for finding where
//! the time goes (the criterion bench gives the statistics):
//!
//!     cargo run --release -p fcode-core --example pipeline -- 1000000
//!
//! Run it under `/usr/bin/time -v` for the peak memory.

use fcode_core::generator::{GenFile, GenOptions, Generated, generate};
use fcode_core::issuance::{IssuanceOptions, parse_issuance};
use fcode_core::model::PullType;
use fcode_core::platform::parse_platform;
use fcode_core::reconcile::{Inputs, PlatformInput, ReconcileOptions, reconcile};
use fcode_core::report::{InputMeta, ReportMeta, build_report, sha256_hex};
use std::time::Instant;

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let codes: u64 = arg.parse().unwrap_or(1_000_000);
    // A directory written by `fcode-recon generate` (so a profiler sees only
    // the pipeline), or generate in memory.
    let from_dir = std::path::Path::new(&arg).is_dir();
    let data = if from_dir {
        read_dir(&arg)
    } else {
        generate(&GenOptions {
            codes,
            batches: 8,
            seed: 1,
            page_size: 1000,
        })
    };
    let mb = |n: usize| n as f64 / 1e6;
    let platform_bytes: usize = data.platform.iter().map(|f| f.bytes.len()).sum();
    let what = if from_dir {
        arg.clone()
    } else {
        format!("{codes} codes")
    };
    println!(
        "{what}: platform {:.1} MB in {} files, issuance {:.1} MB",
        mb(platform_bytes),
        data.platform.len(),
        mb(data.issued.bytes.len())
    );

    let t0 = Instant::now();
    let hashes: Vec<String> = data
        .platform
        .iter()
        .map(|f| sha256_hex(&f.bytes))
        .chain([sha256_hex(&data.issued.bytes)])
        .collect();
    let t_hash = t0.elapsed();
    let t = Instant::now();
    let files: Vec<_> = data
        .platform
        .iter()
        .map(|f| parse_platform(&f.name, &f.bytes).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let t_platform = t.elapsed();
    let t = Instant::now();
    let issued = parse_issuance(
        &data.issued.name,
        &data.issued.bytes,
        &IssuanceOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let t_issuance = t.elapsed();
    let t = Instant::now();
    let inputs = Inputs {
        platform: files
            .iter()
            .zip(&data.platform)
            .map(|(f, g)| PlatformInput {
                file: f,
                pull: g.pull,
            })
            .collect(),
        issuance: vec![&issued],
    };
    let rec = reconcile(&inputs, &ReconcileOptions::default());
    let t_reconcile = t.elapsed();
    let t = Instant::now();
    let mut metas: Vec<InputMeta> = files
        .iter()
        .zip(&data.platform)
        .zip(&hashes)
        .map(|((f, g), h)| InputMeta::platform_with_hash(f, h.clone(), g.pull))
        .collect();
    metas.push(InputMeta::issuance_with_hash(
        &issued,
        hashes.last().cloned().unwrap_or_default(),
    ));
    let report = build_report(
        &rec,
        &ReportMeta {
            generated_at: "2026-09-01 00:00:00".into(),
            inputs: metas,
        },
    );
    let json = report.to_json();
    let t_report = t.elapsed();
    let total = t0.elapsed();
    println!("sha256     {:>8.1} ms", t_hash.as_secs_f64() * 1e3);
    println!("platform   {:>8.1} ms", t_platform.as_secs_f64() * 1e3);
    println!("issuance   {:>8.1} ms", t_issuance.as_secs_f64() * 1e3);
    println!("reconcile  {:>8.1} ms", t_reconcile.as_secs_f64() * 1e3);
    println!("report     {:>8.1} ms", t_report.as_secs_f64() * 1e3);
    println!(
        "total      {:>8.1} ms  ({} codes, report {} bytes, balanced {})",
        total.as_secs_f64() * 1e3,
        rec.len(),
        json.len(),
        rec.tie_out.balanced
    );
    if std::env::args().any(|a| a == "--exports") {
        let t = Instant::now();
        let csv = fcode_core::report::details_csv(&rec, &inputs);
        println!(
            "details csv {:>7.1} ms ({:.1} MB)",
            t.elapsed().as_secs_f64() * 1e3,
            mb(csv.len())
        );
        let t = Instant::now();
        let x = fcode_core::report::xlsx(&rec, &inputs, &report).unwrap_or_else(|e| panic!("{e}"));
        println!(
            "xlsx       {:>8.1} ms ({:.1} MB)",
            t.elapsed().as_secs_f64() * 1e3,
            mb(x.len())
        );
    }
}

fn read_dir(dir: &str) -> Generated {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.starts_with("batch-"))
        .collect();
    names.sort();
    let n = names.len();
    let platform = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| GenFile {
            bytes: std::fs::read(format!("{dir}/{name}")).unwrap(),
            name,
            pull: if n >= 3 && i == n - 1 {
                PullType::Consume
            } else {
                PullType::All
            },
        })
        .collect();
    let issued = GenFile {
        name: "issued.csv".into(),
        bytes: std::fs::read(format!("{dir}/issued.csv")).unwrap(),
        pull: PullType::All,
    };
    Generated { platform, issued }
}
