//! Shared helpers of the integration tests: start a simulator and a proxy in-process on
//! 127.0.0.1:0, sign calls, and page through a batch.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use fcode_proxy::proxy::{ProxyConfig, router as proxy_router};
use fcode_proxy::secret::Secret;
use fcode_proxy::sign::{SignMethod, sign};
use fcode_proxy::simulator::dataset::DatasetSpec;
use fcode_proxy::simulator::faults::FaultConfig;
use fcode_proxy::simulator::verify::Credentials;
use fcode_proxy::simulator::{Simulator, SimulatorConfig};
use fcode_proxy::timestamp::{format_shanghai, now_unix};
use serde_json::Value;

pub const APP_KEY: &str = "demo_app_key";
pub const SECRET: &str = "S3CR3T-never-shown-7f2c";
pub const SESSION: &str = "SESSION-never-shown-91ab";
pub const TOKEN: &str = "TOKEN-never-shown-5d0e";
pub const PARTNER: &str = "demo_partner";
pub const API: &str = "taobao.film.fcode.export.query";

pub fn simulator_config(faults: FaultConfig) -> SimulatorConfig {
    SimulatorConfig {
        credentials: Credentials {
            app_key: APP_KEY.into(),
            app_secret: Secret::new(SECRET),
            session: Some(Secret::new(SESSION)),
            timestamp_tolerance_secs: 600,
        },
        dataset: DatasetSpec {
            seed: 42,
            batches: 2,
            codes_per_batch: 120,
            partner_code: PARTNER.into(),
        },
        page_size: 50,
        faults,
        max_body_bytes: 64 * 1024,
    }
}

/// Starts a router on a fresh loopback port; the server lives as long as the runtime.
pub async fn spawn(router: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(fcode_proxy::serve(listener, router, std::future::pending()));
    address
}

pub async fn start_simulator(faults: FaultConfig) -> (Simulator, String) {
    let simulator = Simulator::new(simulator_config(faults));
    let address = spawn(simulator.router()).await;
    (simulator, format!("http://{address}/router/rest"))
}

pub fn proxy_config(gateway_url: &str, sign_method: SignMethod) -> ProxyConfig {
    ProxyConfig {
        gateway_url: gateway_url.into(),
        app_key: APP_KEY.into(),
        app_secret: Secret::new(SECRET),
        session: Some(Secret::new(SESSION)),
        sign_method,
        allowed_origins: vec!["https://recon.example.com".into()],
        allowed_methods: vec![API.into()],
        token: Some(Secret::new(TOKEN)),
        timeout: Duration::from_secs(5),
        max_body_bytes: 4096,
    }
}

pub async fn start_proxy(config: ProxyConfig) -> String {
    let address = spawn(proxy_router(config).expect("proxy router")).await;
    format!("http://{address}")
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client")
}

/// A complete, correctly signed direct call to the gateway.
pub fn signed_call(
    mix_id: &str,
    operate_type: &str,
    params_json: Option<&str>,
    method: SignMethod,
) -> BTreeMap<String, String> {
    let mut params = BTreeMap::new();
    params.insert("method".to_string(), API.to_string());
    params.insert("app_key".into(), APP_KEY.into());
    params.insert("session".into(), SESSION.into());
    params.insert("timestamp".into(), format_shanghai(now_unix()));
    params.insert("v".into(), "2.0".into());
    params.insert("format".into(), "json".into());
    params.insert("sign_method".into(), method.as_str().into());
    params.insert("mix_id".into(), mix_id.into());
    params.insert("partner_code".into(), PARTNER.into());
    params.insert("operate_type".into(), operate_type.into());
    if let Some(json) = params_json {
        params.insert("params".into(), json.into());
    }
    resign(&mut params, method);
    params
}

/// Recomputes `sign` after a test changed the parameters.
pub fn resign(params: &mut BTreeMap<String, String>, method: SignMethod) {
    params.remove("sign");
    let signature = sign(
        params.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SECRET,
        method,
    );
    params.insert("sign".into(), signature);
}

pub async fn post_form(url: &str, params: &BTreeMap<String, String>) -> (u16, String) {
    let response = client().post(url).form(params).send().await.expect("send");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

pub fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|error| panic!("not JSON ({error}): {body}"))
}

/// `error_response.code` of a body, if it is an error.
pub fn error_code(body: &Value) -> Option<i64> {
    body.pointer("/error_response/code").and_then(Value::as_i64)
}

/// The result object of a wrapped successful answer.
pub fn result(body: &Value) -> &Value {
    body.pointer("/film_fcode_export_query_response/result")
        .unwrap_or_else(|| panic!("no result in {body}"))
}

/// The codes of a wrapped page.
pub fn page_codes(body: &Value) -> Vec<String> {
    result(body)
        .pointer("/return_value/coupon_list/f_code_info")
        .and_then(Value::as_array)
        .map(|rows| {
            rows.iter()
                .filter_map(|row| row["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}
