//! One structured log line per request: HTTP method and path, the TOP method, mix_id and
//! operate_type of the call, the proxy's status, the gateway's status, the proxy error if
//! any, and the duration. Deliberately nothing else: never a parameter set, a header, the
//! secret, the session or the token.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

use super::errors::ProxySubCode;

/// What the `/top` handler learnt about a call, attached to its response for the log.
#[derive(Debug, Clone, Default)]
pub struct CallSummary {
    pub top_method: Option<String>,
    pub mix_id: Option<String>,
    pub operate_type: Option<String>,
    pub upstream_status: Option<u16>,
}

pub async fn access_log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let http_method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    let summary = response
        .extensions()
        .get::<CallSummary>()
        .cloned()
        .unwrap_or_default();
    let sub_code = response.extensions().get::<ProxySubCode>().map(|sub| sub.0);
    tracing::info!(
        target: "fcode_proxy::access",
        http_method = %http_method,
        path = %path,
        top_method = summary.top_method.as_deref().unwrap_or("-"),
        mix_id = summary.mix_id.as_deref().unwrap_or("-"),
        operate_type = summary.operate_type.as_deref().unwrap_or("-"),
        status = response.status().as_u16(),
        upstream_status = %summary.upstream_status.map_or_else(|| "-".to_string(), |status| status.to_string()),
        error = %sub_code.unwrap_or("-"),
        duration_ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}
