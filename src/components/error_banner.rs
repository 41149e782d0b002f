use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::session::Session;

/// Every input or processing problem, each naming the file, row and reason,
/// until the user dismisses it.
#[component]
pub fn ErrorBanner() -> impl IntoView {
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    view! {
        <Show when=move || session.notices.with(|n| !n.is_empty())>
            <section class="error-banner" role="alert" data-testid="error-banner">
                <header>
                    <strong>{move || i18n.texts().errors_title}</strong>
                    <button class="button ghost small" data-testid="dismiss-all-errors" on:click=move |_| session.notices.set(Vec::new())>
                        {move || i18n.texts().dismiss_all}
                    </button>
                </header>
                <ul>
                    <For each=move || session.notices.get() key=|n| n.id let:notice>
                        <li>
                            <span class="error-message">{notice.message.clone()}</span>
                            <button
                                class="icon-button"
                                aria-label=move || i18n.texts().dismiss
                                on:click=move |_| session.dismiss(notice.id)
                            >
                                "×"
                            </button>
                        </li>
                    </For>
                </ul>
            </section>
        </Show>
    }
}
