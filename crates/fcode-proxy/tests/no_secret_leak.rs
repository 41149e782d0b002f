//! A full paging session through proxy → simulator with faults switched on, capturing
//! every response body and every log line (at TRACE, dependencies included), and
//! asserting that the app secret, the session and the bearer token never appear.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use fcode_proxy::sign::SignMethod;
use fcode_proxy::simulator::faults::FaultConfig;
use serde_json::Value;
use tracing_subscriber::fmt::MakeWriter;

/// A log sink shared with the test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// How a client reacts to one answer (the retry policy of SPEC 6, in miniature).
enum Next {
    Page(Value),
    RetryAfter(Duration),
}

fn classify(status: u16, body: &str) -> Next {
    if status >= 500 {
        return Next::RetryAfter(Duration::from_millis(5));
    }
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return Next::RetryAfter(Duration::from_millis(5)); // truncated
    };
    match value
        .pointer("/error_response/code")
        .and_then(Value::as_i64)
    {
        None => Next::Page(value),
        Some(7) => {
            let sub_msg = value["error_response"]["sub_msg"].as_str().unwrap_or("");
            let secs: u64 = sub_msg
                .split_whitespace()
                .find_map(|word| word.parse().ok())
                .unwrap_or(1);
            Next::RetryAfter(Duration::from_secs(secs))
        }
        Some(10 | 15) => Next::RetryAfter(Duration::from_millis(5)),
        Some(code) => panic!("unexpected TOP error {code}: {body}"),
    }
}

#[tokio::test]
async fn secret_session_and_token_never_appear_in_bodies_or_logs() {
    let logs = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(logs.clone())
        .finish();
    // The test runtime is single-threaded, so every task (servers, client) logs here.
    let _guard = tracing::subscriber::set_default(subscriber);

    let faults = FaultConfig {
        seed: 3,
        schedule: "5xx,call-limit,isp,truncate,slow,ok".parse().unwrap(),
        http_5xx_rate: 0.15,
        isp_rate: 0.1,
        truncate_rate: 0.15,
        slow_rate: 0.1,
        slow_ms: 20,
        call_limit_secs: 1,
        ..FaultConfig::none()
    };
    let (simulator, gateway) = start_simulator(faults).await;
    let proxy = start_proxy(proxy_config(&gateway, SignMethod::HmacSha256)).await;
    let mut bodies: Vec<String> = Vec::new();
    let mut proxy_requests = 0usize;

    for batch in &simulator.dataset().batches {
        let mut cursor: Option<u64> = None;
        let mut codes = Vec::new();
        loop {
            let mut form = vec![
                ("method", API.to_string()),
                ("mix_id", batch.mix_id.clone()),
                ("partner_code", PARTNER.to_string()),
                ("operate_type", "ALL".to_string()),
            ];
            if let Some(n) = cursor {
                form.push(("params", format!("{{\"last_sequence\":{n}}}")));
            }
            let mut attempts = 0;
            let page = loop {
                attempts += 1;
                assert!(attempts < 30, "too many retries");
                let response = client()
                    .post(format!("{proxy}/top"))
                    .bearer_auth(TOKEN)
                    .header("Origin", "https://recon.example.com")
                    .form(&form)
                    .send()
                    .await
                    .unwrap();
                proxy_requests += 1;
                let status = response.status().as_u16();
                let headers = format!("{:?}", response.headers());
                let body = response.text().await.unwrap();
                bodies.push(headers);
                bodies.push(body.clone());
                match classify(status, &body) {
                    Next::Page(value) => break value,
                    Next::RetryAfter(wait) => tokio::time::sleep(wait).await,
                }
            };
            codes.extend(page_codes(&page));
            let value = &result(&page)["return_value"];
            if !value["has_next"].as_bool().unwrap() {
                break;
            }
            cursor = value["last_sequence"].as_u64();
        }
        let expected: Vec<String> = batch
            .codes
            .iter()
            .map(|record| record.code.clone())
            .collect();
        assert_eq!(codes, expected, "a faulty session still fetches everything");
    }

    // The proxy's own refusals, and the simulator's errors, are checked as well.
    for (token, method) in [
        (Some("wrong"), API),
        (Some(TOKEN), "taobao.user.seller.get"),
    ] {
        let mut request = client()
            .post(format!("{proxy}/top"))
            .form(&[("method", method), ("mix_id", "x")]);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        proxy_requests += 1;
        bodies.push(response.text().await.unwrap());
    }
    let mut bad = signed_call(
        &simulator.dataset().batches[0].mix_id,
        "ALL",
        None,
        SignMethod::Md5,
    );
    bad.insert("sign".into(), "00".into());
    bodies.push(post_form(&gateway, &bad).await.1);

    let stats = simulator.fault_stats();
    assert!(
        stats.http_5xx >= 1
            && stats.isp >= 1
            && stats.truncate >= 1
            && stats.call_limit >= 1
            && stats.slow >= 1,
        "{stats:?}"
    );

    let log_text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    for secret in [SECRET, SESSION, TOKEN] {
        for body in &bodies {
            assert!(
                !body.contains(secret),
                "a response contains a secret: {body}"
            );
        }
        assert!(!log_text.contains(secret), "the log contains a secret");
    }
    // One access line per request to the proxy, with what an operator needs.
    let access_lines: Vec<&str> = log_text
        .lines()
        .filter(|line| line.contains("fcode_proxy::access"))
        .collect();
    assert_eq!(access_lines.len(), proxy_requests);
    let first_batch = &simulator.dataset().batches[0].mix_id;
    assert!(
        access_lines
            .iter()
            .any(|line| line.contains(first_batch.as_str())
                && line.contains("upstream_status=200")
                && line.contains("duration_ms=")),
        "{}",
        access_lines.join("\n")
    );
    assert!(
        access_lines
            .iter()
            .any(|line| line.contains("error=proxy.unauthorized"))
    );
    assert!(
        access_lines
            .iter()
            .any(|line| line.contains("error=proxy.method-not-allowed"))
    );
}
