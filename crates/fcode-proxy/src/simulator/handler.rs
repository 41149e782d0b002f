//! The HTTP side of the simulated gateway: `GET|POST /router/rest`.
//!
//! Like TOP, parameters may come in the query string, in a form-encoded body, or both
//! (the SDKs put system parameters in the URL and API parameters in the body).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::timestamp::now_unix;
use crate::top_error::TopError;

use super::SimulatorState;
use super::faults::{FaultKind, FaultPlan};
use super::response::{envelope, failure_result, page_result, to_xml};
use super::verify::{ExportQuery, ResponseFormat, verify_call};

const JSON_CONTENT_TYPE: &str = "application/json;charset=UTF-8";
const XML_CONTENT_TYPE: &str = "text/xml;charset=UTF-8";

pub async fn gateway(
    State(state): State<Arc<SimulatorState>>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let params = collect_params(query.as_deref(), &headers, &body);
    let (number, plan) = state.faults.next_request();
    let request_id = state.request_id(number);

    if plan.slow {
        state.faults.record(FaultKind::Slow);
        tokio::time::sleep(state.faults.slow_delay()).await;
    }

    let (status, content_type, mut body, outcome) = answer(&state, &params, plan, &request_id);

    if plan.truncate && body.len() > 1 {
        state.faults.record(FaultKind::Truncate);
        body = truncate_at_char_boundary(body);
    }

    tracing::info!(
        target: "fcode_proxy::simulator",
        request = number,
        top_method = params.get("method").map(String::as_str).unwrap_or(""),
        mix_id = params.get("mix_id").map(String::as_str).unwrap_or(""),
        operate_type = params.get("operate_type").map(String::as_str).unwrap_or(""),
        status = status.as_u16(),
        outcome = %outcome,
        truncated = plan.truncate,
        slow = plan.slow,
        "gateway call"
    );

    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// Builds the answer before body-level faults: `(status, content type, body, outcome)`.
fn answer(
    state: &SimulatorState,
    params: &BTreeMap<String, String>,
    plan: FaultPlan,
    request_id: &str,
) -> (StatusCode, &'static str, String, String) {
    let format = match ResponseFormat::from_params(params) {
        Ok(format) => format,
        Err(fallback) => {
            let body = render(
                &TopError::new(23, "Invalid format").to_json(Some(request_id)),
                fallback,
            );
            return (StatusCode::OK, JSON_CONTENT_TYPE, body, "error 23".into());
        }
    };
    let content_type = match format {
        ResponseFormat::Json { .. } => JSON_CONTENT_TYPE,
        ResponseFormat::Xml => XML_CONTENT_TYPE,
    };
    let error = |error: TopError| {
        let outcome = format!(
            "error {}{}",
            error.code,
            error
                .sub_code
                .as_deref()
                .map(|sub| format!(" {sub}"))
                .unwrap_or_default()
        );
        (
            StatusCode::OK,
            content_type,
            render(&error.to_json(Some(request_id)), format),
            outcome,
        )
    };

    if let Some(secs) = state.faults.ban_remaining_secs() {
        state.faults.record_banned();
        return error(call_limited(secs));
    }
    if plan.http_5xx {
        state.faults.record(FaultKind::Http5xx);
        return http_5xx(request_id);
    }
    if plan.call_limit {
        state.faults.record(FaultKind::CallLimit);
        let secs = state.faults.start_ban();
        return error(call_limited(secs));
    }
    let query = match verify_call(params, &state.credentials, now_unix()) {
        Ok(query) => query,
        Err(top_error) => return error(top_error),
    };
    if plan.isp {
        state.faults.record(FaultKind::Isp);
        return error(
            TopError::new(15, "Remote service error")
                .with_sub("isp.remote-service-timeout", "服务端处理超时,请稍后重试"),
        );
    }
    let simplify = matches!(format, ResponseFormat::Json { simplify: true });
    let (result, outcome) = query_result(state, &query, simplify);
    let body = render(&envelope(result, simplify, Some(request_id)), format);
    (StatusCode::OK, content_type, body, outcome)
}

/// The `result` for a verified call: a page, or a business failure.
fn query_result(state: &SimulatorState, query: &ExportQuery, simplify: bool) -> (Value, String) {
    let Some(batch) = state.dataset.batch(&query.mix_id) else {
        return (
            failure_result("FCODE_MIX_ID_NOT_EXIST", "码商品不存在或无权访问"),
            "return_code FCODE_MIX_ID_NOT_EXIST".into(),
        );
    };
    if query.partner_code != state.dataset.partner_code {
        return (
            failure_result("FCODE_PARTNER_NOT_MATCH", "渠道编码与码商品不匹配"),
            "return_code FCODE_PARTNER_NOT_MATCH".into(),
        );
    }
    let page = batch.page(query.pull, query.after_sequence, state.page_size);
    let outcome = format!("ok rows={} has_next={}", page.rows.len(), page.has_next);
    (page_result(batch, &page, simplify), outcome)
}

fn call_limited(secs: u64) -> TopError {
    TopError::new(7, "App Call Limited").with_sub(
        "accesscontrol.limited-by-app-access-count",
        format!("This ban will last {secs} more seconds"),
    )
}

fn http_5xx(request_id: &str) -> (StatusCode, &'static str, String, String) {
    // Alternate 502 and 503 by request id parity; both are what a load balancer sends.
    let status = if request_id.ends_with(['0', '2', '4', '6', '8', 'a', 'c', 'e']) {
        StatusCode::BAD_GATEWAY
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let reason = status.canonical_reason().unwrap_or("Server Error");
    let body = format!(
        "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n",
        code = status.as_u16()
    );
    (
        status,
        "text/html",
        body,
        format!("fault http {}", status.as_u16()),
    )
}

fn render(value: &Value, format: ResponseFormat) -> String {
    match format {
        ResponseFormat::Json { .. } => value.to_string(),
        ResponseFormat::Xml => to_xml(value),
    }
}

/// Query parameters, then form body parameters (later ones win on a repeated name).
pub fn collect_params(
    query: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
) -> BTreeMap<String, String> {
    let mut params = BTreeMap::new();
    if let Some(query) = query {
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            params.insert(name.into_owned(), value.into_owned());
        }
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let is_form = content_type.is_empty()
        || content_type
            .to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded");
    if is_form && !body.is_empty() {
        for (name, value) in form_urlencoded::parse(body) {
            params.insert(name.into_owned(), value.into_owned());
        }
    }
    params
}

/// Cuts a body roughly in half without splitting a UTF-8 character, so the result is
/// still text but no longer a complete JSON/XML document.
fn truncate_at_char_boundary(mut body: String) -> String {
    let mut cut = body.len() / 2;
    while cut > 0 && !body.is_char_boundary(cut) {
        cut -= 1;
    }
    if cut == 0 {
        return String::new();
    }
    body.truncate(cut);
    body
}

/// `GET /_sim/stats`: what was served and injected so far.
pub async fn stats(State(state): State<Arc<SimulatorState>>) -> Response {
    axum::Json(state.faults.stats()).into_response()
}
