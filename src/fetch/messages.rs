//! Errors in words: what happened (with the platform's or proxy's own code,
//! sub code and message) and what to check, in the interface language.

use super::failure::AttemptFailure;
use super::model::FetchError;
use super::pages::CursorError;
use super::retry::{Hint, Transient};
use crate::i18n::Lang;
use crate::i18n::fetch_text::{
    after_attempts, api_error, business, call_limit_long, cursor_not_advancing, error_line, fetch_texts, http_status,
    page_limit, transport,
};

/// What one failed attempt was.
pub fn describe_failure(lang: Lang, failure: &AttemptFailure) -> String {
    let t = fetch_texts(lang);
    match failure {
        AttemptFailure::Transport { detail } => transport(lang, detail),
        AttemptFailure::HttpStatus { status } => http_status(lang, *status),
        AttemptFailure::BrokenBody { .. } => t.broken_body.to_owned(),
        AttemptFailure::Api(error) => {
            let code = error.code.map_or_else(|| "?".to_owned(), |c| c.to_string());
            let msg = match (error.msg.trim(), error.sub_msg.trim()) {
                (msg, "") => msg.to_owned(),
                ("", sub) => sub.to_owned(),
                (msg, sub) => format!("{msg} ({sub})"),
            };
            api_error(lang, &code, error.sub_code.trim(), &msg)
        }
        AttemptFailure::Business { return_code, return_message } => business(lang, return_code, return_message),
        AttemptFailure::Unexpected { .. } => t.not_this_api.to_owned(),
    }
}

/// What to check.
pub fn hint_text(lang: Lang, hint: &Hint) -> String {
    let t = fetch_texts(lang);
    let text = match hint {
        Hint::Exhausted(Transient::Network) => t.hint_network,
        Hint::Exhausted(Transient::ServerError) => t.hint_server_error,
        Hint::Exhausted(Transient::PlatformBusy) => t.hint_platform_busy,
        Hint::Exhausted(Transient::BrokenBody) => t.hint_broken_body,
        Hint::Exhausted(Transient::ProxyUpstream) => t.hint_proxy_upstream,
        Hint::CallLimitPersists => t.hint_call_limit_persists,
        Hint::CallLimitLong { secs } => return call_limit_long(lang, *secs),
        Hint::ProxySecret => t.hint_proxy_secret,
        Hint::ProxyClock => t.hint_proxy_clock,
        Hint::AppKey => t.hint_app_key,
        Hint::Session => t.hint_session,
        Hint::Permission => t.hint_permission,
        Hint::MissingParameter => t.hint_missing_parameter,
        Hint::InvalidParameter => t.hint_invalid_parameter,
        Hint::RequestRejected => t.hint_request_rejected,
        Hint::Isv => t.hint_isv,
        Hint::ProxyToken => t.hint_proxy_token,
        Hint::ProxyOrigin => t.hint_proxy_origin,
        Hint::ProxyMethod => t.hint_proxy_method,
        Hint::ProxyAddress => t.hint_proxy_address,
        Hint::ProxyRequest => t.hint_proxy_request,
        Hint::Business { return_code } => match return_code.as_str() {
            "FCODE_MIX_ID_NOT_EXIST" => t.hint_mix_id_not_exist,
            "FCODE_PARTNER_NOT_MATCH" => t.hint_partner_not_match,
            _ => t.hint_business,
        },
        Hint::NotThisApi => t.hint_not_this_api,
        Hint::Unknown => t.hint_unknown,
    };
    text.to_owned()
}

/// The full line for a batch's row and the error banner.
pub fn describe_error(lang: Lang, mix_id: &str, error: &FetchError) -> String {
    let t = fetch_texts(lang);
    let (what, hint) = match error {
        FetchError::Call { failure, hint, attempts } => {
            let mut what = describe_failure(lang, failure);
            if *attempts > 1 {
                what.push_str(&after_attempts(lang, *attempts));
            }
            (what, hint_text(lang, hint))
        }
        FetchError::Cursor(CursorError::Missing) => (t.cursor_missing.to_owned(), t.hint_cursor.to_owned()),
        FetchError::Cursor(CursorError::NotAdvancing { sent, got }) => {
            (cursor_not_advancing(lang, *sent, *got), t.hint_cursor.to_owned())
        }
        FetchError::PageLimit { limit } => (page_limit(lang, *limit), t.hint_page_limit.to_owned()),
    };
    error_line(lang, mix_id, &what, &hint)
}

#[cfg(test)]
mod tests;
