//! `fcode-recon generate`: write the deterministic synthetic data set.

use crate::args::GenerateArgs;
use fcode_core::generator::{GenOptions, generate};
use fcode_core::model::PullType;

pub fn run(g: &GenerateArgs) -> Result<(), String> {
    std::fs::create_dir_all(&g.out)
        .map_err(|e| format!("{}: cannot create: {e}", g.out.display()))?;
    let data = generate(&GenOptions {
        codes: g.codes,
        batches: g.batches,
        seed: g.seed,
        page_size: g.page_size,
    });
    let mut consume = Vec::new();
    let mut all = Vec::new();
    for f in data.platform.iter().chain(std::iter::once(&data.issued)) {
        let path = g.out.join(&f.name);
        std::fs::write(&path, &f.bytes)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        if f.name != data.issued.name {
            if f.pull == PullType::Consume {
                consume.push(f.name.clone())
            } else {
                all.push(f.name.clone())
            }
        }
    }
    // Tell the user how to reconcile what was written.
    println!(
        "fcode-recon reconcile --platform {} {} --issued {}",
        all.join(" "),
        if consume.is_empty() {
            String::new()
        } else {
            format!("--consume {}", consume.join(" "))
        },
        data.issued.name
    );
    Ok(())
}
