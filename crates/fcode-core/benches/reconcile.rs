//! Bytes in memory → report, over the deterministic generator, at 100k and
//! 1M codes (target: 1M platform codes + 1M issuance rows < 1.0 s on one
//! thread). Phases are measured separately to show where the time goes.

use criterion::{Criterion, criterion_group, criterion_main};
use fcode_core::generator::{GenOptions, Generated, generate};
use fcode_core::issuance::{IssuanceFile, IssuanceOptions, parse_issuance};
use fcode_core::platform::{PlatformFile, parse_platform};
use fcode_core::reconcile::{Inputs, PlatformInput, ReconcileOptions, reconcile};
use fcode_core::report::{InputMeta, Report, ReportMeta, build_report, sha256_hex};
use std::hint::black_box;
use std::time::Duration;

fn parse_all(d: &Generated) -> (Vec<PlatformFile>, IssuanceFile) {
    let files = d
        .platform
        .iter()
        .map(|f| parse_platform(&f.name, &f.bytes).unwrap())
        .collect();
    let issued =
        parse_issuance(&d.issued.name, &d.issued.bytes, &IssuanceOptions::default()).unwrap();
    (files, issued)
}

fn inputs<'a>(d: &Generated, files: &'a [PlatformFile], issued: &'a IssuanceFile) -> Inputs<'a> {
    Inputs {
        platform: files
            .iter()
            .zip(&d.platform)
            .map(|(f, g)| PlatformInput {
                file: f,
                pull: g.pull,
            })
            .collect(),
        issuance: vec![issued],
    }
}

/// The whole path the app and the CLI take: hash, parse, reconcile, report.
fn bytes_to_report(d: &Generated) -> Report {
    let (files, issued) = parse_all(d);
    let inp = inputs(d, &files, &issued);
    let rec = reconcile(&inp, &ReconcileOptions::default());
    let mut metas: Vec<InputMeta> = files
        .iter()
        .zip(&d.platform)
        .map(|(f, g)| InputMeta::platform(f, &g.bytes, g.pull))
        .collect();
    metas.push(InputMeta::issuance(&issued, &d.issued.bytes));
    build_report(
        &rec,
        &ReportMeta {
            generated_at: "2026-09-01 00:00:00".into(),
            inputs: metas,
        },
    )
}

fn bench(c: &mut Criterion) {
    for (label, codes, samples) in [("100k", 100_000u64, 20usize), ("1M", 1_000_000, 10)] {
        let d = generate(&GenOptions {
            codes,
            batches: 8,
            seed: 1,
            page_size: 1000,
        });
        let mut g = c.benchmark_group(label);
        g.sample_size(samples);
        g.warm_up_time(Duration::from_secs(2));
        g.measurement_time(Duration::from_secs(if codes > 100_000 { 20 } else { 8 }));
        g.bench_function("bytes_to_report", |b| {
            b.iter(|| black_box(bytes_to_report(&d)))
        });
        g.bench_function("sha256", |b| {
            b.iter(|| {
                d.platform
                    .iter()
                    .map(|f| sha256_hex(&f.bytes))
                    .chain([sha256_hex(&d.issued.bytes)])
                    .count()
            })
        });
        g.bench_function("parse_platform", |b| {
            b.iter(|| {
                d.platform
                    .iter()
                    .map(|f| parse_platform(&f.name, &f.bytes).unwrap().records.len())
                    .sum::<usize>()
            })
        });
        g.bench_function("parse_issuance", |b| {
            b.iter(|| {
                parse_issuance(&d.issued.name, &d.issued.bytes, &IssuanceOptions::default())
                    .unwrap()
                    .rows
                    .len()
            })
        });
        let (files, issued) = parse_all(&d);
        g.bench_function("reconcile", |b| {
            b.iter(|| {
                black_box(reconcile(
                    &inputs(&d, &files, &issued),
                    &ReconcileOptions::default(),
                ))
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
