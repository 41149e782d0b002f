//! What can go wrong with one call to the proxy, reduced to the facts the
//! retry policy and the messages need. Plain data: it is persisted with a
//! batch's state, so a failed batch still explains itself after a reload.

use serde::{Deserialize, Serialize};

/// An `error_response` from the TOP gateway or from the proxy itself (the
/// proxy uses the same shape, with `code` = its HTTP status and a `sub_code`
/// starting `proxy.`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: Option<i64>,
    pub msg: String,
    pub sub_code: String,
    pub sub_msg: String,
}

/// Why one attempt did not bring back a usable page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttemptFailure {
    /// No HTTP answer: connection refused, DNS, CORS refusal, a timeout, or
    /// the body broke off while it was read.
    Transport { detail: String },
    /// An HTTP status other than 2xx without an `error_response` body (e.g.
    /// a load balancer's HTML 502 page).
    HttpStatus { status: u16 },
    /// HTTP 2xx but the body is not JSON (truncated, cut off by a proxy).
    BrokenBody { detail: String },
    /// An `error_response`.
    Api(ApiError),
    /// `result.return_code` other than "0": the call worked, the platform
    /// refused this batch (e.g. `FCODE_MIX_ID_NOT_EXIST`).
    Business { return_code: String, return_message: String },
    /// Valid JSON that is not an answer of this API (no `result`, no
    /// `has_next`): the URL probably points at something else.
    Unexpected { detail: String },
}
