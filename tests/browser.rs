//! Browser unit tests for the app's components, run in headless Chromium by
//! `wasm-bindgen-test-runner` (see scripts/test.sh). Natively this file is empty.
#![cfg(target_arch = "wasm32")]

use fcode_recon_app::App;
use fcode_recon_app::i18n::Lang;
use fcode_recon_app::state::route::Route;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// Mounts the app into a fresh container and returns it.
fn mount_app() -> web_sys::HtmlElement {
    let container: web_sys::HtmlElement =
        document().create_element("div").expect("div").dyn_into().expect("an HtmlElement");
    document().body().expect("body").append_child(&container).expect("append");
    let handle = leptos::mount::mount_to(container.clone(), App);
    // Keep the app alive for the rest of the test.
    std::mem::forget(handle);
    container
}

fn text_of(root: &web_sys::HtmlElement, testid: &str) -> String {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
        .text_content()
        .unwrap_or_default()
}

/// Lets the reactive system run: Leptos applies updates in scheduled tasks.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.expect("the timer");
}

fn click(root: &web_sys::HtmlElement, testid: &str) {
    let element: web_sys::HtmlElement = root
        .query_selector(&format!("[data-testid='{testid}']"))
        .expect("a valid selector")
        .expect("the element")
        .dyn_into()
        .expect("an HtmlElement");
    element.click();
}

#[wasm_bindgen_test]
async fn the_shell_speaks_chinese_first_and_switches_to_english() {
    let _ = web_sys::window().unwrap().local_storage().unwrap().unwrap().clear();
    let root = mount_app();
    settle().await;
    assert_eq!(text_of(&root, "app-name"), "券码对账");
    assert_eq!(root.query_selector_all(".step-nav a").unwrap().length(), 3);

    click(&root, "lang-en");
    settle().await;
    assert_eq!(text_of(&root, "app-name"), "F-code reconciliation");
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));
    // The choice is remembered for the next visit.
    let stored = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("fcode-recon.lang").unwrap();
    assert_eq!(stored.as_deref(), Some("en"));

    click(&root, "lang-zh");
    settle().await;
    assert_eq!(text_of(&root, "app-name"), "券码对账");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_about_panel_opens_and_closes() {
    let root = mount_app();
    settle().await;
    assert!(root.query_selector("[data-testid='about-panel']").unwrap().is_none());
    click(&root, "open-about");
    settle().await;
    assert!(text_of(&root, "about-privacy").contains("不会上传"));
    click(&root, "close-about");
    settle().await;
    assert!(root.query_selector("[data-testid='about-panel']").unwrap().is_none());
    root.remove();
}

#[wasm_bindgen_test]
fn routes_round_trip_through_the_fragment() {
    for step in Route::STEPS {
        assert_eq!(Route::from_hash(&step.href()), step);
    }
    assert_eq!(Route::from_hash(""), Route::Platform);
    assert_eq!(Route::from_hash("#/no-such-step"), Route::Platform);
}

#[wasm_bindgen_test]
fn both_languages_fill_every_string() {
    for lang in [Lang::Zh, Lang::En] {
        let t = lang.texts();
        for s in [t.app_name, t.about_privacy, t.step_platform, t.step_issuance, t.step_results, t.panic_body] {
            assert!(!s.trim().is_empty(), "{lang:?} has an empty string");
        }
    }
    assert_ne!(Lang::Zh.texts().app_name, Lang::En.texts().app_name);
}

#[wasm_bindgen_test]
fn a_panic_leaves_a_bilingual_notice_with_a_reload_button() {
    fcode_recon_app::panic_screen::show_notice();
    let notice = document().query_selector("[data-testid='panic-notice']").unwrap().expect("the notice");
    let text = notice.text_content().unwrap_or_default();
    assert!(text.contains("出现了意外错误"), "{text}");
    assert!(text.contains("Something went wrong"), "{text}");
    assert!(notice.query_selector("button").unwrap().is_some());
    notice.remove();
}
