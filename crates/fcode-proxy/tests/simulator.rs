//! The gateway simulator: checks as TOP does, pages with the cursor, ALL vs CONSUME,
//! the dump is the truth, envelopes (wrapped, simplified, XML), fault injection.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::*;
use fcode_proxy::sign::SignMethod;
use fcode_proxy::simulator::dump::dump_lines;
use fcode_proxy::simulator::faults::{FaultConfig, FaultSchedule};
use fcode_proxy::timestamp::{format_shanghai, now_unix};
use serde_json::Value;

async fn call(url: &str, params: &BTreeMap<String, String>) -> Value {
    let (status, body) = post_form(url, params).await;
    assert_eq!(status, 200, "{body}");
    json(&body)
}

#[tokio::test]
async fn accepts_all_three_sign_methods() {
    let (simulator, url) = start_simulator(FaultConfig::none()).await;
    let mix_id = simulator.dataset().batches[0].mix_id.clone();
    for method in [SignMethod::Md5, SignMethod::Hmac, SignMethod::HmacSha256] {
        let body = call(&url, &signed_call(&mix_id, "ALL", None, method)).await;
        assert_eq!(result(&body)["return_code"], "0", "{method}: {body}");
        assert_eq!(page_codes(&body).len(), 50);
    }
}

#[tokio::test]
async fn rejects_what_top_rejects() {
    let (simulator, url) = start_simulator(FaultConfig::none()).await;
    let mix_id = simulator.dataset().batches[0].mix_id.clone();
    let good = signed_call(&mix_id, "ALL", None, SignMethod::Md5);

    let expect = |code: i64| move |body: Value| assert_eq!(error_code(&body), Some(code), "{body}");

    // Bad signature: one character changed.
    let mut bad_sign = good.clone();
    let tampered: String = bad_sign["sign"].chars().rev().collect();
    bad_sign.insert("sign".into(), tampered);
    expect(25)(call(&url, &bad_sign).await);

    // Signed with another secret.
    let mut other_secret = good.clone();
    other_secret.remove("sign");
    let signature = fcode_proxy::sign::sign(
        other_secret.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        "wrong-secret",
        SignMethod::Md5,
    );
    other_secret.insert("sign".into(), signature);
    expect(25)(call(&url, &other_secret).await);

    // A parameter changed after signing.
    let mut altered = good.clone();
    altered.insert("operate_type".into(), "CONSUME".into());
    expect(25)(call(&url, &altered).await);

    let mut no_sign = good.clone();
    no_sign.remove("sign");
    expect(24)(call(&url, &no_sign).await);

    // Wrong app key (correctly signed, so the key is what fails).
    let mut wrong_key = good.clone();
    wrong_key.insert("app_key".into(), "someone_else".into());
    resign(&mut wrong_key, SignMethod::Md5);
    expect(29)(call(&url, &wrong_key).await);

    // Stale and future timestamps, and one in UTC instead of Beijing time (8 h off).
    for offset in [-11 * 60, 11 * 60, -8 * 3600] {
        let mut stale = good.clone();
        stale.insert("timestamp".into(), format_shanghai(now_unix() + offset));
        resign(&mut stale, SignMethod::Md5);
        expect(31)(call(&url, &stale).await);
    }
    // Within tolerance is fine.
    let mut close = good.clone();
    close.insert("timestamp".into(), format_shanghai(now_unix() - 9 * 60));
    resign(&mut close, SignMethod::Md5);
    assert_eq!(result(&call(&url, &close).await)["return_code"], "0");
    let mut garbage = good.clone();
    garbage.insert("timestamp".into(), "yesterday".into());
    resign(&mut garbage, SignMethod::Md5);
    expect(31)(call(&url, &garbage).await);

    // Missing required API arguments.
    for name in ["mix_id", "partner_code", "operate_type"] {
        let mut missing = good.clone();
        missing.remove(name);
        resign(&mut missing, SignMethod::Md5);
        let body = call(&url, &missing).await;
        expect(40)(body.clone());
        assert!(
            body["error_response"]["msg"]
                .as_str()
                .unwrap()
                .contains(name)
        );
    }
    let mut bad_type = good.clone();
    bad_type.insert("operate_type".into(), "SOME".into());
    resign(&mut bad_type, SignMethod::Md5);
    expect(41)(call(&url, &bad_type).await);

    let mut bad_params = good.clone();
    bad_params.insert("params".into(), "{not json".into());
    resign(&mut bad_params, SignMethod::Md5);
    let body = call(&url, &bad_params).await;
    expect(50)(body.clone());
    assert_eq!(body["error_response"]["sub_code"], "isv.invalid-parameter");

    let mut other_method = good.clone();
    other_method.insert("method".into(), "taobao.user.seller.get".into());
    resign(&mut other_method, SignMethod::Md5);
    expect(22)(call(&url, &other_method).await);

    let mut no_session = good.clone();
    no_session.remove("session");
    resign(&mut no_session, SignMethod::Md5);
    expect(26)(call(&url, &no_session).await);
    let mut wrong_session = good.clone();
    wrong_session.insert("session".into(), "guess".into());
    resign(&mut wrong_session, SignMethod::Md5);
    expect(27)(call(&url, &wrong_session).await);

    let mut unknown_sign_method = good.clone();
    unknown_sign_method.insert("sign_method".into(), "sha1".into());
    resign(&mut unknown_sign_method, SignMethod::Md5);
    expect(41)(call(&url, &unknown_sign_method).await);

    // Every error carries a request id, like TOP's.
    let body = call(&url, &no_sign).await;
    assert!(
        body["error_response"]["request_id"]
            .as_str()
            .is_some_and(|id| !id.is_empty())
    );
}

#[tokio::test]
async fn business_errors_are_results_not_error_responses() {
    let (simulator, url) = start_simulator(FaultConfig::none()).await;
    let body = call(
        &url,
        &signed_call("code_0000000000000000", "ALL", None, SignMethod::Md5),
    )
    .await;
    assert_eq!(error_code(&body), None);
    assert_ne!(result(&body)["return_code"], "0");
    assert!(
        result(&body)["return_message"]
            .as_str()
            .is_some_and(|message| !message.is_empty())
    );

    let mix_id = simulator.dataset().batches[0].mix_id.clone();
    let mut other_partner = signed_call(&mix_id, "ALL", None, SignMethod::Md5);
    other_partner.insert("partner_code".into(), "someone".into());
    resign(&mut other_partner, SignMethod::Md5);
    let body = call(&url, &other_partner).await;
    assert_ne!(result(&body)["return_code"], "0");
}

/// Pages a pull to the end with direct signed calls; returns the wrapped pages.
async fn fetch_all_pages(
    url: &str,
    mix_id: &str,
    operate_type: &str,
    cursor_key: &str,
) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut cursor: Option<u64> = None;
    loop {
        let params_json = cursor.map(|n| format!("{{\"{cursor_key}\":{n}}}"));
        let body = call(
            url,
            &signed_call(
                mix_id,
                operate_type,
                params_json.as_deref(),
                SignMethod::HmacSha256,
            ),
        )
        .await;
        let value = &result(&body)["return_value"];
        let has_next = value["has_next"].as_bool().unwrap();
        let next = value["last_sequence"].as_u64().unwrap();
        assert_eq!(
            value["current_rows"].as_u64().unwrap() as usize,
            page_codes(&body).len()
        );
        pages.push(body);
        if !has_next {
            break;
        }
        assert!(
            cursor.is_none_or(|previous| next > previous),
            "cursor must advance"
        );
        cursor = Some(next);
        assert!(pages.len() < 100);
    }
    pages
}

#[tokio::test]
async fn paging_with_the_cursor_returns_exactly_the_dump() {
    let (simulator, url) = start_simulator(FaultConfig::none()).await;
    let dump = dump_lines(simulator.dataset(), simulator.page_size());
    let dumped: Vec<Value> = dump.lines().map(json).collect();
    let mut fetched = Vec::new();
    for batch in &simulator.dataset().batches {
        fetched.extend(fetch_all_pages(&url, &batch.mix_id, "ALL", "last_sequence").await);
    }
    assert_eq!(fetched.len(), dumped.len());
    for (live, truth) in fetched.iter().zip(&dumped) {
        assert_eq!(result(live), result(truth));
    }
    // Every code of the data set, once.
    let total: usize = simulator
        .dataset()
        .batches
        .iter()
        .map(|batch| batch.codes.len())
        .sum();
    let codes: Vec<String> = fetched.iter().flat_map(page_codes).collect();
    assert_eq!(codes.len(), total);
    assert_eq!(
        codes.iter().collect::<std::collections::HashSet<_>>().len(),
        total
    );
    // The total_count every page reports matches.
    let first = &result(&fetched[0])["return_value"]["basic"];
    assert_eq!(
        first["total_count"].as_u64().unwrap() as usize,
        simulator.dataset().batches[0].codes.len()
    );
}

#[tokio::test]
async fn camel_case_cursor_and_string_cursor_are_accepted() {
    let (simulator, url) = start_simulator(FaultConfig::none()).await;
    let mix_id = simulator.dataset().batches[1].mix_id.clone();
    let snake = fetch_all_pages(&url, &mix_id, "ALL", "last_sequence").await;
    let camel = fetch_all_pages(&url, &mix_id, "ALL", "lastSequence").await;
    assert_eq!(
        snake.iter().map(result).collect::<Vec<_>>(),
        camel.iter().map(result).collect::<Vec<_>>()
    );
    let second_cursor = result(&snake[0])["return_value"]["last_sequence"]
        .as_u64()
        .unwrap();
    let as_string = format!("{{\"last_sequence\":\"{second_cursor}\"}}");
    let body = call(
        &url,
        &signed_call(&mix_id, "ALL", Some(&as_string), SignMethod::Md5),
    )
    .await;
    assert_eq!(page_codes(&body), page_codes(&snake[1]));
}

#[tokio::test]
async fn consume_returns_only_redeemed_codes() {
    let (simulator, url) = start_simulator(FaultConfig::none()).await;
    let batch = simulator.dataset().batches[0].clone();
    let pages = fetch_all_pages(&url, &batch.mix_id, "CONSUME", "last_sequence").await;
    let mut redeemed_expected: Vec<String> = batch
        .codes
        .iter()
        .filter(|r| r.code_status == 2)
        .map(|r| r.code.clone())
        .collect();
    let mut fetched: Vec<String> = Vec::new();
    for page in &pages {
        for row in result(page)["return_value"]["coupon_list"]["f_code_info"]
            .as_array()
            .unwrap()
        {
            assert_eq!(row["code_status"], 2);
            fetched.push(row["code"].as_str().unwrap().to_string());
        }
    }
    redeemed_expected.sort();
    fetched.sort();
    assert_eq!(fetched, redeemed_expected);
    assert!(fetched.len() < batch.codes.len());
}

#[tokio::test]
async fn simplify_xml_and_get_requests() {
    let (simulator, url) = start_simulator(FaultConfig::none()).await;
    let mix_id = simulator.dataset().batches[0].mix_id.clone();

    let mut simplified = signed_call(&mix_id, "ALL", None, SignMethod::Hmac);
    simplified.insert("simplify".into(), "true".into());
    resign(&mut simplified, SignMethod::Hmac);
    let body = call(&url, &simplified).await;
    assert!(body.get("film_fcode_export_query_response").is_none());
    assert_eq!(body["result"]["return_code"], "0");
    assert_eq!(
        body["result"]["return_value"]["coupon_list"]
            .as_array()
            .unwrap()
            .len(),
        50
    );

    let mut xml = signed_call(&mix_id, "ALL", None, SignMethod::Md5);
    xml.insert("format".into(), "xml".into());
    resign(&mut xml, SignMethod::Md5);
    let (status, text) = post_form(&url, &xml).await;
    assert_eq!(status, 200);
    assert!(text.starts_with("<?xml"));
    assert!(
        text.contains("<film_fcode_export_query_response><result><return_code>0</return_code>")
    );
    assert_eq!(text.matches("<f_code_info>").count(), 50);
    assert!(text.contains("<has_next>true</has_next>"));

    // TOP also takes everything in the query string of a GET.
    let query = signed_call(&mix_id, "ALL", None, SignMethod::HmacSha256);
    let response = client().get(&url).query(&query).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body = json(&response.text().await.unwrap());
    assert_eq!(page_codes(&body).len(), 50);
}

#[tokio::test]
async fn scheduled_faults_happen_in_order_and_are_counted() {
    let schedule: FaultSchedule = "5xx,isp,truncate,call-limit".parse().unwrap();
    let faults = FaultConfig {
        schedule,
        call_limit_secs: 1,
        ..FaultConfig::none()
    };
    let (simulator, url) = start_simulator(faults).await;
    let mix_id = simulator.dataset().batches[0].mix_id.clone();
    let fresh = || signed_call(&mix_id, "ALL", None, SignMethod::Md5);

    let (status, body) = post_form(&url, &fresh()).await;
    assert!(status == 502 || status == 503, "{status}");
    assert!(body.contains("<html>"));

    let (status, body) = post_form(&url, &fresh()).await;
    assert_eq!(status, 200);
    let body = json(&body);
    assert_eq!(error_code(&body), Some(15));
    assert!(
        body["error_response"]["sub_code"]
            .as_str()
            .unwrap()
            .starts_with("isp.")
    );

    let (status, body) = post_form(&url, &fresh()).await;
    assert_eq!(status, 200);
    assert!(
        serde_json::from_str::<Value>(&body).is_err(),
        "truncated body must not parse"
    );
    assert!(body.starts_with("{\"film_fcode_export_query_response\""));

    let started = Instant::now();
    let body = call(&url, &fresh()).await;
    assert_eq!(error_code(&body), Some(7));
    assert_eq!(body["error_response"]["msg"], "App Call Limited");
    assert_eq!(
        body["error_response"]["sub_msg"],
        "This ban will last 1 more seconds"
    );
    // The ban holds until it expires, then calls go through again.
    let banned = call(&url, &fresh()).await;
    assert_eq!(error_code(&banned), Some(7));
    tokio::time::sleep(Duration::from_millis(1050).saturating_sub(started.elapsed())).await;
    let ok = call(&url, &fresh()).await;
    assert_eq!(result(&ok)["return_code"], "0");

    let stats = simulator.fault_stats();
    assert_eq!(
        (
            stats.requests,
            stats.http_5xx,
            stats.isp,
            stats.truncate,
            stats.call_limit,
            stats.call_limit_banned
        ),
        (6, 1, 1, 1, 1, 1)
    );
    let served = json(
        &client()
            .get(url.replace("/router/rest", "/_sim/stats"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(served["requests"], 6);
}

#[tokio::test]
async fn slow_answers_are_slow() {
    let faults = FaultConfig {
        slow_rate: 1.0,
        slow_ms: 150,
        first_requests: Some(1),
        ..FaultConfig::none()
    };
    let (simulator, url) = start_simulator(faults).await;
    let mix_id = simulator.dataset().batches[0].mix_id.clone();
    let started = Instant::now();
    let body = call(&url, &signed_call(&mix_id, "ALL", None, SignMethod::Md5)).await;
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(
        result(&body)["return_code"],
        "0",
        "a slow answer is still a good one"
    );
    // Only the first request is affected.
    let started = Instant::now();
    call(&url, &signed_call(&mix_id, "ALL", None, SignMethod::Md5)).await;
    assert!(started.elapsed() < Duration::from_millis(150));
    assert_eq!(simulator.fault_stats().slow, 1);
}

#[tokio::test]
async fn random_faults_follow_their_rate_and_seed() {
    let faults = FaultConfig {
        seed: 11,
        http_5xx_rate: 0.3,
        ..FaultConfig::none()
    };
    let run = || async {
        let (simulator, url) = start_simulator(faults.clone()).await;
        let mix_id = simulator.dataset().batches[0].mix_id.clone();
        let mut statuses = Vec::new();
        for _ in 0..40 {
            statuses.push(
                post_form(&url, &signed_call(&mix_id, "ALL", None, SignMethod::Md5))
                    .await
                    .0,
            );
        }
        statuses
    };
    let first = run().await;
    let second = run().await;
    assert_eq!(first, second, "same fault seed, same faults");
    let failures = first.iter().filter(|status| **status >= 500).count();
    assert!((4..=22).contains(&failures), "{failures} of 40");
}
