use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    refund_assistant::cli::main(refund_assistant::cli::Cli::parse())
}
