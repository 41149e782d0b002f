//! The application shell: header, step navigation, errors and progress,
//! the current step, footer.

use leptos::prelude::*;

use crate::components::{
    about::AboutPanel, error_banner::ErrorBanner, header::Header, progress_bar::ProgressBar, step_nav::StepNav,
};
use crate::i18n::provide_i18n;
use crate::state::route::use_route;
use crate::state::session::Session;
use crate::steps::StepPage;

#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    let route = use_route();
    let session = Session::new();
    provide_context(session);
    session.autosave();
    leptos::task::spawn_local(async move { session.restore_current().await });
    let (about_open, set_about_open) = signal(false);
    view! {
        <div class="app" data-testid="app-shell">
            <Header on_about=move |_| set_about_open.set(true) />
            <StepNav />
            <main class="app-main">
                <ErrorBanner />
                <crate::components::signoff::LockBanner />
                <ProgressBar />
                {move || view! { <StepPage step=route.get() /> }}
            </main>
            <footer class="app-footer">
                <span class="privacy-badge">{move || i18n.texts().footer_privacy}</span>
                <span class="version">{concat!("v", env!("CARGO_PKG_VERSION"))}</span>
            </footer>
            <AboutPanel open=about_open on_close=move |_| set_about_open.set(false) />
        </div>
    }
}
