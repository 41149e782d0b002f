//! User-facing strings in 简体中文 (default) and English.
//!
//! Every string lives in one [`Texts`] table per language, so a missing
//! translation is a compile error rather than a blank on screen.

mod en;
pub mod fetch_text;
pub mod labels;
pub mod results_text;
mod zh;

use leptos::prelude::*;

use crate::state::prefs;

/// The languages the interface speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag, used for `<html lang>` and number/date formatting.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "zh-CN" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &zh::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }
}

/// All strings of the interface for one language.
pub struct Texts {
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub lang_switch_label: &'static str,
    pub nav_label: &'static str,
    pub step_platform: &'static str,
    pub step_issuance: &'static str,
    pub step_results: &'static str,
    pub nav_about: &'static str,
    /// The header's save status: changes on their way to this browser's storage, or all stored.
    pub save_pending: &'static str,
    pub save_done: &'static str,
    pub platform_title: &'static str,
    pub platform_intro: &'static str,
    pub issuance_title: &'static str,
    pub issuance_intro: &'static str,
    pub results_title: &'static str,
    pub results_intro: &'static str,
    pub about_title: &'static str,
    pub about_what: &'static str,
    pub about_privacy_title: &'static str,
    pub about_privacy: &'static str,
    pub about_steps_title: &'static str,
    pub about_step_platform: &'static str,
    pub about_step_issuance: &'static str,
    pub about_step_results: &'static str,
    pub about_close: &'static str,
    pub footer_privacy: &'static str,
    pub panic_title: &'static str,
    pub panic_body: &'static str,
    pub panic_reload: &'static str,
    pub errors_title: &'static str,
    pub dismiss: &'static str,
    pub dismiss_all: &'static str,
    pub working: &'static str,
    pub cancel: &'static str,
    pub platform_drop: &'static str,
    pub platform_drop_hint: &'static str,
    pub platform_none: &'static str,
    pub col_file: &'static str,
    pub col_format: &'static str,
    pub col_batches: &'static str,
    pub col_records: &'static str,
    pub col_rejected: &'static str,
    pub col_pull: &'static str,
    pub col_rows: &'static str,
    pub reading: &'static str,
    pub pages_unit: &'static str,
    pub consume_suggested: &'static str,
    pub remove: &'static str,
    pub more_row_errors: &'static str,
    pub next_issuance: &'static str,
    pub issuance_drop: &'static str,
    pub issuance_drop_hint: &'static str,
    pub paste_label: &'static str,
    pub paste_placeholder: &'static str,
    pub paste_load: &'static str,
    pub pasted_name: &'static str,
    pub face_value_unit: &'static str,
    pub unit_yuan: &'static str,
    pub unit_fen: &'static str,
    pub show_row_errors: &'static str,
    pub change_mapping: &'static str,
    pub back_platform: &'static str,
    pub next_results: &'static str,
    pub mapping_title: &'static str,
    pub mapping_intro: &'static str,
    pub sheet: &'static str,
    pub not_mapped: &'static str,
    pub mapping_apply: &'static str,
    pub period_from: &'static str,
    pub period_to: &'static str,
    pub run: &'static str,
    pub run_needs_issuance: &'static str,
    pub results_stale: &'static str,
    pub incomplete_title: &'static str,
    pub classes_title: &'static str,
    pub flags_title: &'static str,
    pub period_title: &'static str,
    pub period_in: &'static str,
    pub period_before: &'static str,
    pub period_after: &'static str,
    pub amount_unknown: &'static str,
    pub batches_title: &'static str,
    pub col_batch_name: &'static str,
    pub col_denomination: &'static str,
    pub col_total: &'static str,
    pub col_loaded: &'static str,
    pub col_complete: &'static str,
    pub col_exceptions: &'static str,
    pub complete_yes: &'static str,
    pub complete_no: &'static str,
    pub complete_unknown: &'static str,
    pub exports_title: &'static str,
    pub export_details: &'static str,
    pub export_exceptions: &'static str,
    pub export_xlsx: &'static str,
    pub export_report: &'static str,
    pub print: &'static str,
    pub open_fetch: &'static str,
    pub open_fetch_hint: &'static str,
    pub nav_history: &'static str,
    pub history_title: &'static str,
    pub history_intro: &'static str,
    pub new_run: &'static str,
    pub history_empty: &'static str,
    pub col_run_name: &'static str,
    pub col_updated: &'static str,
    pub col_files: &'static str,
    pub col_codes: &'static str,
    pub col_redeemed: &'static str,
    pub col_signoff: &'static str,
    pub current_run: &'static str,
    pub open_run: &'static str,
    pub delete_run: &'static str,
    pub confirm_delete_run: &'static str,
    pub signoff_title: &'static str,
    pub preparer: &'static str,
    pub reviewer: &'static str,
    pub sign_off: &'static str,
    pub unlock: &'static str,
    pub locked_banner: &'static str,
    pub confirm_unlock: &'static str,
}

/// The current language, shared through the component tree.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// Switches the language, remembers the choice and updates `<html lang>`.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        prefs::save_lang(lang);
    }

    pub fn texts(&self) -> &'static Texts {
        self.lang.get().texts()
    }
}

/// Creates the language context from the remembered choice (Chinese by default).
pub fn provide_i18n() -> I18n {
    let i18n = I18n { lang: RwSignal::new(prefs::load_lang().unwrap_or(Lang::Zh)) };
    // Keep the document's language in step, for screen readers and fonts.
    Effect::new(move |_| prefs::set_document_lang(i18n.lang.get()));
    provide_context(i18n);
    i18n
}

/// The language context; falls back to Chinese outside the app tree (tests).
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n { lang: RwSignal::new(Lang::Zh) })
}
