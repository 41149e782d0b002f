use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Event, File, FileList, HtmlInputElement};

/// A drop zone with a file picker inside it. `testid` goes on the `<input
/// type=file>` (the automation hook); `on_files` gets the chosen files.
#[component]
pub fn FileDrop(
    testid: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    accept: &'static str,
    multiple: bool,
    #[prop(into)] on_files: Callback<Vec<File>>,
) -> impl IntoView {
    let (hover, set_hover) = signal(false);
    let on_change = move |event: Event| {
        let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        let files = files_of(input.files());
        // Reset so choosing the same file again fires `change` again.
        input.set_value("");
        if !files.is_empty() {
            on_files.run(files);
        }
    };
    let on_drop = move |event: DragEvent| {
        event.prevent_default();
        set_hover.set(false);
        let files = files_of(event.data_transfer().and_then(|d| d.files()));
        let files = if multiple { files } else { files.into_iter().take(1).collect() };
        if !files.is_empty() {
            on_files.run(files);
        }
    };
    view! {
        <label
            class="file-drop"
            class:hover=hover
            on:dragover=move |e: DragEvent| {
                e.prevent_default();
                set_hover.set(true);
            }
            on:dragleave=move |_| set_hover.set(false)
            on:drop=on_drop
        >
            <input type="file" class="visually-hidden" data-testid=testid accept=accept multiple=multiple on:change=on_change />
            <span class="file-drop-label">{label}</span>
            <span class="file-drop-hint">{hint}</span>
        </label>
    }
}

fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
