//! Optional bearer token: when `--token` (or `PROXY_TOKEN`) is set, every call must carry
//! `Authorization: Bearer <token>`. CORS keeps other web sites' pages out; the token keeps
//! out everyone else who can reach the proxy's port.

use axum::http::{HeaderMap, header};

use crate::secret::{Secret, constant_time_eq};

use super::errors::ProxyError;

pub fn check_bearer(headers: &HeaderMap, expected: Option<&Secret>) -> Result<(), ProxyError> {
    let Some(expected) = expected else {
        return Ok(());
    };
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            let (scheme, token) = value.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        })
        .ok_or(ProxyError::Unauthorized)?;
    if constant_time_eq(presented.as_bytes(), expected.expose().as_bytes()) {
        Ok(())
    } else {
        Err(ProxyError::Unauthorized)
    }
}
