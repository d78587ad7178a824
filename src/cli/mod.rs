//! Command-line entry points: `quote`, `console`, `bot`, `migrate`.

pub mod quote;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "refund-assistant",
    version,
    about = "Estimates cloud server refunds under the providers' published rules"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Compute the expected refund of one case and print the breakdown.
    Quote(quote::QuoteArgs),
}

pub fn main(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Quote(args) => quote::run(args),
    }
}
