//! Command-line arguments.

use clap::{ArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "fcode-recon",
    version,
    about = "券码对账: reconcile Taobao Movie F-codes against the issuance list"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Reconcile platform data against the issuance list and write the report.
    Reconcile(ReconcileArgs),
    /// Write a deterministic synthetic data set (platform pages + issued.csv),
    /// for benchmarks and demos.
    Generate(GenerateArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Yuan,
    Fen,
}

#[derive(clap::Args, Debug)]
pub struct ReconcileArgs {
    /// Platform files from ALL (full) pulls; format recognised from content.
    #[arg(long, num_args = 1.., value_name = "FILE", action = clap::ArgAction::Append)]
    pub platform: Vec<PathBuf>,
    /// Platform files from CONSUME (redemption) pulls.
    #[arg(long, num_args = 1.., value_name = "FILE", action = clap::ArgAction::Append)]
    pub consume: Vec<PathBuf>,
    /// The issuance list (CSV/TSV in UTF-8 or GBK, or XLSX).
    #[arg(long, required = true, num_args = 1.., value_name = "FILE", action = clap::ArgAction::Append)]
    pub issued: Vec<PathBuf>,
    /// Map an issuance field to a column: field=header text or 1-based number.
    #[arg(long = "map", value_name = "FIELD=COLUMN", action = clap::ArgAction::Append)]
    pub map: Vec<String>,
    /// Unit of face values in the issuance list (default: the header's unit, else yuan).
    #[arg(long, value_enum)]
    pub face_value_unit: Option<Unit>,
    /// Sheet of an XLSX issuance list (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Settlement period FROM..TO (dates, Beijing time; TO exclusive).
    #[arg(long, value_name = "FROM..TO")]
    pub period: Option<String>,
    /// Write the report JSON here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Write detail rows (CSV, UTF-8 with BOM).
    #[arg(long, value_name = "FILE")]
    pub details: Option<PathBuf>,
    /// Write exception rows (CSV, UTF-8 with BOM).
    #[arg(long, value_name = "FILE")]
    pub exceptions: Option<PathBuf>,
    /// Write the XLSX workbook (summary, exceptions, details).
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct GenerateArgs {
    #[arg(long, default_value_t = 10_000)]
    pub codes: u64,
    #[arg(long, default_value_t = 4)]
    pub batches: u32,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long, default_value_t = 1000)]
    pub page_size: u32,
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// A platform file and whether it is a CONSUME pull, in command-line order
/// (files given first are loaded first; on a tie the later one wins).
#[derive(Clone, Debug, Default)]
pub struct PlatformOrder(pub Vec<(usize, bool)>);

pub fn platform_order(m: &ArgMatches) -> PlatformOrder {
    let mut v: Vec<(usize, bool, usize)> = Vec::new();
    for (id, consume) in [("platform", false), ("consume", true)] {
        if let Some(idx) = m.indices_of(id) {
            for (k, pos) in idx.enumerate() {
                v.push((pos, consume, k));
            }
        }
    }
    v.sort_by_key(|(pos, _, _)| *pos);
    PlatformOrder(v.into_iter().map(|(_, c, k)| (k, c)).collect())
}
