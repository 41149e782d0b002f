//! The proxy: end to end to the simulator with every sign method, and every refusal.

mod common;

use std::time::{Duration, Instant};

use common::*;
use fcode_proxy::sign::SignMethod;
use fcode_proxy::simulator::faults::FaultConfig;
use serde_json::Value;

const ORIGIN: &str = "https://recon.example.com";

fn api_form(mix_id: &str, operate_type: &str, params_json: Option<&str>) -> Vec<(String, String)> {
    let mut form = vec![
        ("method".to_string(), API.to_string()),
        ("mix_id".to_string(), mix_id.to_string()),
        ("partner_code".to_string(), PARTNER.to_string()),
        ("operate_type".to_string(), operate_type.to_string()),
    ];
    if let Some(json) = params_json {
        form.push(("params".into(), json.into()));
    }
    form
}

async fn post_top(
    proxy: &str,
    form: &[(String, String)],
    token: Option<&str>,
    origin: Option<&str>,
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut request = client().post(format!("{proxy}/top")).form(form);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(origin) = origin {
        request = request.header("Origin", origin);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap())
}

fn sub_code(body: &str) -> String {
    json(body)["error_response"]["sub_code"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn forwards_to_the_simulator_with_every_sign_method() {
    let (simulator, gateway) = start_simulator(FaultConfig::none()).await;
    let batch = simulator.dataset().batches[0].clone();
    for method in [SignMethod::Md5, SignMethod::Hmac, SignMethod::HmacSha256] {
        let proxy = start_proxy(proxy_config(&gateway, method)).await;
        let mut codes = Vec::new();
        let mut cursor: Option<u64> = None;
        loop {
            let params = cursor.map(|n| format!("{{\"last_sequence\":{n}}}"));
            let (status, headers, body) = post_top(
                &proxy,
                &api_form(&batch.mix_id, "ALL", params.as_deref()),
                Some(TOKEN),
                Some(ORIGIN),
            )
            .await;
            assert_eq!(status, 200, "{method}: {body}");
            assert_eq!(headers["access-control-allow-origin"], ORIGIN);
            assert!(
                headers["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("application/json")
            );
            let body = json(&body);
            assert_eq!(result(&body)["return_code"], "0", "{method}: {body}");
            codes.extend(page_codes(&body));
            let value = &result(&body)["return_value"];
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
        assert_eq!(codes, expected, "{method}");
    }
}

#[tokio::test]
async fn upstream_errors_and_statuses_pass_through_unchanged() {
    let schedule = "5xx".parse().unwrap();
    let (simulator, gateway) = start_simulator(FaultConfig {
        schedule,
        ..FaultConfig::none()
    })
    .await;
    let proxy = start_proxy(proxy_config(&gateway, SignMethod::Md5)).await;
    let mix_id = simulator.dataset().batches[0].mix_id.clone();
    let (status, headers, body) =
        post_top(&proxy, &api_form(&mix_id, "ALL", None), Some(TOKEN), None).await;
    assert!(status == 502 || status == 503);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(body.contains("<html>"));
    // A TOP error (here: unknown operate_type) comes back as the gateway wrote it.
    let (status, _, body) = post_top(
        &proxy,
        &api_form(&mix_id, "SOMETHING", None),
        Some(TOKEN),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(error_code(&json(&body)), Some(41));
}

#[tokio::test]
async fn refuses_methods_not_on_the_allow_list() {
    let (_simulator, gateway) = start_simulator(FaultConfig::none()).await;
    let proxy = start_proxy(proxy_config(&gateway, SignMethod::Md5)).await;
    let form = vec![
        ("method".to_string(), "taobao.user.seller.get".to_string()),
        ("fields".to_string(), "nick".to_string()),
    ];
    let (status, _, body) = post_top(&proxy, &form, Some(TOKEN), None).await;
    assert_eq!(status, 403);
    let value = json(&body);
    assert_eq!(
        value["error_response"]["sub_code"],
        "proxy.method-not-allowed"
    );
    assert_eq!(value["error_response"]["code"], 403);
    assert!(
        value["error_response"]["msg"].is_string()
            && value["error_response"]["sub_msg"].is_string()
    );

    let (status, _, body) = post_top(
        &proxy,
        &[("mix_id".to_string(), "x".to_string())],
        Some(TOKEN),
        None,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(sub_code(&body), "proxy.bad-request");
}

#[tokio::test]
async fn refuses_parameters_the_proxy_sets_itself() {
    let (simulator, gateway) = start_simulator(FaultConfig::none()).await;
    let proxy = start_proxy(proxy_config(&gateway, SignMethod::Md5)).await;
    let mix_id = simulator.dataset().batches[0].mix_id.clone();
    for reserved in ["app_key", "session", "sign", "timestamp", "sign_method"] {
        let mut form = api_form(&mix_id, "ALL", None);
        form.push((reserved.to_string(), "x".to_string()));
        let (status, _, body) = post_top(&proxy, &form, Some(TOKEN), None).await;
        assert_eq!(status, 400, "{reserved}");
        assert_eq!(sub_code(&body), "proxy.bad-request");
    }
    let mut twice = api_form(&mix_id, "ALL", None);
    twice.push(("mix_id".to_string(), "other".to_string()));
    let (status, _, _) = post_top(&proxy, &twice, Some(TOKEN), None).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn cors_only_for_configured_origins() {
    let (simulator, gateway) = start_simulator(FaultConfig::none()).await;
    let proxy = start_proxy(proxy_config(&gateway, SignMethod::Md5)).await;
    let mix_id = simulator.dataset().batches[0].mix_id.clone();

    // A foreign origin is refused before anything is forwarded, preflight or not.
    let before = simulator.fault_stats().requests;
    let (status, headers, body) = post_top(
        &proxy,
        &api_form(&mix_id, "ALL", None),
        Some(TOKEN),
        Some("https://evil.example.net"),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(sub_code(&body), "proxy.origin-not-allowed");
    assert!(headers.get("access-control-allow-origin").is_none());
    assert_eq!(simulator.fault_stats().requests, before);

    let preflight = |origin: &'static str| {
        client()
            .request(reqwest::Method::OPTIONS, format!("{proxy}/top"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "authorization, content-type",
            )
            .send()
    };
    let response = preflight("https://evil.example.net").await.unwrap();
    assert_eq!(response.status(), 403);
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );

    // The configured origin gets a preflight answer without a token (browsers never
    // send credentials on a preflight).
    let response = preflight(ORIGIN).await.unwrap();
    assert_eq!(response.status(), 204);
    let headers = response.headers();
    assert_eq!(headers["access-control-allow-origin"], ORIGIN);
    assert!(
        headers["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("POST")
    );
    let allowed_headers = headers["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(allowed_headers.contains("authorization") && allowed_headers.contains("content-type"));
    assert!(headers["vary"].to_str().unwrap().contains("Origin"));

    // Case and a trailing slash in the configuration do not matter; `*` is opt-in.
    let mut config = proxy_config(&gateway, SignMethod::Md5);
    config.allowed_origins = vec!["HTTPS://Recon.Example.com/".into()];
    let relaxed = start_proxy(config).await;
    let (status, headers, _) = post_top(
        &relaxed,
        &api_form(&mix_id, "ALL", None),
        Some(TOKEN),
        Some(ORIGIN),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(headers["access-control-allow-origin"], ORIGIN);

    let mut config = proxy_config(&gateway, SignMethod::Md5);
    config.allowed_origins = vec![];
    let closed = start_proxy(config).await;
    let (status, _, _) = post_top(
        &closed,
        &api_form(&mix_id, "ALL", None),
        Some(TOKEN),
        Some(ORIGIN),
    )
    .await;
    assert_eq!(status, 403);

    let mut config = proxy_config(&gateway, SignMethod::Md5);
    config.allowed_origins = vec!["*".into()];
    let open = start_proxy(config).await;
    let (status, headers, _) = post_top(
        &open,
        &api_form(&mix_id, "ALL", None),
        Some(TOKEN),
        Some("http://localhost:8080"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["access-control-allow-origin"],
        "http://localhost:8080"
    );
}

#[tokio::test]
async fn requires_the_bearer_token_when_configured() {
    let (simulator, gateway) = start_simulator(FaultConfig::none()).await;
    let proxy = start_proxy(proxy_config(&gateway, SignMethod::Md5)).await;
    let mix_id = simulator.dataset().batches[0].mix_id.clone();
    for token in [None, Some("wrong"), Some("")] {
        let (status, headers, body) =
            post_top(&proxy, &api_form(&mix_id, "ALL", None), token, Some(ORIGIN)).await;
        assert_eq!(status, 401, "{token:?}");
        assert_eq!(sub_code(&body), "proxy.unauthorized");
        assert_eq!(headers["www-authenticate"], "Bearer");
        // The browser must be able to read the refusal.
        assert_eq!(headers["access-control-allow-origin"], ORIGIN);
    }
    let response = client()
        .post(format!("{proxy}/top"))
        .header("Authorization", format!("Basic {TOKEN}"))
        .form(&api_form(&mix_id, "ALL", None))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let (status, _, _) = post_top(&proxy, &api_form(&mix_id, "ALL", None), Some(TOKEN), None).await;
    assert_eq!(status, 200);

    // Without a configured token, no header is needed.
    let mut config = proxy_config(&gateway, SignMethod::Md5);
    config.token = None;
    let open = start_proxy(config).await;
    let (status, _, _) = post_top(&open, &api_form(&mix_id, "ALL", None), None, None).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn refuses_oversize_bodies_and_other_content_types() {
    let (simulator, gateway) = start_simulator(FaultConfig::none()).await;
    let proxy = start_proxy(proxy_config(&gateway, SignMethod::Md5)).await;
    let mix_id = simulator.dataset().batches[0].mix_id.clone();
    let big = format!("{{\"last_sequence\":0,\"pad\":\"{}\"}}", "x".repeat(5000));
    let (status, _, body) = post_top(
        &proxy,
        &api_form(&mix_id, "ALL", Some(&big)),
        Some(TOKEN),
        None,
    )
    .await;
    assert_eq!(status, 413);
    assert_eq!(sub_code(&body), "proxy.body-too-large");

    // Chunked, with no Content-Length to go by: written by hand on a raw socket.
    let status_line = chunked_post(&proxy, 10, 1000).await;
    assert!(status_line.starts_with("HTTP/1.1 413"), "{status_line}");
    let status_line = chunked_post(&proxy, 2, 100).await;
    assert!(!status_line.starts_with("HTTP/1.1 413"), "{status_line}");

    let response = client()
        .post(format!("{proxy}/top"))
        .bearer_auth(TOKEN)
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    assert_eq!(
        sub_code(&response.text().await.unwrap()),
        "proxy.unsupported-media-type"
    );
}

/// Posts `count` chunks of `size` bytes with `Transfer-Encoding: chunked`; returns the
/// response's status line.
async fn chunked_post(proxy: &str, count: usize, size: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = proxy.trim_start_matches("http://");
    let mut socket = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /top HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    for _ in 0..count {
        let chunk = format!("{size:x}\r\n{}\r\n", "a".repeat(size));
        // The server may answer and close early; later writes failing is fine.
        if socket.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let _ = socket.write_all(b"0\r\n\r\n").await;
    let mut response = Vec::new();
    let _ = socket.read_to_end(&mut response).await;
    String::from_utf8_lossy(&response)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn upstream_timeout_and_unreachable_gateway() {
    // A gateway that accepts connections and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_address = silent.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let mut config = proxy_config(
        &format!("http://{silent_address}/router/rest"),
        SignMethod::Md5,
    );
    config.timeout = Duration::from_secs(1);
    let proxy = start_proxy(config).await;
    let started = Instant::now();
    let (status, _, body) =
        post_top(&proxy, &api_form("code_x", "ALL", None), Some(TOKEN), None).await;
    assert_eq!(status, 504);
    assert_eq!(sub_code(&body), "proxy.upstream-timeout");
    assert!(started.elapsed() < Duration::from_secs(4));

    // A port nobody listens on.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let closed_address = closed.local_addr().unwrap();
    drop(closed);
    let proxy = start_proxy(proxy_config(
        &format!("http://{closed_address}/router/rest"),
        SignMethod::Md5,
    ))
    .await;
    let (status, _, body) =
        post_top(&proxy, &api_form("code_x", "ALL", None), Some(TOKEN), None).await;
    assert_eq!(status, 502);
    assert_eq!(sub_code(&body), "proxy.upstream-unreachable");
}

#[tokio::test]
async fn healthz_and_unknown_paths() {
    let (_simulator, gateway) = start_simulator(FaultConfig::none()).await;
    let proxy = start_proxy(proxy_config(&gateway, SignMethod::Md5)).await;
    let response = client()
        .get(format!("{proxy}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = json(&response.text().await.unwrap());
    assert_eq!(body["status"], "ok");

    let response = client().get(format!("{proxy}/nope")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(sub_code(&response.text().await.unwrap()), "proxy.not-found");

    let response = client().get(format!("{proxy}/top")).send().await.unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(
        sub_code(&response.text().await.unwrap()),
        "proxy.http-method-not-allowed"
    );
}

#[tokio::test]
async fn invalid_gateway_urls_are_configuration_errors() {
    for url in ["not a url", "ftp://gw.example.com/router/rest"] {
        assert!(
            fcode_proxy::proxy::router(proxy_config(url, SignMethod::Md5)).is_err(),
            "{url}"
        );
    }
}
