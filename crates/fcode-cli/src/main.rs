//! `fcode-recon`: the reconciliation engine as a command line (SPEC 5).
//! Exit 0 on success (exceptions found are still success), 2 with a one-line
//! reason on unusable input.

mod args;
mod generate;
mod reconcile;

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

fn main() -> ExitCode {
    let matches = args::Cli::command().get_matches();
    let cli = match args::Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        args::Command::Reconcile(a) => {
            let order = matches
                .subcommand_matches("reconcile")
                .map(args::platform_order)
                .unwrap_or_default();
            reconcile::run(&a, &order)
        }
        args::Command::Generate(g) => generate::run(&g),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            // One line: newlines in a reason would break log parsing.
            eprintln!("fcode-recon: {}", reason.replace(['\n', '\r'], " "));
            ExitCode::from(2)
        }
    }
}
