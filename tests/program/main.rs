//! The program as it is run: the binary's console and `quote`, `reminders`
//! and file commands, a database outage under a running console, and the
//! deployment files. One test binary, one module per area.

#[path = "../clouds/mod.rs"]
mod clouds;
#[path = "../common/mod.rs"]
mod common;
#[path = "../support/console.rs"]
mod console;

mod console_faults;
mod console_session;
mod deploy;
mod evidence_console;
mod journeys;
mod outage;
mod quote_cli;
mod quote_clouds;
mod quote_clouds_exact;
mod quote_products;
mod quote_tencent;
mod reminders_cli;
mod store_files;
