//! The engine's Web Worker (Trunk `data-type="worker"`): parsing and
//! reconciliation run here, never on the page's thread.

fn main() {
    fcode_recon_app::worker::runtime::run();
}
