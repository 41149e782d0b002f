//! The proxy's own failures, answered in TOP's `error_response` shape so the browser app
//! needs one error parser for gateway and proxy alike. `code` is the HTTP status (TOP's own
//! codes are all below 100, so the two cannot be confused) and `sub_code` starts `proxy.`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::top_error::TopError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyError {
    /// The TOP API named in `method` is not on the allow-list.
    MethodNotAllowed(String),
    /// No or a wrong `Authorization: Bearer` token.
    Unauthorized,
    /// A browser request from an origin that is not configured.
    OriginNotAllowed(String),
    /// The request body exceeds `--max-body-bytes`.
    BodyTooLarge { limit: usize },
    /// The body is not `application/x-www-form-urlencoded`.
    UnsupportedMediaType,
    /// Anything else wrong with the request (missing `method`, reserved parameters...).
    BadRequest(String),
    /// The gateway did not answer within `--timeout-secs`.
    UpstreamTimeout { secs: u64 },
    /// The gateway could not be connected to.
    UpstreamUnreachable,
    /// The gateway connection failed in another way (reset, bad HTTP, TLS error).
    UpstreamError,
    /// No such path on the proxy.
    NotFound,
    /// The HTTP method is not supported on this path.
    HttpMethodNotAllowed,
}

/// Response extension naming the proxy error, so the access log can record it.
#[derive(Debug, Clone, Copy)]
pub struct ProxySubCode(pub &'static str);

impl ProxyError {
    pub fn status(&self) -> StatusCode {
        match self {
            ProxyError::MethodNotAllowed(_) | ProxyError::OriginNotAllowed(_) => {
                StatusCode::FORBIDDEN
            }
            ProxyError::Unauthorized => StatusCode::UNAUTHORIZED,
            ProxyError::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ProxyError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ProxyError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ProxyError::UpstreamTimeout { .. } => StatusCode::GATEWAY_TIMEOUT,
            ProxyError::UpstreamUnreachable | ProxyError::UpstreamError => StatusCode::BAD_GATEWAY,
            ProxyError::NotFound => StatusCode::NOT_FOUND,
            ProxyError::HttpMethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        }
    }

    pub fn sub_code(&self) -> &'static str {
        match self {
            ProxyError::MethodNotAllowed(_) => "proxy.method-not-allowed",
            ProxyError::Unauthorized => "proxy.unauthorized",
            ProxyError::OriginNotAllowed(_) => "proxy.origin-not-allowed",
            ProxyError::BodyTooLarge { .. } => "proxy.body-too-large",
            ProxyError::UnsupportedMediaType => "proxy.unsupported-media-type",
            ProxyError::BadRequest(_) => "proxy.bad-request",
            ProxyError::UpstreamTimeout { .. } => "proxy.upstream-timeout",
            ProxyError::UpstreamUnreachable => "proxy.upstream-unreachable",
            ProxyError::UpstreamError => "proxy.upstream-error",
            ProxyError::NotFound => "proxy.not-found",
            ProxyError::HttpMethodNotAllowed => "proxy.http-method-not-allowed",
        }
    }

    /// A human explanation. It may echo what the caller sent (a method name, an origin)
    /// but never configuration values such as the gateway credentials.
    pub fn detail(&self) -> String {
        match self {
            ProxyError::MethodNotAllowed(method) => {
                format!("method {method:?} is not on this proxy's allow-list")
            }
            ProxyError::Unauthorized => {
                "a valid 'Authorization: Bearer <token>' header is required".into()
            }
            ProxyError::OriginNotAllowed(origin) => {
                format!("origin {origin:?} is not allowed by this proxy's CORS settings")
            }
            ProxyError::BodyTooLarge { limit } => format!("request body larger than {limit} bytes"),
            ProxyError::UnsupportedMediaType => {
                "send the parameters as application/x-www-form-urlencoded".into()
            }
            ProxyError::BadRequest(reason) => reason.clone(),
            ProxyError::UpstreamTimeout { secs } => {
                format!("the TOP gateway did not answer within {secs} s")
            }
            ProxyError::UpstreamUnreachable => "the TOP gateway could not be reached".into(),
            ProxyError::UpstreamError => "the connection to the TOP gateway failed".into(),
            ProxyError::NotFound => "no such endpoint; use POST /top".into(),
            ProxyError::HttpMethodNotAllowed => "use POST (or OPTIONS for a CORS preflight)".into(),
        }
    }

    pub fn to_top_error(&self) -> TopError {
        let status = self.status();
        let msg = status.canonical_reason().unwrap_or("Proxy error");
        TopError::new(i64::from(status.as_u16()), msg).with_sub(self.sub_code(), self.detail())
    }
}

impl IntoResponse for ProxyError {
    fn into_response(self) -> Response {
        let body = self.to_top_error().to_json(None).to_string();
        let mut response = (self.status(), body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json;charset=UTF-8"),
        );
        if matches!(self, ProxyError::Unauthorized) {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
            .extensions_mut()
            .insert(ProxySubCode(self.sub_code()));
        response
    }
}
