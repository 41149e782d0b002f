//! The retry policy of SPEC 6, as pure functions (no clock, no randomness:
//! the caller passes the jitter), so that every rule is tested natively.
//!
//! | failure | decision |
//! |---|---|
//! | transport error, broken (unparseable) body | retry, back-off |
//! | HTTP 5xx, 408, 429 without an `error_response` | retry, back-off |
//! | `proxy.upstream-timeout` / `-unreachable` / `-error` | retry, back-off |
//! | `isp.*` sub code; codes 10, 15 (unless the sub code is `isv.*`) | retry, back-off |
//! | code 7 (call limit) | wait the seconds the message names (+ a margin), else back-off; a ban longer than `max_call_limit_wait_secs` stops |
//! | other `proxy.*` | stop: token, origin, allow-list, address or request hint |
//! | codes 11–13, 21–34, 40–44 | stop, with the hint for the code |
//! | `isv.*` sub code | stop |
//! | `result.return_code` ≠ "0" | stop, naming the batch |
//! | anything else (unknown codes, other HTTP statuses) | stop |
//!
//! Every retry counts towards `max_attempts` for the same page.

use serde::{Deserialize, Serialize};

use super::failure::{ApiError, AttemptFailure};

/// The limits of the policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The first back-off before jitter.
    pub base_ms: u64,
    /// No back-off is longer than this.
    pub cap_ms: u64,
    /// Attempts per page, the first one included.
    pub max_attempts: u32,
    /// Added to a call-limit wait: the gateway rounds the seconds.
    pub call_limit_margin_ms: u64,
    /// A longer ban stops the fetch (Resume later) instead of keeping the
    /// tab waiting for hours.
    pub max_call_limit_wait_secs: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { base_ms: 500, cap_ms: 30_000, max_attempts: 6, call_limit_margin_ms: 250, max_call_limit_wait_secs: 300 }
    }
}

/// The kinds of failure that are worth trying again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Transient {
    /// No answer at all (or a cut-off one).
    Network,
    /// HTTP 5xx (or 408/429) from the proxy or something in front of it.
    ServerError,
    /// The platform's own temporary failure: `isp.*`, codes 10 and 15.
    PlatformBusy,
    /// The answer was not JSON (truncated).
    BrokenBody,
    /// The proxy could not reach the gateway in time.
    ProxyUpstream,
}

/// What the user should check: each stop carries one, and the page shows
/// the matching sentence (src/fetch/messages.rs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hint {
    /// Retries exhausted for a transient failure.
    Exhausted(Transient),
    /// The call limit kept answering after every retry.
    CallLimitPersists,
    /// The ban lasts longer than we are willing to wait.
    CallLimitLong { secs: u64 },
    /// 24/25: the proxy's secret or sign method is wrong.
    ProxySecret,
    /// 30/31: the proxy's clock is off.
    ProxyClock,
    /// 28/29: the proxy's app key is wrong.
    AppKey,
    /// 26/27: the proxy's session key is missing or expired.
    Session,
    /// 11–13: the app lacks permission for this API.
    Permission,
    /// 40: a required parameter is missing.
    MissingParameter,
    /// 41: a parameter is invalid.
    InvalidParameter,
    /// 21–23, 32–34, 42–44: the request is malformed (method, version,
    /// format, encoding): a proxy problem rather than a setting.
    RequestRejected,
    /// `isv.*`: the platform refused what was asked.
    Isv,
    /// `proxy.unauthorized`: the token is missing or wrong.
    ProxyToken,
    /// `proxy.origin-not-allowed`: the proxy's `--allow-origin` lacks this page.
    ProxyOrigin,
    /// `proxy.method-not-allowed`: the proxy's allow-list lacks the API.
    ProxyMethod,
    /// The proxy URL does not lead to the proxy's `/top` (404, 405, ...).
    ProxyAddress,
    /// The proxy refused the request itself (bad request, too large, type).
    ProxyRequest,
    /// A business failure in `result.return_code`.
    Business { return_code: String },
    /// The answer is not one of this API.
    NotThisApi,
    /// A refusal we have no specific advice for.
    Unknown,
}

/// How a failure is treated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FailureClass {
    Transient(Transient),
    /// Code 7, with the ban's length when the message says it.
    CallLimited { secs: Option<u64> },
    Fatal(Hint),
}

/// What to do after a failed attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Retry { delay_ms: u64 },
    Stop(Hint),
}

/// Sorts a failure into the policy's classes.
pub fn classify(failure: &AttemptFailure) -> FailureClass {
    match failure {
        AttemptFailure::Transport { .. } => FailureClass::Transient(Transient::Network),
        AttemptFailure::BrokenBody { .. } => FailureClass::Transient(Transient::BrokenBody),
        AttemptFailure::HttpStatus { status } => classify_http(*status),
        AttemptFailure::Api(error) => classify_api(error),
        AttemptFailure::Business { return_code, .. } => FailureClass::Fatal(Hint::Business { return_code: return_code.clone() }),
        AttemptFailure::Unexpected { .. } => FailureClass::Fatal(Hint::NotThisApi),
    }
}

fn classify_http(status: u16) -> FailureClass {
    match status {
        // Timeouts and rate limits of a front server pass with time.
        408 | 429 | 500..=599 => FailureClass::Transient(Transient::ServerError),
        // Anything else without our error shape: not the proxy's /top.
        _ => FailureClass::Fatal(Hint::ProxyAddress),
    }
}

fn classify_api(error: &ApiError) -> FailureClass {
    let sub = error.sub_code.trim();
    if let Some(proxy_code) = sub.strip_prefix("proxy.") {
        return classify_proxy(proxy_code);
    }
    let code = error.code;
    if code == Some(7) {
        let secs = call_limit_secs(&error.msg).or_else(|| call_limit_secs(&error.sub_msg));
        return FailureClass::CallLimited { secs };
    }
    if sub.starts_with("isp.") {
        return FailureClass::Transient(Transient::PlatformBusy);
    }
    let isv = sub.starts_with("isv.");
    match code {
        // "Service unavailable" / "remote service error": temporary, unless
        // the sub code blames the caller.
        Some(10 | 15) if !isv => FailureClass::Transient(Transient::PlatformBusy),
        Some(11..=13) => FailureClass::Fatal(Hint::Permission),
        Some(24 | 25) => FailureClass::Fatal(Hint::ProxySecret),
        Some(26 | 27) => FailureClass::Fatal(Hint::Session),
        Some(28 | 29) => FailureClass::Fatal(Hint::AppKey),
        Some(30 | 31) => FailureClass::Fatal(Hint::ProxyClock),
        Some(21..=23 | 32..=34 | 42..=44) => FailureClass::Fatal(Hint::RequestRejected),
        Some(40) => FailureClass::Fatal(Hint::MissingParameter),
        Some(41) => FailureClass::Fatal(Hint::InvalidParameter),
        _ if isv => FailureClass::Fatal(Hint::Isv),
        _ => FailureClass::Fatal(Hint::Unknown),
    }
}

fn classify_proxy(code: &str) -> FailureClass {
    match code {
        "upstream-timeout" | "upstream-unreachable" | "upstream-error" => FailureClass::Transient(Transient::ProxyUpstream),
        "unauthorized" => FailureClass::Fatal(Hint::ProxyToken),
        "origin-not-allowed" => FailureClass::Fatal(Hint::ProxyOrigin),
        "method-not-allowed" => FailureClass::Fatal(Hint::ProxyMethod),
        "not-found" | "http-method-not-allowed" => FailureClass::Fatal(Hint::ProxyAddress),
        "bad-request" | "body-too-large" | "unsupported-media-type" => FailureClass::Fatal(Hint::ProxyRequest),
        _ => FailureClass::Fatal(Hint::Unknown),
    }
}

/// Decides after the `failed_attempts`-th failed attempt of one page (1 for
/// the first). `jitter` is a random number in `[0, 1)`.
pub fn decide(policy: &RetryPolicy, class: &FailureClass, failed_attempts: u32, jitter: f64) -> Decision {
    if let FailureClass::Fatal(hint) = class {
        return Decision::Stop(hint.clone());
    }
    if let FailureClass::CallLimited { secs: Some(secs) } = class
        && *secs > policy.max_call_limit_wait_secs
    {
        return Decision::Stop(Hint::CallLimitLong { secs: *secs });
    }
    if failed_attempts >= policy.max_attempts {
        return Decision::Stop(match class {
            FailureClass::Transient(kind) => Hint::Exhausted(*kind),
            _ => Hint::CallLimitPersists,
        });
    }
    let delay_ms = match class {
        FailureClass::CallLimited { secs: Some(secs) } => secs.saturating_mul(1000).saturating_add(policy.call_limit_margin_ms),
        _ => backoff_ms(policy, failed_attempts, jitter),
    };
    Decision::Retry { delay_ms }
}

/// Exponential back-off with "equal jitter": the `retry`-th wait (1-based)
/// is between half and all of `min(cap, base · 2^(retry-1))`. Half is
/// guaranteed so retries never hammer; the random half spreads many clients
/// (or batches) apart.
pub fn backoff_ms(policy: &RetryPolicy, retry: u32, jitter: f64) -> u64 {
    let exponent = retry.saturating_sub(1).min(32);
    let ceiling = policy.base_ms.saturating_mul(1u64 << exponent).min(policy.cap_ms);
    let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
    let half = ceiling / 2;
    // `ceiling - half` ≤ 2^63, exact enough in f64 for milliseconds.
    half + ((ceiling - half) as f64 * jitter) as u64
}

/// The seconds of a call-limit ban, from TOP's "This ban will last N more
/// seconds" (any case, `lasts` too); `None` when the text does not say.
pub fn call_limit_secs(text: &str) -> Option<u64> {
    let lower = text.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("last") {
        let after = &rest[at + "last".len()..];
        let after = after.strip_prefix('s').unwrap_or(after).trim_start();
        let digits: &str = &after[..after.bytes().take_while(u8::is_ascii_digit).count()];
        let unit = after[digits.len()..].trim_start();
        let unit = unit.strip_prefix("more").unwrap_or(unit).trim_start();
        if !digits.is_empty() && unit.starts_with("second") {
            return digits.parse().ok();
        }
        rest = &rest[at + "last".len()..];
    }
    None
}

#[cfg(test)]
mod tests;
