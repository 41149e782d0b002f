//! CORS for the configured origins only.
//!
//! A request without an `Origin` header (curl, a server) is not a browser request and
//! passes through untouched: CORS protects browsers' users, the bearer token protects the
//! proxy. A browser request from an unlisted origin is refused with 403 before anything is
//! forwarded, so a foreign page cannot spend the company's API quota even with "simple"
//! requests that skip the preflight. `*` allows every origin, and only when configured.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::ProxyState;
use super::errors::ProxyError;

/// How long a browser may cache a preflight answer.
const PREFLIGHT_MAX_AGE_SECS: &str = "600";

#[derive(Debug, Clone, Default)]
pub struct CorsPolicy {
    allow_any: bool,
    origins: Vec<String>,
}

impl CorsPolicy {
    /// Origins as `scheme://host[:port]`; a trailing slash is ignored, case too.
    pub fn new(origins: &[String]) -> CorsPolicy {
        let allow_any = origins.iter().any(|origin| origin.trim() == "*");
        let origins = origins
            .iter()
            .map(|origin| normalise(origin))
            .filter(|origin| !origin.is_empty() && origin != "*")
            .collect();
        CorsPolicy { allow_any, origins }
    }

    pub fn allows(&self, origin: &str) -> bool {
        self.allow_any
            || self
                .origins
                .iter()
                .any(|allowed| *allowed == normalise(origin))
    }
}

fn normalise(origin: &str) -> String {
    origin.trim().trim_end_matches('/').to_ascii_lowercase()
}

pub async fn cors_middleware(
    State(state): State<Arc<ProxyState>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(origin) = request.headers().get(header::ORIGIN).cloned() else {
        return next.run(request).await;
    };
    let origin_text = origin.to_str().unwrap_or("").to_string();
    if !state.cors.allows(&origin_text) {
        return ProxyError::OriginNotAllowed(origin_text).into_response();
    }
    let is_preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if is_preflight {
        let mut preflight = StatusCode::NO_CONTENT.into_response();
        let headers = preflight.headers_mut();
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("POST, GET, OPTIONS"),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("authorization, content-type"),
        );
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static(PREFLIGHT_MAX_AGE_SECS),
        );
        preflight
    } else {
        next.run(request).await
    };
    allow_origin(response.headers_mut(), origin);
    response
}

/// Echo the (allowed) origin rather than `*`, so the answer also works for requests
/// with credentials, and tell caches that the answer depends on the origin.
fn allow_origin(headers: &mut HeaderMap, origin: HeaderValue) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
}
