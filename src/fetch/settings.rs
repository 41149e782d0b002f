//! The fetch settings: what the form shows (text as typed), the user's own
//! edits on top of the deployment's defaults, and the checks before a fetch.
//!
//! Precedence: built-in defaults < `config.json` beside index.html < what
//! the user typed (remembered per field, so a deployment that later changes
//! one default still reaches users who only edited another field).

use fcode_core::model::PullType;
use serde::{Deserialize, Serialize};

pub const DEFAULT_CURSOR_KEY: &str = "last_sequence";
pub const DEFAULT_MAX_PAGES: u32 = 10_000;
/// Page keys in IndexedDB are six digits.
pub const MAX_PAGES_CEILING: u32 = 999_999;

/// The settings as the form holds them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub proxy_url: String,
    /// The proxy's bearer token. Never logged, never put in an attribute.
    pub token: String,
    pub partner_code: String,
    /// mix_ids, one per line (as typed).
    pub batches: String,
    pub pull: PullType,
    pub cursor_key: String,
    /// The safety limit of pages per batch (as typed).
    pub max_pages: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            proxy_url: String::new(),
            token: String::new(),
            partner_code: String::new(),
            batches: String::new(),
            pull: PullType::All,
            cursor_key: DEFAULT_CURSOR_KEY.to_owned(),
            max_pages: DEFAULT_MAX_PAGES.to_string(),
        }
    }
}

/// One field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    ProxyUrl,
    Token,
    PartnerCode,
    Batches,
    Pull,
    CursorKey,
    MaxPages,
}

/// The fields the user changed, and only those.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proxy_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batches: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pull: Option<PullType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_pages: Option<String>,
}

impl Overrides {
    /// Records what the user typed into one field. (`Pull` takes `ALL` or
    /// `CONSUME`; anything else is ignored.)
    pub fn set(&mut self, field: Field, value: String) {
        match field {
            Field::ProxyUrl => self.proxy_url = Some(value),
            Field::Token => self.token = Some(value),
            Field::PartnerCode => self.partner_code = Some(value),
            Field::Batches => self.batches = Some(value),
            Field::Pull => {
                if let Some(pull) = parse_pull(&value) {
                    self.pull = Some(pull);
                }
            }
            Field::CursorKey => self.cursor_key = Some(value),
            Field::MaxPages => self.max_pages = Some(value),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Overrides::default()
    }

    /// The defaults with the user's edits on top.
    pub fn apply(&self, defaults: &Settings) -> Settings {
        let pick = |own: &Option<String>, default: &String| own.clone().unwrap_or_else(|| default.clone());
        Settings {
            proxy_url: pick(&self.proxy_url, &defaults.proxy_url),
            token: pick(&self.token, &defaults.token),
            partner_code: pick(&self.partner_code, &defaults.partner_code),
            batches: pick(&self.batches, &defaults.batches),
            pull: self.pull.unwrap_or(defaults.pull),
            cursor_key: pick(&self.cursor_key, &defaults.cursor_key),
            max_pages: pick(&self.max_pages, &defaults.max_pages),
        }
    }
}

/// `ALL` / `CONSUME`, any case.
pub fn parse_pull(text: &str) -> Option<PullType> {
    match text.trim().to_ascii_uppercase().as_str() {
        "ALL" => Some(PullType::All),
        "CONSUME" => Some(PullType::Consume),
        _ => None,
    }
}

/// Settings checked and ready for a fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub proxy_url: String,
    pub token: String,
    pub partner_code: String,
    pub batches: Vec<String>,
    pub pull: PullType,
    pub cursor_key: String,
    pub max_pages: u32,
}

/// What is wrong with the settings (each shown beside its field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    ProxyUrlMissing,
    /// Not `http://…` or `https://…`.
    ProxyUrlScheme,
    /// The token cannot travel in an HTTP header (control or non-ASCII
    /// characters, typically a paste accident).
    TokenUnsendable,
    PartnerCodeMissing,
    NoBatches,
    /// A mix_id with characters a mix_id never has (space, `/`, …).
    BadMixId(String),
    CursorKeyMissing,
    /// Not a whole number from 1 to [`MAX_PAGES_CEILING`].
    MaxPagesInvalid,
}

impl Problem {
    pub fn field(&self) -> Field {
        match self {
            Problem::ProxyUrlMissing | Problem::ProxyUrlScheme => Field::ProxyUrl,
            Problem::TokenUnsendable => Field::Token,
            Problem::PartnerCodeMissing => Field::PartnerCode,
            Problem::NoBatches | Problem::BadMixId(_) => Field::Batches,
            Problem::CursorKeyMissing => Field::CursorKey,
            Problem::MaxPagesInvalid => Field::MaxPages,
        }
    }
}

/// The mix_ids of the batches text: one per line (commas, spaces and tabs
/// separate too, for lists pasted from a spreadsheet row), in order,
/// without repeats.
pub fn batch_list(text: &str) -> Vec<String> {
    let mut list: Vec<String> = Vec::new();
    for mix_id in text.split(|c: char| c == ',' || c == '，' || c.is_whitespace()) {
        if !mix_id.is_empty() && !list.iter().any(|m| m == mix_id) {
            list.push(mix_id.to_owned());
        }
    }
    list
}

/// A mix_id as the platform writes them (`code_8ebc4e741689bbc1`): letters,
/// digits, `_`, `-`, `.`; at most 128 characters. The check also keeps the
/// storage keys (`fetch/<mix_id>/…`) unambiguous.
pub fn valid_mix_id(mix_id: &str) -> bool {
    !mix_id.is_empty()
        && mix_id.len() <= 128
        && mix_id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

/// Checks every field; all problems at once.
pub fn check(settings: &Settings) -> Result<Checked, Vec<Problem>> {
    let mut problems = Vec::new();
    let proxy_url = settings.proxy_url.trim().to_owned();
    let lower = proxy_url.to_ascii_lowercase();
    if proxy_url.is_empty() {
        problems.push(Problem::ProxyUrlMissing);
    } else if !(lower.starts_with("http://") || lower.starts_with("https://")) || proxy_url.len() <= "http://".len() {
        problems.push(Problem::ProxyUrlScheme);
    }
    let token = settings.token.trim().to_owned();
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        problems.push(Problem::TokenUnsendable);
    }
    let partner_code = settings.partner_code.trim().to_owned();
    if partner_code.is_empty() {
        problems.push(Problem::PartnerCodeMissing);
    }
    let batches = batch_list(&settings.batches);
    if batches.is_empty() {
        problems.push(Problem::NoBatches);
    }
    for mix_id in batches.iter().filter(|m| !valid_mix_id(m)) {
        problems.push(Problem::BadMixId(mix_id.clone()));
    }
    let cursor_key = settings.cursor_key.trim().to_owned();
    if cursor_key.is_empty() {
        problems.push(Problem::CursorKeyMissing);
    }
    let max_pages = settings.max_pages.trim().parse::<u32>().ok().filter(|n| (1..=MAX_PAGES_CEILING).contains(n));
    if max_pages.is_none() {
        problems.push(Problem::MaxPagesInvalid);
    }
    match max_pages {
        Some(max_pages) if problems.is_empty() => {
            Ok(Checked { proxy_url, token, partner_code, batches, pull: settings.pull, cursor_key, max_pages })
        }
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests;
