//! `refund-assistant console`: the conversation in a terminal. Buttons print
//! as numbered options; type the number or the label. Works with piped
//! stdin: each line is one message, output is flushed after each reply, and
//! the end of input ends the session.

use super::console_files as files;
use super::startup;
use crate::app::{App, Message, Response};
use crate::render::{Renderer, plain};
use crate::store::UserKey;
use clap::Args;
use futures_util::StreamExt;
use serde_json::json;
use std::path::PathBuf;
use tokio_util::codec::{AnyDelimiterCodec, AnyDelimiterCodecError, FramedRead};

#[derive(Args, Debug, Clone, Default)]
pub struct ConsoleArgs {
    /// Language for a new conversation: zh-CN (default) or en
    #[arg(long)]
    pub lang: Option<String>,
    /// Database: a SQLite file path or a postgres:// URL (default: DATABASE_URL, else a per-user SQLite file)
    #[arg(long)]
    pub db: Option<String>,
    /// Folder for `/export N` documents (default: `exports/` beside the
    /// SQLite file, or in the default data folder)
    #[arg(long)]
    pub export_dir: Option<PathBuf>,
    /// Folder for evidence files (default: `evidence/` beside the SQLite file,
    /// or in the default data folder)
    #[arg(long, env = "EVIDENCE_DIR")]
    pub evidence_dir: Option<PathBuf>,
    /// Print each line read before its reply (a scripted session's transcript)
    #[arg(long)]
    pub echo: bool,
    /// A font file for the case picture instead of the shipped one (see `bot --help`)
    #[arg(long, env = "PICTURE_FONT")]
    pub picture_font: Option<PathBuf>,
    /// Start the clock at this moment (RFC 3339) instead of now: a scripted
    /// session set on a given day
    #[arg(long, hide = true)]
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Keep the clock at --now: a scripted session's figures do not move
    /// with how long the machine took to run it
    #[arg(long, hide = true, requires = "now")]
    pub frozen: bool,
}

/// The console user: one local user, so two runs on the same database
/// continue the same conversation.
pub fn console_user() -> UserKey {
    UserKey::new("console", 1)
}

const CHAT: i64 = 1;

/// The longest line read from stdin, in bytes. A longer one is not kept in
/// memory: the rest of it is read and dropped, and the user told it was cut.
pub const MAX_LINE: usize = 64 * 1024;

/// Print a response; the buttons are numbered `[1]`, or `[#1]` when the
/// question takes an amount (then a bare number is the amount).
fn show(out: &mut impl std::io::Write, renderer: &Renderer, r: &Response, export: &Export) -> Vec<String> {
    let export_dir = export.dir.as_path();
    let mut ids = Vec::new();
    let mark = if r.takes_amount { "#" } else { "" };
    for reply in &r.replies {
        let _ = writeln!(out, "{}", reply.plain());
        for row in &reply.buttons {
            let line: Vec<String> = row
                .iter()
                .map(|(id, label)| {
                    ids.push(id.clone());
                    format!("[{mark}{}] {label}", ids.len())
                })
                .collect();
            let _ = writeln!(out, "  {}", line.join("  "));
        }
        let _ = writeln!(out);
    }
    // "[#1]": a bare number here is the amount; the note says how to press.
    if r.takes_amount && !ids.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            plain(&renderer.text(r.lang, "console.amount_buttons", json!({})))
        );
    }
    if r.deleted {
        let files = files::exported_files(export_dir);
        if !files.is_empty() {
            let vars = json!({ "dir": export_dir.display().to_string(), "files": files });
            // Named by full path, each: they are the user's to remove.
            let _ = writeln!(
                out,
                "{}\n",
                plain(&renderer.text(r.lang, "guard.deleted_exports", vars))
            );
        }
    }
    let _ = out.flush();
    ids
}

/// Where `/export` documents go, and the clock that names them.
struct Export {
    dir: PathBuf,
    clock: crate::app::Clock,
}

/// A notice of the console's own, on its own line.
fn notice(
    out: &mut impl std::io::Write,
    renderer: &Renderer,
    r: &Response,
    key: &str,
    vars: serde_json::Value,
) {
    let _ = writeln!(out, "{}\n", plain(&renderer.text(r.lang, key, vars)));
}

/// What a response leaves on disk: an export's document with its picture
/// beside it, and a case view's picture (`refund-case-N.png`); each path said.
async fn write_files(
    out: &mut impl std::io::Write,
    app: &App,
    user: &UserKey,
    r: &Response,
    export: &Export,
) {
    let dir = export.dir.as_path();
    if let Some(order) = r.picture.as_ref().filter(|o| !o.estimate) {
        let drawn = match app.draw_later(order) {
            Some(job) => job.await.ok().flatten(),
            None => None,
        };
        if let Some(p) = drawn {
            let name = format!("refund-case-{}.png", order.case.number);
            match files::write_over(dir, &name, &p.png) {
                Ok(path) => notice(
                    out,
                    &app.renderer,
                    r,
                    "console.picture",
                    json!({ "path": path.display().to_string() }),
                ),
                Err(e) => notice(
                    out,
                    &app.renderer,
                    r,
                    "console.picture_failed",
                    json!({ "path": dir.join(&name).display().to_string(), "error": e.to_string() }),
                ),
            }
        }
    }
    let Some((n, doc)) = &r.export else {
        let _ = out.flush();
        return;
    };
    let stamp = (export.clock)()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y%m%d-%H%M");
    let base = files::free_base(dir, &format!("refund-case-{n}-{stamp}"));
    let (md, png) = (format!("{base}.md"), format!("{base}.png"));
    // The document shows the case picture written beside it.
    let picture = app.case_picture(user, *n, r.lang).await.ok().flatten();
    let embedded = match &picture {
        Some(p) => app
            .export(user, *n, r.lang, Some((&png, &p.caption)))
            .await
            .ok()
            .flatten(),
        None => None,
    };
    let doc = embedded.as_deref().unwrap_or(doc);
    match files::write_new(dir, &md, doc.as_bytes()) {
        Ok(path) => notice(
            out,
            &app.renderer,
            r,
            "console.exported",
            json!({ "path": path.display().to_string() }),
        ),
        Err(e) => notice(
            out,
            &app.renderer,
            r,
            "console.export_failed",
            json!({ "path": dir.join(&md).display().to_string(), "error": e.to_string() }),
        ),
    }
    if let Some(p) = picture {
        match files::write_new(dir, &png, &p.png) {
            Ok(path) => notice(
                out,
                &app.renderer,
                r,
                "console.picture",
                json!({ "path": path.display().to_string() }),
            ),
            Err(e) => notice(
                out,
                &app.renderer,
                r,
                "console.picture_failed",
                json!({ "path": dir.join(&png).display().to_string(), "error": e.to_string() }),
            ),
        }
    }
    let _ = out.flush();
}

/// The button a typed number stands for: `#2` always, `2` unless the question
/// takes an amount.
fn button_number(text: &str, amount: bool) -> Option<usize> {
    match text.strip_prefix('#') {
        // "#1 实付那2000都是现金": the number marked as an option, then words.
        Some(n) => {
            let digits = n.trim_start().bytes().take_while(u8::is_ascii_digit).count();
            let n = n.trim_start();
            let rest = &n[digits..];
            let apart = rest.is_empty()
                || rest.starts_with(|c: char| c.is_whitespace() || "，,。.：:、-—".contains(c));
            apart.then(|| n[..digits].parse().ok()).flatten()
        }
        None if amount => None,
        None => text.parse().ok(),
    }
}

/// Runs the console on stdin/stdout until the end of input.
/// The path of `/attach PATH` (the console's own command).
fn attach_arg(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("/attach")?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim())
        .filter(|p| !p.is_empty())
}

/// Copies the file into the evidence store, for the conversation to attach.
fn attach(app: &App, user: &UserKey, path: &str) -> std::io::Result<crate::case::Incoming> {
    let path = std::path::Path::new(path);
    crate::store::attach_local(app.store.evidence(), user, path, (app.clock)())
}

pub async fn run(args: ConsoleArgs, url: String) -> anyhow::Result<()> {
    let hint = args.lang.as_deref();
    let lang = hint.and_then(|l| l.parse().ok()).unwrap_or_default();
    let store = startup::connect_with_retry(&url, startup::START_PATIENCE, lang, |line| {
        eprintln!("{line}");
    })
    .await?;
    let store = match &args.evidence_dir {
        Some(dir) => store.with_evidence_dir(dir),
        None => store,
    };
    let clock = match args.now {
        Some(t) if args.frozen => {
            let at = t.with_timezone(&chrono::Utc);
            std::sync::Arc::new(move || at)
        }
        Some(t) => App::clock_from(t.with_timezone(&chrono::Utc)),
        None => App::system_clock(),
    };
    let export_dir = args
        .export_dir
        .clone()
        .unwrap_or_else(|| crate::store::default_export_dir(&url));
    let export = Export {
        dir: std::path::absolute(&export_dir).unwrap_or(export_dir),
        clock: clock.clone(),
    };
    let app = App::new(store, clock)?.with_picture_font(args.picture_font.as_deref());
    let user = console_user();
    let mut stdout = std::io::stdout();
    let first = app.handle(&user, CHAT, None, hint, Message::Resume).await?;
    let mut ids = Vec::new();
    let mut amount = false;
    // The language the conversation speaks (for the console's own notices).
    let mut said_in: crate::render::Lang = lang;
    if let Some(r) = first {
        said_in = r.lang;
        amount = r.takes_amount;
        ids = show(&mut stdout, &app.renderer, &r, &export);
        write_files(&mut stdout, &app, &user, &r, &export).await;
        // An explicit --lang switches a returning conversation too.
        let wanted = hint.and_then(|l| l.parse::<crate::render::Lang>().ok());
        if let Some(l) = wanted.filter(|l| *l != r.lang) {
            let id = format!("lang:{}", l.code());
            if let Some(r) = app.handle(&user, CHAT, None, hint, Message::Button(id)).await? {
                said_in = r.lang;
                amount = r.takes_amount;
                ids = show(&mut stdout, &app.renderer, &r, &export);
                write_files(&mut stdout, &app, &user, &r, &export).await;
            }
        }
    }
    // Reminders that came due while the console was closed, before anything
    // the user types (they are marked sent as they are shown).
    if let Some(r) = app.due_on_open(&user, CHAT).await? {
        said_in = r.lang;
        amount = r.takes_amount;
        ids = show(&mut stdout, &app.renderer, &r, &export);
        write_files(&mut stdout, &app, &user, &r, &export).await;
    }
    // Lines of at most MAX_LINE bytes; the codec drops the rest of a longer
    // one itself, keeping no more than that in memory.
    let codec = AnyDelimiterCodec::new_with_max_length(b"\n".to_vec(), Vec::new(), MAX_LINE);
    let mut input = FramedRead::new(tokio::io::stdin(), codec);
    // After an error the stream ends once (tokio-rs/tokio#3976), then reads on.
    let mut resume = false;
    loop {
        let read = match input.next().await {
            Some(read) => read,
            None if std::mem::take(&mut resume) => continue,
            None => break,
        };
        let buf = match read {
            Ok(buf) => buf,
            Err(AnyDelimiterCodecError::MaxChunkLengthExceeded) => {
                resume = true;
                use std::io::Write as _;
                let vars = json!({ "kb": MAX_LINE / 1024 });
                let notice = plain(&app.renderer.text(said_in, "console.line_cut", vars));
                let _ = writeln!(stdout, "{notice}\n");
                let _ = stdout.flush();
                continue;
            }
            Err(AnyDelimiterCodecError::Io(e)) => return Err(e.into()),
        };
        // A line that is not UTF-8 is read with its bad bytes replaced, not
        // allowed to end the session.
        let line = String::from_utf8_lossy(&buf);
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        if args.echo {
            use std::io::Write as _;
            let echo = app
                .renderer
                .text(said_in, "console.echo", json!({ "text": text }));
            let _ = writeln!(stdout, "{}", plain(&echo));
        }
        let msg = match button_number(text, amount) {
            Some(k) if k >= 1 && k <= ids.len() => Message::Button(ids[k - 1].clone()),
            _ => match attach_arg(text) {
                Some(path) => match attach(&app, &user, path) {
                    Ok(f) => Message::File(f),
                    Err(e) => {
                        use std::io::Write as _;
                        let vars = json!({ "path": path, "error": e.to_string() });
                        let notice = plain(&app.renderer.text(said_in, "console.attach_failed", vars));
                        let _ = writeln!(stdout, "{notice}\n");
                        let _ = stdout.flush();
                        continue;
                    }
                },
                None => Message::Text(text.to_owned()),
            },
        };
        if let Some(r) = app.handle(&user, CHAT, None, hint, msg).await? {
            said_in = r.lang;
            let shown = show(&mut stdout, &app.renderer, &r, &export);
            write_files(&mut stdout, &app, &user, &r, &export).await;
            // Nothing was saved: the question and its buttons still stand.
            if !r.unsaved {
                amount = r.takes_amount;
                ids = shown;
            }
        }
    }
    app.store.close().await;
    Ok(())
}
