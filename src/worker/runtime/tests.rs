//! The engine's side of loading with the browser's hash: the reply and the
//! report carry the hash handed over after the parse (native tests).

use super::{Engine, Hashing};
use crate::worker::protocol::{Progress, Reply, Request};
use fcode_core::generator::{GenOptions, generate};
use fcode_core::issuance::IssuanceOptions;
use fcode_core::report::sha256_hex;

fn quiet() -> impl FnMut(Progress) {
    |_| {}
}

#[test]
fn a_hash_taken_beside_the_parse_reaches_the_reply_and_the_report() {
    let data = generate(&GenOptions { codes: 600, batches: 2, seed: 3, page_size: 100 });
    let mut engine = Engine::default();
    let mut order = Vec::new();
    for (input, file) in (1..).zip(&data.platform) {
        let request = Request::LoadPlatform { input, name: file.name.clone() };
        let mut answer = engine.handle(request, Some(&file.bytes), Hashing::Browser, &mut quiet());
        let Reply::PlatformLoaded(summary) = &answer.reply else { panic!("{:?}", answer.reply) };
        assert_eq!(summary.sha256, "", "no hash before the browser's arrives");
        engine.settle_sha256(&mut answer.reply, sha256_hex(&file.bytes));
        let Reply::PlatformLoaded(summary) = &answer.reply else { panic!("{:?}", answer.reply) };
        assert_eq!(summary.sha256, sha256_hex(&file.bytes));
        order.push((input, file.pull));
    }
    // The engine still hashes by itself where the browser cannot.
    let load = Request::LoadIssuance { input: 0, name: data.issued.name.clone(), options: IssuanceOptions::default() };
    let answer = engine.handle(load, Some(&data.issued.bytes), Hashing::Engine, &mut quiet());
    let Reply::IssuanceLoaded(summary) = &answer.reply else { panic!("{:?}", answer.reply) };
    assert_eq!(summary.sha256, sha256_hex(&data.issued.bytes));

    let reconcile = Request::Reconcile { platform: order, period: None, generated_at: "2026-11-28 12:00:00".into() };
    let answer = engine.handle(reconcile, None, Hashing::Engine, &mut quiet());
    let Reply::Reconciled { report, .. } = &answer.reply else { panic!("{:?}", answer.reply) };
    let expected: Vec<String> = data.platform.iter().chain([&data.issued]).map(|f| sha256_hex(&f.bytes)).collect();
    let hashes: Vec<String> = report.inputs.iter().map(|i| i.sha256.clone()).collect();
    assert_eq!(hashes, expected);
}

#[test]
fn a_failed_load_is_not_given_a_hash() {
    let mut engine = Engine::default();
    let request = Request::LoadPlatform { input: 1, name: "broken.json".into() };
    let mut answer = engine.handle(request, Some(b"{\"result\": "), Hashing::Browser, &mut quiet());
    let before = format!("{:?}", answer.reply);
    assert!(matches!(answer.reply, Reply::Failed { .. }), "{before}");
    engine.settle_sha256(&mut answer.reply, "ab".repeat(32));
    assert_eq!(format!("{:?}", answer.reply), before);
}
