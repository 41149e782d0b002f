//! The user's own settings edits, kept in localStorage. A missing or full
//! storage only means the edits are not remembered.

use super::settings::Overrides;

const KEY: &str = "fcode-recon.fetch-settings";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load() -> Overrides {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

pub fn save(overrides: &Overrides) {
    let Some(storage) = storage() else { return };
    if overrides.is_empty() {
        let _ = storage.remove_item(KEY);
    } else if let Ok(json) = serde_json::to_string(overrides) {
        let _ = storage.set_item(KEY, &json);
    }
}
