use leptos::prelude::*;

use crate::i18n::{Lang, use_i18n};
use crate::state::session::{FileBatch, Session};
use crate::worker::protocol::{Progress, Stage};

/// What the engine is doing, with a cancel button, while it works.
#[component]
pub fn ProgressBar() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let label = move || {
        let lang = i18n.lang();
        let step = session.progress.get().map(|p| describe(lang, &p)).unwrap_or_else(|| i18n.texts().working.to_string());
        match session.file_batch.get() {
            Some(batch) => format!("{step} · {}", describe_batch(lang, &batch)),
            None => step,
        }
    };
    // Over several files, the bar shows files done; for one request, its own units.
    let fraction = move || match session.file_batch.get() {
        Some(batch) if batch.total > 0 => Some((u64::from(batch.done) * 100 / u64::from(batch.total)).to_string()),
        _ => session.progress.get().filter(|p| p.total > 0).map(|p| (p.done.min(p.total) * 100 / p.total).to_string()),
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

fn describe_batch(lang: Lang, batch: &FileBatch) -> String {
    let files = format!("{}/{}", batch.done + 1, batch.total);
    match (lang, batch.records_per_second()) {
        (Lang::Zh, Some(rate)) => format!("第 {files} 个文件 · 每秒 {} 条", crate::format::count(rate)),
        (Lang::Zh, None) => format!("第 {files} 个文件"),
        (Lang::En, Some(rate)) => format!("file {files} · {} records/s", crate::format::count(rate)),
        (Lang::En, None) => format!("file {files}"),
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
