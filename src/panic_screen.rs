//! What the user sees if the WebAssembly panics (it should not: the engine
//! returns errors). A panic leaves the Leptos runtime unusable, so the notice
//! is built with plain DOM calls, in both languages, and offers a reload;
//! saved work lives in browser storage and survives it.

use wasm_bindgen::JsCast;

use crate::i18n::Lang;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_notice();
    }));
}

/// Puts the bilingual "something went wrong — reload" notice over the page.
pub fn show_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    let Ok(notice) = document.create_element("div") else { return };
    notice.set_class_name("panic-notice");
    let _ = notice.set_attribute("role", "alert");
    let _ = notice.set_attribute("data-testid", "panic-notice");
    for lang in [Lang::Zh, Lang::En] {
        let t = lang.texts();
        let Ok(section) = document.create_element("section") else { return };
        let _ = section.set_attribute("lang", lang.tag());
        for (tag, text) in [("h2", t.panic_title), ("p", t.panic_body)] {
            if let Ok(el) = document.create_element(tag) {
                el.set_text_content(Some(text));
                let _ = section.append_child(&el);
            }
        }
        let _ = notice.append_child(&section);
    }
    if let Ok(button) = document.create_element("button") {
        button.set_class_name("button primary");
        button.set_text_content(Some(&format!("{} / {}", Lang::Zh.texts().panic_reload, Lang::En.texts().panic_reload)));
        let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        if let Some(el) = button.dyn_ref::<web_sys::HtmlElement>() {
            el.set_onclick(Some(reload.as_ref().unchecked_ref()));
        }
        reload.forget();
        let _ = notice.append_child(&button);
    }
    let _ = body.append_child(&notice);
}
