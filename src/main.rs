use std::process::ExitCode;

/// A large scenario or manifest is millions of small values: mimalloc makes and frees them
/// in about half the time of the system allocator (`scripts/bench`, the 16 MB scenario).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ExitCode::from(tug::run(std::env::args_os()))
}
