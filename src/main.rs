use std::process::ExitCode;

fn main() -> ExitCode {
    refund_assistant::cli::main_from_env()
}
