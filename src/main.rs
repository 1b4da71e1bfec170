use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(tug::run(std::env::args_os()))
}
