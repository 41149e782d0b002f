//! The gateway's checks on an incoming call, in the order TOP applies them: API name,
//! version, app key, timestamp, signature, session, then the API's own parameters.
//! Each failure maps to the TOP error code a real gateway would answer.

use std::collections::BTreeMap;

use crate::secret::Secret;
use crate::sign::{SignMethod, sign, signatures_match};
use crate::timestamp::parse_shanghai;
use crate::top_error::TopError;

use super::dataset::PullType;

/// The only API this simulator serves.
pub const API_METHOD: &str = "taobao.film.fcode.export.query";

/// How the answer is to be written (`format`, `simplify`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseFormat {
    Json { simplify: bool },
    Xml,
}

impl ResponseFormat {
    /// TOP's default format is XML; `simplify` only affects JSON. An unknown format is
    /// reported (code 23) in JSON, as there is no better choice.
    pub fn from_params(
        params: &BTreeMap<String, String>,
    ) -> Result<ResponseFormat, ResponseFormat> {
        let simplify = params
            .get("simplify")
            .is_some_and(|value| value.eq_ignore_ascii_case("true"));
        match params
            .get("format")
            .map(|value| value.to_ascii_lowercase())
            .as_deref()
        {
            None | Some("") | Some("xml") => Ok(ResponseFormat::Xml),
            Some("json") => Ok(ResponseFormat::Json { simplify }),
            Some(_) => Err(ResponseFormat::Json { simplify: false }),
        }
    }
}

/// What the gateway knows to check a call against.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub app_key: String,
    pub app_secret: Secret,
    /// When set, calls must carry exactly this `session`.
    pub session: Option<Secret>,
    /// Allowed clock difference between caller and gateway (TOP: 10 minutes).
    pub timestamp_tolerance_secs: i64,
}

/// A call that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportQuery {
    pub mix_id: String,
    pub partner_code: String,
    pub pull: PullType,
    /// Cursor: return rows with a sequence greater than this.
    pub after_sequence: u64,
}

pub fn verify_call(
    params: &BTreeMap<String, String>,
    credentials: &Credentials,
    now_unix: i64,
) -> Result<ExportQuery, TopError> {
    let get = |name: &str| {
        params
            .get(name)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
    };

    match get("method") {
        None => return Err(TopError::new(21, "Missing method")),
        Some(API_METHOD) => {}
        Some(_) => return Err(TopError::new(22, "Invalid method")),
    }
    match get("v") {
        None => return Err(TopError::new(32, "Missing version")),
        Some("2.0") => {}
        Some(_) => return Err(TopError::new(34, "Unsupported version")),
    }
    match get("app_key") {
        None => return Err(TopError::new(28, "Missing app key")),
        Some(key) if key == credentials.app_key => {}
        Some(_) => return Err(TopError::new(29, "Invalid app key")),
    }
    let timestamp = get("timestamp").ok_or_else(|| TopError::new(30, "Missing timestamp"))?;
    let sent_at = parse_shanghai(timestamp).ok_or_else(invalid_timestamp)?;
    if (sent_at - now_unix).abs() > credentials.timestamp_tolerance_secs {
        return Err(invalid_timestamp());
    }
    let sign_method = match get("sign_method") {
        None => SignMethod::Md5,
        Some(name) => name.parse::<SignMethod>().map_err(|_| {
            TopError::new(41, "Invalid arguments:sign_method").with_sub(
                "isv.invalid-parameter:sign_method",
                "sign_method must be md5, hmac or hmac-sha256",
            )
        })?,
    };
    let received_sign = get("sign").ok_or_else(|| TopError::new(24, "Missing signature"))?;
    let pairs = params
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()));
    let expected = sign(pairs, credentials.app_secret.expose(), sign_method);
    if !signatures_match(received_sign, &expected) {
        return Err(TopError::new(25, "Invalid signature"));
    }
    if let Some(session) = &credentials.session {
        match get("session") {
            None => return Err(TopError::new(26, "Missing session")),
            Some(sent)
                if crate::secret::constant_time_eq(
                    sent.as_bytes(),
                    session.expose().as_bytes(),
                ) => {}
            Some(_) => {
                return Err(TopError::new(27, "Invalid session")
                    .with_sub("invalid-sessionkey", "session key is invalid or expired"));
            }
        }
    }

    let mix_id = required(&get, "mix_id")?;
    let partner_code = required(&get, "partner_code")?;
    let operate_type = required(&get, "operate_type")?;
    let pull = PullType::parse(operate_type).ok_or_else(|| {
        TopError::new(41, "Invalid arguments:operate_type").with_sub(
            "isv.invalid-parameter:operate_type",
            "operate_type must be ALL or CONSUME",
        )
    })?;
    let after_sequence = match get("params") {
        None => 0,
        Some(text) => cursor_from_params(text)?,
    };
    Ok(ExportQuery {
        mix_id: mix_id.to_string(),
        partner_code: partner_code.to_string(),
        pull,
        after_sequence,
    })
}

fn invalid_timestamp() -> TopError {
    TopError::new(31, "Invalid timestamp").with_sub(
        "isv.invalid-timestamp",
        "timestamp must be yyyy-MM-dd HH:mm:ss in Beijing time (UTC+8), within 10 minutes of the gateway's clock",
    )
}

fn required<'a>(get: &impl Fn(&str) -> Option<&'a str>, name: &str) -> Result<&'a str, TopError> {
    get(name).ok_or_else(|| {
        TopError::new(40, format!("Missing required arguments:{name}")).with_sub(
            format!("isv.missing-parameter:{name}"),
            format!("缺少必选参数:{name}"),
        )
    })
}

/// The cursor in `params`: `{"last_sequence": N}` (or `lastSequence`), N a non-negative
/// integer or a string of digits. Other keys are ignored, as an API ignores extensions it
/// does not know; anything that is not a JSON object is an invalid parameter.
pub fn cursor_from_params(text: &str) -> Result<u64, TopError> {
    let invalid = |detail: &str| {
        TopError::new(50, "Remote service error").with_sub(
            "isv.invalid-parameter",
            format!("非法参数: params {detail}"),
        )
    };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| invalid("is not valid JSON"))?;
    let object = value
        .as_object()
        .ok_or_else(|| invalid("must be a JSON object"))?;
    let cursor = object
        .get("last_sequence")
        .or_else(|| object.get("lastSequence"));
    match cursor {
        None | Some(serde_json::Value::Null) => Ok(0),
        Some(serde_json::Value::Number(number)) => number
            .as_u64()
            .ok_or_else(|| invalid("last_sequence must be a non-negative integer")),
        Some(serde_json::Value::String(text)) if text.is_empty() => Ok(0),
        Some(serde_json::Value::String(text)) => text
            .parse::<u64>()
            .map_err(|_| invalid("last_sequence must be a non-negative integer")),
        Some(_) => Err(invalid("last_sequence must be a non-negative integer")),
    }
}

#[cfg(test)]
mod tests;
