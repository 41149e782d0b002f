//! The reference TOP proxy (`fcode-proxy serve`): the browser app posts API calls to
//! `/top`; the proxy checks them against its allow-list, adds the app credentials and the
//! signature, and forwards them to the TOP gateway. The secret never leaves this process.

pub mod access_log;
pub mod auth;
pub mod cors;
pub mod errors;
pub mod forward;
pub mod handler;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::secret::Secret;
use crate::sign::SignMethod;
use cors::CorsPolicy;
use forward::{Forwarder, ForwarderSettings};

/// The API the browser app uses; the default allow-list.
pub const DEFAULT_ALLOWED_METHOD: &str = "taobao.film.fcode.export.query";

/// Everything `serve` needs besides the listening address.
#[derive(Debug, Clone)]
pub struct ProxyConfig {
    pub gateway_url: String,
    pub app_key: String,
    pub app_secret: Secret,
    pub session: Option<Secret>,
    pub sign_method: SignMethod,
    /// Origins allowed by CORS (`*` for any); empty: no browser origin is allowed.
    pub allowed_origins: Vec<String>,
    /// TOP API names that may be called; empty means the default allow-list.
    pub allowed_methods: Vec<String>,
    pub token: Option<Secret>,
    pub timeout: Duration,
    pub max_body_bytes: usize,
}

#[derive(Debug)]
pub struct ProxyState {
    pub forwarder: Forwarder,
    pub cors: CorsPolicy,
    pub allowed_methods: Vec<String>,
    pub token: Option<Secret>,
    pub max_body_bytes: usize,
}

/// The proxy's routes: `POST /top` (plus CORS preflights) and `GET /healthz`.
pub fn router(config: ProxyConfig) -> Result<Router, String> {
    let forwarder = Forwarder::new(ForwarderSettings {
        gateway_url: config.gateway_url,
        app_key: config.app_key,
        app_secret: config.app_secret,
        session: config.session,
        sign_method: config.sign_method,
        timeout: config.timeout,
    })?;
    let allowed_methods = if config.allowed_methods.is_empty() {
        vec![DEFAULT_ALLOWED_METHOD.to_string()]
    } else {
        config
            .allowed_methods
            .iter()
            .map(|method| method.trim().to_string())
            .filter(|method| !method.is_empty())
            .collect()
    };
    let state = Arc::new(ProxyState {
        forwarder,
        cors: CorsPolicy::new(&config.allowed_origins),
        allowed_methods,
        token: config.token.filter(|token| !token.is_empty()),
        max_body_bytes: config.max_body_bytes,
    });
    let router = Router::new()
        .route(
            "/top",
            post(handler::top).fallback(handler::wrong_http_method),
        )
        .route(
            "/healthz",
            get(crate::healthz).fallback(handler::wrong_http_method),
        )
        .fallback(handler::not_found)
        // The handler enforces the size limit itself so that it can answer in TOP's
        // error shape; axum's own default limit is lifted to not get there first.
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            cors::cors_middleware,
        ))
        .layer(axum::middleware::from_fn(access_log::access_log))
        .with_state(state);
    Ok(router)
}
