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
        let mut answer = engine.handle(request, &mut Some(file.bytes.clone()), Hashing::Browser, &mut quiet());
        let Reply::PlatformLoaded(summary) = &answer.reply else { panic!("{:?}", answer.reply) };
        assert_eq!(summary.sha256, "", "no hash before the browser's arrives");
        engine.settle_sha256(&mut answer.reply, sha256_hex(&file.bytes));
        let Reply::PlatformLoaded(summary) = &answer.reply else { panic!("{:?}", answer.reply) };
        assert_eq!(summary.sha256, sha256_hex(&file.bytes));
        order.push((input, file.pull));
    }
    // The engine still hashes by itself where the browser cannot.
    let load = Request::LoadIssuance { input: 0, name: data.issued.name.clone(), options: IssuanceOptions::default() };
    let answer = engine.handle(load, &mut Some(data.issued.bytes.clone()), Hashing::Engine, &mut quiet());
    let Reply::IssuanceLoaded(summary) = &answer.reply else { panic!("{:?}", answer.reply) };
    assert_eq!(summary.sha256, sha256_hex(&data.issued.bytes));

    let reconcile = Request::Reconcile { platform: order, period: None, generated_at: "2026-11-28 12:00:00".into() };
    let answer = engine.handle(reconcile, &mut None, Hashing::Engine, &mut quiet());
    let Reply::Reconciled { report, .. } = &answer.reply else { panic!("{:?}", answer.reply) };
    let expected: Vec<String> = data.platform.iter().chain([&data.issued]).map(|f| sha256_hex(&f.bytes)).collect();
    let hashes: Vec<String> = report.inputs.iter().map(|i| i.sha256.clone()).collect();
    assert_eq!(hashes, expected);
}

#[test]
fn a_failed_load_is_not_given_a_hash() {
    let mut engine = Engine::default();
    let request = Request::LoadPlatform { input: 1, name: "broken.json".into() };
    let mut answer = engine.handle(request, &mut Some(b"{\"result\": ".to_vec()), Hashing::Browser, &mut quiet());
    let before = format!("{:?}", answer.reply);
    assert!(matches!(answer.reply, Reply::Failed { .. }), "{before}");
    engine.settle_sha256(&mut answer.reply, "ab".repeat(32));
    assert_eq!(format!("{:?}", answer.reply), before);
}

/// The engine keeps a UTF-8 list's bytes instead of a copy of them, so it
/// can still hash them when the browser cannot; other bytes stay with the
/// caller; and a file nobody could hash is unloaded, not reported unhashed.
#[test]
fn a_kept_list_can_still_be_hashed_and_an_unhashed_one_is_unloaded() {
    let data = generate(&GenOptions { codes: 300, batches: 1, seed: 5, page_size: 100 });
    let mut engine = Engine::default();
    let load = |input| Request::LoadIssuance { input, name: data.issued.name.clone(), options: IssuanceOptions::default() };
    let mut bytes = Some(data.issued.bytes.clone());
    let answer = engine.handle(load(7), &mut bytes, Hashing::Browser, &mut quiet());
    assert!(matches!(answer.reply, Reply::IssuanceLoaded(_)), "{:?}", answer.reply);
    assert_eq!(bytes, None, "UTF-8 text is kept by the engine");
    assert_eq!(engine.hash_kept_input(&answer.reply), Some(sha256_hex(&data.issued.bytes)));

    // 啊 in GBK: not UTF-8.
    let gbk = b"code,note\nKHNL79QTRAX,\xB0\xA1\n".to_vec();
    let mut bytes = Some(gbk.clone());
    let answer = engine.handle(load(8), &mut bytes, Hashing::Browser, &mut quiet());
    assert!(matches!(answer.reply, Reply::IssuanceLoaded(_)), "{:?}", answer.reply);
    assert_eq!(bytes.as_deref(), Some(&gbk[..]), "GB18030 bytes come back to be hashed");
    assert_eq!(engine.hash_kept_input(&answer.reply), None);

    let Reply::Failed { message } = engine.unload_unhashed(answer.reply) else { panic!("not a failure") };
    assert!(message.contains(&data.issued.name) && message.contains("SHA-256"), "{message}");
    let reconcile = Request::Reconcile { platform: Vec::new(), period: None, generated_at: String::new() };
    let answer = engine.handle(reconcile, &mut None, Hashing::Engine, &mut quiet());
    assert!(matches!(answer.reply, Reply::Failed { ref message } if message.contains("issuance list first")), "{:?}", answer.reply);
}
