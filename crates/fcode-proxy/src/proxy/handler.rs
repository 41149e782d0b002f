//! `POST /top`: check the caller, check the call, sign it, forward it.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::timestamp::now_unix;

use super::ProxyState;
use super::access_log::CallSummary;
use super::auth::check_bearer;
use super::errors::ProxyError;
use super::forward::RESERVED_PARAMETERS;

pub async fn top(State(state): State<Arc<ProxyState>>, request: Request) -> Response {
    let mut summary = CallSummary::default();
    let mut response = match handle(&state, request, &mut summary).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    };
    response.extensions_mut().insert(summary);
    response
}

async fn handle(
    state: &ProxyState,
    request: Request,
    summary: &mut CallSummary,
) -> Result<Response, ProxyError> {
    let (parts, body) = request.into_parts();
    check_bearer(&parts.headers, state.token.as_ref())?;
    check_form_content_type(&parts.headers)?;
    let bytes = read_limited(body, state.max_body_bytes).await?;
    let api_params = parse_call(&bytes, &state.allowed_methods, summary)?;
    let upstream = state.forwarder.forward(&api_params, now_unix()).await?;
    summary.upstream_status = Some(upstream.status);

    let status = StatusCode::from_u16(upstream.status).unwrap_or(StatusCode::BAD_GATEWAY);
    let mut response = (status, upstream.body).into_response();
    let content_type = upstream
        .content_type
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, content_type);
    Ok(response)
}

fn check_form_content_type(headers: &HeaderMap) -> Result<(), ProxyError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        Ok(())
    } else {
        Err(ProxyError::UnsupportedMediaType)
    }
}

/// Reads the body, refusing more than `limit` bytes whether or not a `Content-Length`
/// announced it (chunked uploads have none).
async fn read_limited(body: Body, limit: usize) -> Result<Bytes, ProxyError> {
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<LengthLimitError>() => Err(ProxyError::BodyTooLarge { limit }),
        Err(_) => Err(ProxyError::BadRequest(
            "the request body could not be read".into(),
        )),
    }
}

/// The API parameters of a call, after the allow-list and sanity checks.
fn parse_call(
    bytes: &[u8],
    allowed_methods: &[String],
    summary: &mut CallSummary,
) -> Result<Vec<(String, String)>, ProxyError> {
    let mut params: Vec<(String, String)> = Vec::new();
    for (name, value) in form_urlencoded::parse(bytes) {
        if name.is_empty() {
            continue;
        }
        if params.iter().any(|(seen, _)| *seen == name) {
            return Err(ProxyError::BadRequest(format!(
                "parameter {name:?} is given more than once"
            )));
        }
        params.push((name.into_owned(), value.into_owned()));
    }
    let lookup = |wanted: &str| {
        params
            .iter()
            .find(|(name, _)| name == wanted)
            .map(|(_, value)| value.clone())
    };
    summary.top_method = lookup("method");
    summary.mix_id = lookup("mix_id");
    summary.operate_type = lookup("operate_type");

    let method = summary
        .top_method
        .clone()
        .filter(|method| !method.is_empty())
        .ok_or_else(|| ProxyError::BadRequest("parameter \"method\" is required".into()))?;
    if !allowed_methods.contains(&method) {
        return Err(ProxyError::MethodNotAllowed(method));
    }
    if let Some((name, _)) = params
        .iter()
        .find(|(name, _)| RESERVED_PARAMETERS.contains(&name.as_str()))
    {
        return Err(ProxyError::BadRequest(format!(
            "parameter {name:?} is set by the proxy and must not be sent"
        )));
    }
    Ok(params)
}

/// Any path other than the proxy's own.
pub async fn not_found() -> Response {
    ProxyError::NotFound.into_response()
}

/// A known path with the wrong HTTP method.
pub async fn wrong_http_method() -> Response {
    ProxyError::HttpMethodNotAllowed.into_response()
}
