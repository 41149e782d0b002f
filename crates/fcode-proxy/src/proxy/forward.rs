//! Signing a call and sending it to the TOP gateway.
//!
//! Everything goes in a form-encoded POST body, never in the URL: URLs end up in access
//! logs of every hop and in error messages, parameters (the session) must not.

use std::time::Duration;

use axum::body::Bytes;
use axum::http::HeaderValue;

use crate::secret::Secret;
use crate::sign::{SignMethod, sign};
use crate::timestamp::format_shanghai;

use super::errors::ProxyError;

/// Parameters the proxy sets itself; a caller sending one is refused rather than
/// silently overridden, so a misconfigured client is noticed.
pub const RESERVED_PARAMETERS: &[&str] = &[
    "app_key",
    "session",
    "access_token",
    "timestamp",
    "v",
    "format",
    "sign_method",
    "sign",
    "partner_id",
    "target_app_key",
];

/// What the proxy adds to every call, and where it sends it.
#[derive(Debug, Clone)]
pub struct Forwarder {
    client: reqwest::Client,
    gateway_url: reqwest::Url,
    app_key: String,
    app_secret: Secret,
    session: Option<Secret>,
    sign_method: SignMethod,
    timeout: Duration,
}

/// The gateway's answer, passed back as is.
#[derive(Debug, Clone)]
pub struct UpstreamResponse {
    pub status: u16,
    pub content_type: Option<HeaderValue>,
    pub body: Bytes,
}

#[derive(Debug, Clone)]
pub struct ForwarderSettings {
    pub gateway_url: String,
    pub app_key: String,
    pub app_secret: Secret,
    pub session: Option<Secret>,
    pub sign_method: SignMethod,
    pub timeout: Duration,
}

impl Forwarder {
    pub fn new(settings: ForwarderSettings) -> Result<Forwarder, String> {
        let gateway_url = reqwest::Url::parse(&settings.gateway_url)
            .map_err(|error| format!("invalid --gateway URL: {error}"))?;
        if !matches!(gateway_url.scheme(), "http" | "https") {
            return Err("--gateway must be an http:// or https:// URL".into());
        }
        let client = reqwest::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
            // The gateway is one fixed host; following redirects could send the signed
            // parameters somewhere else.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("fcode-proxy/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| format!("cannot create the HTTP client: {error}"))?;
        Ok(Forwarder {
            client,
            gateway_url,
            app_key: settings.app_key,
            app_secret: settings.app_secret,
            session: settings.session.filter(|session| !session.is_empty()),
            sign_method: settings.sign_method,
            timeout: settings.timeout,
        })
    }

    /// The complete, signed parameter set for a call at `now_unix`.
    pub fn signed_params(
        &self,
        api_params: &[(String, String)],
        now_unix: i64,
    ) -> Vec<(String, String)> {
        let mut params: Vec<(String, String)> = api_params.to_vec();
        params.push(("app_key".into(), self.app_key.clone()));
        if let Some(session) = &self.session {
            params.push(("session".into(), session.expose().to_string()));
        }
        params.push(("timestamp".into(), format_shanghai(now_unix)));
        params.push(("v".into(), "2.0".into()));
        params.push(("format".into(), "json".into()));
        params.push(("sign_method".into(), self.sign_method.as_str().into()));
        let signature = sign(
            params
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
            self.app_secret.expose(),
            self.sign_method,
        );
        params.push(("sign".into(), signature));
        params
    }

    pub async fn forward(
        &self,
        api_params: &[(String, String)],
        now_unix: i64,
    ) -> Result<UpstreamResponse, ProxyError> {
        let params = self.signed_params(api_params, now_unix);
        let body = encode_form(&params);
        let result = self
            .client
            .post(self.gateway_url.clone())
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded;charset=utf-8",
            )
            .body(body)
            .send()
            .await;
        let response = result.map_err(|error| self.classify(&error))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|value| HeaderValue::from_bytes(value.as_bytes()).ok());
        let body = response
            .bytes()
            .await
            .map_err(|error| self.classify(&error))?;
        Ok(UpstreamResponse {
            status,
            content_type,
            body,
        })
    }

    /// Maps a transport error to the proxy's answer. The error itself is not passed on:
    /// it may carry the gateway URL, and the caller has no use for its details.
    fn classify(&self, error: &reqwest::Error) -> ProxyError {
        if error.is_timeout() {
            ProxyError::UpstreamTimeout {
                secs: self.timeout.as_secs(),
            }
        } else if error.is_connect() {
            ProxyError::UpstreamUnreachable
        } else {
            ProxyError::UpstreamError
        }
    }
}

/// `application/x-www-form-urlencoded` encoding of a parameter list.
pub fn encode_form(params: &[(String, String)]) -> String {
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (name, value) in params {
        form.append_pair(name, value);
    }
    form.finish()
}

#[cfg(test)]
mod tests;
