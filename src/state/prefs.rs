//! Small preferences kept in `localStorage` (the language, later the proxy
//! settings). Storage can be missing or full (private windows, quotas): every
//! access degrades to "not remembered" instead of failing the page.

use crate::i18n::Lang;

const LANG_KEY: &str = "fcode-recon.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load_lang() -> Option<Lang> {
    let tag = storage()?.get_item(LANG_KEY).ok().flatten()?;
    Lang::from_tag(&tag)
}

pub fn save_lang(lang: Lang) {
    if let Some(storage) = storage() {
        // A full or disabled storage only means the choice is not remembered.
        let _ = storage.set_item(LANG_KEY, lang.tag());
    }
}

/// Mirrors the language onto `<html lang>`, which screen readers and the
/// browser's font selection for CJK text rely on.
pub fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

const MAPPING_KEY_PREFIX: &str = "fcode-recon.mapping.";

/// The column mapping the user chose for a header set (SPEC 2.2: remembered
/// per header set), keyed by the engine's header signature.
pub fn load_mapping(signature: &str) -> Option<fcode_core::issuance::ColumnMapping> {
    let json = storage()?.get_item(&format!("{MAPPING_KEY_PREFIX}{signature}")).ok().flatten()?;
    serde_json::from_str(&json).ok()
}

pub fn save_mapping(signature: &str, mapping: &fcode_core::issuance::ColumnMapping) {
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(mapping)) {
        let _ = storage.set_item(&format!("{MAPPING_KEY_PREFIX}{signature}"), &json);
    }
}
