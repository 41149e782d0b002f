//! fcode-recon in the browser: mounts the Leptos app.

use fcode_recon_app::{App, panic_screen};

fn main() {
    panic_screen::install();
    leptos::mount::mount_to_body(App);
}
