//! The deployment's defaults: `config.json` beside index.html, read at run
//! time so that a static deployment presets the proxy and the batches
//! without rebuilding the app.
//!
//! ```json
//! {"proxy_url": "http://127.0.0.1:8787", "proxy_token": "", "partner_code": "demo_partner",
//!  "batches": ["code_8ebc4e741689bbc1"], "pull": "ALL", "cursor_key": "last_sequence",
//!  "max_pages": 10000}
//! ```
//!
//! Every field is optional; unknown fields are ignored (older or newer apps
//! read the same file). `batches` may also be one string, one mix_id a line.

use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::settings::{DEFAULT_CURSOR_KEY, Settings, parse_pull};

/// Something in config.json that was not used as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigNote {
    /// `pull` is neither ALL nor CONSUME: ALL is used.
    UnknownPull(String),
    /// `max_pages` is not a positive whole number: the built-in limit is used.
    BadMaxPages,
}

/// Why config.json could not be used at all (the built-in defaults apply).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// Not there (a deployment without one) or not readable.
    Unavailable(String),
    /// Not JSON, or a field of the wrong type.
    Invalid(String),
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ConfigFile {
    proxy_url: Option<String>,
    proxy_token: Option<String>,
    partner_code: Option<String>,
    batches: Option<BatchesField>,
    pull: Option<String>,
    cursor_key: Option<String>,
    max_pages: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BatchesField {
    List(Vec<String>),
    Text(String),
}

/// The defaults a config.json text gives, with notes on what was ignored.
pub fn parse_config(text: &str) -> Result<(Settings, Vec<ConfigNote>), ConfigError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ConfigError::Invalid(e.to_string()))?;
    // serde would also read a struct from an array; only an object is a config.
    if !value.is_object() {
        return Err(ConfigError::Invalid("not a JSON object".into()));
    }
    let file: ConfigFile = serde_json::from_value(value).map_err(|e| ConfigError::Invalid(e.to_string()))?;
    let mut notes = Vec::new();
    let builtin = Settings::default();
    let pull = match file.pull.as_deref().map(str::trim) {
        None | Some("") => builtin.pull,
        Some(text) => parse_pull(text).unwrap_or_else(|| {
            notes.push(ConfigNote::UnknownPull(text.to_owned()));
            builtin.pull
        }),
    };
    let max_pages = match &file.max_pages {
        None | Some(serde_json::Value::Null) => builtin.max_pages.clone(),
        Some(value) => match value.as_u64().or_else(|| value.as_str().and_then(|s| s.trim().parse().ok())) {
            Some(n) if n >= 1 => n.to_string(),
            _ => {
                notes.push(ConfigNote::BadMaxPages);
                builtin.max_pages.clone()
            }
        },
    };
    let batches = match file.batches {
        Some(BatchesField::List(list)) => list.iter().map(|m| m.trim()).filter(|m| !m.is_empty()).collect::<Vec<_>>().join("\n"),
        Some(BatchesField::Text(text)) => text,
        None => String::new(),
    };
    let cursor_key = file.cursor_key.map(|k| k.trim().to_owned()).filter(|k| !k.is_empty());
    Ok((
        Settings {
            proxy_url: file.proxy_url.unwrap_or_default().trim().to_owned(),
            token: file.proxy_token.unwrap_or_default().trim().to_owned(),
            partner_code: file.partner_code.unwrap_or_default().trim().to_owned(),
            batches,
            pull,
            cursor_key: cursor_key.unwrap_or_else(|| DEFAULT_CURSOR_KEY.to_owned()),
            max_pages,
        },
        notes,
    ))
}

/// Reads config.json relative to the document's base URI (so it works when
/// the app is hosted under a sub-path), bypassing the HTTP cache so that a
/// re-deployed file applies at the next visit.
pub async fn load_config() -> Result<(Settings, Vec<ConfigNote>), ConfigError> {
    let unavailable = |what: &str| ConfigError::Unavailable(what.to_owned());
    let window = web_sys::window().ok_or_else(|| unavailable("no window"))?;
    let base = window
        .document()
        .and_then(|d| d.base_uri().ok().flatten())
        .ok_or_else(|| unavailable("no base URI"))?;
    let url = web_sys::Url::new_with_base("config.json", &base).map_err(|_| unavailable("bad base URI"))?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_cache(web_sys::RequestCache::NoCache);
    let response = JsFuture::from(window.fetch_with_str_and_init(&url.href(), &init))
        .await
        .map_err(|_| unavailable("network error"))?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| unavailable("not a response"))?;
    if !response.ok() {
        return Err(ConfigError::Unavailable(format!("HTTP {}", response.status())));
    }
    let text = JsFuture::from(response.text().map_err(|_| unavailable("unreadable"))?)
        .await
        .map_err(|_| unavailable("unreadable"))?
        .as_string()
        .unwrap_or_default();
    parse_config(&text)
}

#[cfg(test)]
mod tests;
