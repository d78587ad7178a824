use std::process::ExitCode;

/// jemalloc rather than glibc's allocator: at 500 busy users it took about 9 %
/// less CPU a step and held a five-minute run at 841 steps/s against 648, with
/// peak memory about the same (README, Benchmark). Built with `--features
/// jemalloc` (the Docker image, the bot benchmark); the system's otherwise.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read before `main` (the `malloc_conf` of its manual;
/// `_RJEM_MALLOC_CONF` in the environment still overrides them): two arenas
/// rather than four per core, freed pages returned to the system at once and
/// not kept in between. Without them a busy bot held about 8 MiB more; with
/// a second's delay (`dirty_decay_ms:1000`, as before) 500 typing users
/// peaked at 79 MiB against 64-66 MiB returned at once, at the same pace
/// (60-s soaks, `benches/bot.rs`).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: Option<&'static std::ffi::c_char> =
    // SAFETY: a C string literal is NUL-terminated and lives for the whole program.
    Some(unsafe { &*c"narenas:2,dirty_decay_ms:0,muzzy_decay_ms:0".as_ptr() });

fn main() -> ExitCode {
    refund_assistant::cli::main_from_env()
}
