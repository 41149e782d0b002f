//! `fcode-proxy serve | simulate`. See README.md beside Cargo.toml.

use std::process::ExitCode;

use clap::Parser;

use fcode_proxy::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    fcode_proxy::logging::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("fcode-proxy: cannot start the async runtime: {error}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(fcode_proxy::run::run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("fcode-proxy: {message}");
            ExitCode::from(2)
        }
    }
}
