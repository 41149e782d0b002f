use leptos::prelude::*;

use crate::i18n::{Lang, use_i18n};
use crate::state::session::Session;
use crate::worker::protocol::{Progress, Stage};

/// What the engine is doing, with a cancel button, while it works.
#[component]
pub fn ProgressBar() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let label = move || {
        let lang = i18n.lang();
        session.progress.get().map(|p| describe(lang, &p)).unwrap_or_else(|| i18n.texts().working.to_string())
    };
    let fraction = move || {
        session.progress.get().filter(|p| p.total > 0).map(|p| (p.done.min(p.total) * 100 / p.total).to_string())
    };
    view! {
        <Show when=move || { session.busy.get() > 0 }>
            <div class="progress" role="status" data-testid="progress">
                <span class="progress-label">{label}</span>
                <progress max="100" value=fraction></progress>
                <button class="button small" data-testid="cancel-work" on:click=move |_| session.cancel()>
                    {move || i18n.texts().cancel}
                </button>
            </div>
        </Show>
    }
}

fn describe(lang: Lang, progress: &Progress) -> String {
    match (&progress.stage, lang) {
        (Stage::Reading { name }, Lang::Zh) => format!("正在读取 {name}"),
        (Stage::Reading { name }, Lang::En) => format!("Reading {name}"),
        (Stage::Parsing { name }, Lang::Zh) => format!("正在解析 {name}"),
        (Stage::Parsing { name }, Lang::En) => format!("Parsing {name}"),
        (Stage::Matching, Lang::Zh) => "正在按券码匹配".into(),
        (Stage::Matching, Lang::En) => "Matching codes".into(),
        (Stage::Classifying, Lang::Zh) => format!("正在分类 {} 个券码", crate::format::count(progress.total)),
        (Stage::Classifying, Lang::En) => format!("Classifying {} codes", crate::format::count(progress.total)),
        (Stage::Writing, Lang::Zh) => "正在生成导出文件".into(),
        (Stage::Writing, Lang::En) => "Writing the export".into(),
    }
}
