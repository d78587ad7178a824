//! Time and memory of one case picture: the SVG built from the case, then
//! drawn to PNG, for a rich case (a refund asked from support before the
//! National Day holiday, late, vouchers, gift balance and a deduction) in
//! both languages. Peak memory is the heap this process holds while one
//! picture is made (a counting allocator), and the process's peak RSS.
//! `cargo bench --bench picture` (`-- --quick` for a short run; `-- --out
//! DIR` also writes the two pictures there).

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use refund_assistant::case::{CaseData, CaseStatus, CaseView, ContactView, Draft, EventView};
use refund_assistant::input::parse_instance_id;
use refund_assistant::picture::{Order, Painter};
use refund_assistant::policy::calendar::Calendar;
use refund_assistant::policy::{Billing, Overage, Profile, ProfileId, RequestKind, assess};
use refund_assistant::render::{Lang, Renderer};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The system allocator, counting the bytes held and their peak.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn sh(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("a Shanghai time")
        .with_timezone(&Utc)
}

/// A monthly UCloud host bought on 15 September 2026: ¥800 paid (¥200 of it
/// gift balance) and ¥50 in vouchers, 20 GB over its traffic plan, deleted
/// on the 25th, the refund asked from support on the 28th; support was
/// contacted on 9 October and has not answered on the 13th.
fn rich_case() -> CaseView {
    let draft = Draft {
        billing: Some(Billing::Monthly),
        instance: parse_instance_id("uhost-7fq2m9xk").ok(),
        start: Some(sh(2026, 9, 15, 0)),
        end: Some(sh(2026, 10, 15, 0)),
        paid: Some("800".parse().expect("amount")),
        voucher: Some("50".parse().expect("amount")),
        gift: Some("200".parse().expect("amount")),
        overage: Some(Some(Overage {
            quota: "100".parse().expect("amount"),
            used: "120".parse().expect("amount"),
            unit_price: "0.8".parse().expect("amount"),
            unit: Some("GB".into()),
        })),
        delete_at: Some(sh(2026, 9, 25, 10)),
        request: Some(RequestKind::Requested),
        ..Draft::default()
    };
    let facts = draft.facts().expect("complete");
    let cal = Calendar::china();
    let asked = sh(2026, 9, 28, 10);
    let a = assess(&facts, Profile::load(ProfileId::Ucloud), &cal, asked).expect("a quote");
    CaseView {
        number: 4,
        status: CaseStatus::Submitted,
        data: CaseData {
            draft,
            assessment: Some(a),
            submitted_at: Some(asked),
            ..CaseData::default()
        },
        events: vec![EventView {
            status: CaseStatus::Submitted,
            at: asked,
            note: None,
        }],
        contacts: vec![ContactView {
            at: sh(2026, 10, 9, 15),
            agent: String::new(),
            said: String::new(),
        }],
        created_at: asked,
    }
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// The process's peak resident set (VmHWM), in MiB, where /proc says it.
fn peak_rss() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1));
    let rounds = if quick { 5 } else { 40 };
    let renderer = Arc::new(Renderer::new().expect("templates"));
    let started = Instant::now();
    let painter = Painter::load(None, renderer, Arc::new(Calendar::china())).expect("the shipped font");
    let load_ms = started.elapsed().as_secs_f64() * 1e3;
    let case = rich_case();
    println!("painter (font and templates) ready in {load_ms:.1} ms; {rounds} rounds a language");
    println!("| picture | size px | PNG KiB | SVG ms | SVG + PNG ms (mean) | max ms | heap peak MiB |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for (lang, name) in [(Lang::ZhCn, "zh-CN"), (Lang::En, "en")] {
        let order = Order {
            case: case.clone(),
            now: sh(2026, 10, 13, 10),
            lang,
            estimate: false,
        };
        let t = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(painter.svg(&order));
        }
        let svg_ms = t.elapsed().as_secs_f64() * 1e3 / rounds as f64;
        let (mut total, mut worst, mut heap) = (0.0, 0.0f64, 0usize);
        let mut last = None;
        for _ in 0..rounds {
            let before = HELD.load(Ordering::Relaxed);
            PEAK.store(before, Ordering::Relaxed);
            let t = Instant::now();
            let pic = painter.draw(&order).expect("a picture");
            let ms = t.elapsed().as_secs_f64() * 1e3;
            heap = heap.max(PEAK.load(Ordering::Relaxed) - before);
            total += ms;
            worst = worst.max(ms);
            last = Some(pic);
        }
        let pic = last.expect("drawn");
        println!(
            "| {name} | {}×{} | {:.0} | {svg_ms:.2} | {:.1} | {worst:.1} | {:.1} |",
            pic.width,
            pic.height,
            pic.png.len() as f64 / 1024.0,
            total / rounds as f64,
            mib(heap)
        );
        if let Some(dir) = out {
            let path = std::path::Path::new(dir).join(format!("refund-case-4-{name}.png"));
            std::fs::create_dir_all(dir).expect("the folder");
            std::fs::write(&path, &pic.png).expect("written");
            println!("  wrote {} (caption: {})", path.display(), pic.caption);
        }
    }
    if let Some(rss) = peak_rss() {
        println!("peak RSS of this process: {rss:.1} MiB");
    }
}
