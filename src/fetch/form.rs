//! The request the browser sends to the proxy (SPEC 6): `POST {proxy}/top`,
//! form-encoded, with `method` and the API's own parameters. Everything the
//! TOP protocol adds (app key, timestamp, signature) is the proxy's job.

use fcode_core::model::PullType;

use super::pages::cursor_params;

/// The one API the app calls.
pub const METHOD: &str = "taobao.film.fcode.export.query";

/// What one page request asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRequest<'a> {
    pub mix_id: &'a str,
    pub partner_code: &'a str,
    pub pull: PullType,
    pub cursor_key: &'a str,
    pub cursor: Option<u64>,
}

/// The form fields, in a fixed order.
pub fn fields(request: &PageRequest<'_>) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("method", METHOD.to_owned()),
        ("mix_id", request.mix_id.to_owned()),
        ("partner_code", request.partner_code.to_owned()),
        ("operate_type", request.pull.as_str().to_owned()),
    ];
    if let Some(params) = cursor_params(request.cursor_key, request.cursor) {
        fields.push(("params", params));
    }
    fields
}

/// `application/x-www-form-urlencoded` as the URL standard serialises it:
/// `*-._` and alphanumerics stay, space becomes `+`, every other byte of
/// the UTF-8 text is `%XX`.
pub fn encode(fields: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_into(&mut out, name);
        out.push('=');
        encode_into(&mut out, value);
    }
    out
}

fn encode_into(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(byte as char),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[(byte >> 4) as usize] as char);
                out.push(HEX[(byte & 0x0F) as usize] as char);
            }
        }
    }
}

/// `{proxy}/top`, whether or not the setting ends with a slash.
pub fn top_url(proxy_url: &str) -> String {
    format!("{}/top", proxy_url.trim().trim_end_matches('/'))
}

#[cfg(test)]
mod tests;
