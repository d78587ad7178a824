//! `/metrics` before anything happened: every series the program records is
//! on the page, with its `# HELP` and `# TYPE` and at zero, for each label
//! set known in advance; recording any of them later adds no series the page
//! did not show; and nothing in `src/` records a series outside that list.
//! (A test binary of its own: the recorder is per process, and nothing else
//! here records before the first scrape.)

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use refund_assistant::ops::{
    self, ApiError, ApiMethod, Counter, ReminderState, Series, Type, UpdateKind, UpdateOutcome,
};
use refund_assistant::store::{Store, sqlite_url};
use strum::IntoEnumIterator;

/// A sample's series: its name and its labels.
type Key = (String, BTreeMap<String, String>);

/// The page's `# HELP` and `# TYPE` lines and its samples.
struct Page {
    help: BTreeMap<String, String>,
    types: BTreeMap<String, String>,
    samples: BTreeMap<Key, f64>,
}

fn parse(text: &str) -> Page {
    let sample = regex::Regex::new(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$").expect("pattern");
    let label = regex::Regex::new(r#"([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)""#).expect("pattern");
    let mut page = Page {
        help: BTreeMap::new(),
        types: BTreeMap::new(),
        samples: BTreeMap::new(),
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(rest) = line.strip_prefix("# HELP ") {
            let (name, help) = rest.split_once(' ').unwrap_or((rest, ""));
            page.help.insert(name.to_owned(), help.to_owned());
        } else if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').unwrap_or((rest, ""));
            page.types.insert(name.to_owned(), kind.to_owned());
        } else if !line.starts_with('#') {
            let caps = sample
                .captures(line)
                .unwrap_or_else(|| panic!("not Prometheus text: {line}"));
            let labels = caps.get(2).map_or("", |m| m.as_str());
            let labels = label
                .captures_iter(labels)
                .map(|c| (c[1].to_owned(), c[2].to_owned()))
                .collect();
            let value: f64 = caps[3].parse().unwrap_or_else(|_| panic!("bad value: {line}"));
            page.samples.insert((caps[1].to_owned(), labels), value);
        }
    }
    page
}

async fn scrape(base: &str) -> Page {
    let resp = reqwest::get(format!("{base}/metrics"))
        .await
        .expect("GET /metrics");
    assert_eq!(resp.status(), 200);
    parse(&resp.text().await.expect("body"))
}

fn key(name: &str, set: &[(&str, &str)]) -> Key {
    let labels = set.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    (name.to_owned(), labels)
}

/// What the page must show for one label set of a series: the counter, or a
/// histogram's count and sum (its buckets are checked apart).
fn expected(s: Series, set: &[(&str, &str)]) -> Vec<Key> {
    match s.kind() {
        Type::Counter | Type::Gauge => vec![key(s.name(), set)],
        Type::Histogram => vec![
            key(&format!("{}_count", s.name()), set),
            key(&format!("{}_sum", s.name()), set),
        ],
    }
}

/// The names of the series recorded with the `metrics` macros in `src/`
/// outside `src/ops/series.rs` and `src/ops/record.rs` (none may be), and whether any macro there is
/// given a literal name instead of one from [`Series`].
fn macro_uses() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let call =
        regex::Regex::new(r#"\b(counter|histogram|gauge|describe_\w+)!\s*\(\s*("[^"]*")?"#).expect("pattern");
    let mut found = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read file");
            let own = path.ends_with("ops/series.rs") || path.ends_with("ops/record.rs");
            for c in call.captures_iter(&text) {
                if !own || c.get(2).is_some() {
                    found.push(format!("{}: {}", path.display(), &c[0]));
                }
            }
        }
    }
    found
}

#[tokio::test]
async fn every_series_is_on_the_page_at_zero_before_the_first_update() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::connect(&sqlite_url(&dir.path().join("m.db")))
        .await
        .expect("connect");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, ops::router(store)).await });

    let page = scrape(&base).await;
    for s in Series::iter() {
        assert_eq!(
            page.help.get(s.name()).map(String::as_str),
            Some(s.help()),
            "# HELP {}",
            s.name()
        );
        assert_eq!(
            page.types.get(s.name()).map(String::as_str),
            Some(s.kind().name()),
            "# TYPE {}",
            s.name()
        );
        let sets = s.label_sets();
        assert!(!sets.is_empty(), "{s:?}");
        for set in &sets {
            for k in expected(s, set) {
                assert_eq!(
                    page.samples.get(&k),
                    Some(&0.0),
                    "{k:?} at zero on:\n{:?}",
                    page.samples
                );
            }
        }
        if s.kind() == Type::Histogram {
            let bucket = format!("{}_bucket", s.name());
            let buckets: Vec<_> = page.samples.iter().filter(|((n, _), _)| *n == bucket).collect();
            assert!(buckets.len() > 1, "{bucket}: {buckets:?}");
            assert!(buckets.iter().all(|(_, v)| **v == 0.0), "{buckets:?}");
        }
    }
    // Labels of the updates' series, spelled out once: the page is what an
    // operator's dashboards are written against.
    for k in [
        key("refund_updates_total", &[("kind", "text"), ("outcome", "ok")]),
        key(
            "refund_updates_total",
            &[("kind", "button"), ("outcome", "refused")],
        ),
        key(
            "refund_bot_api_errors_total",
            &[("method", "sendMessage"), ("error", "retry_after")],
        ),
        key("refund_reminders_total", &[("state", "blocked")]),
        key("refund_updates_malformed_total", &[]),
    ] {
        assert_eq!(page.samples.get(&k), Some(&0.0), "{k:?}");
    }

    // Every recording helper with every value: no series the page did not
    // show at start.
    for kind in UpdateKind::iter() {
        for outcome in UpdateOutcome::iter() {
            ops::update(kind, outcome, Duration::from_millis(2));
        }
    }
    for method in ApiMethod::iter() {
        ops::api_call(method, None);
        for error in ApiError::iter() {
            ops::api_call(method, Some(error));
        }
    }
    for counter in Counter::iter() {
        ops::count(counter, 1);
    }
    for state in ReminderState::iter() {
        ops::reminders(state, 1);
    }
    ops::handoff_first_reply(Duration::from_secs(600));
    ops::handoffs_open(1);
    let after = scrape(&base).await;
    let ours = |p: &Page| -> BTreeSet<Key> {
        p.samples
            .keys()
            .filter(|(n, _)| n.starts_with("refund_"))
            .cloned()
            .collect()
    };
    assert_eq!(
        ours(&after),
        ours(&page),
        "series that were not on the page at start"
    );
    let moved = after
        .samples
        .iter()
        .filter(|(k, v)| k.0.starts_with("refund_") && !k.0.ends_with("_bucket") && **v == 0.0)
        .map(|(k, _)| k)
        .collect::<Vec<_>>();
    assert!(moved.is_empty(), "recorded but still at zero: {moved:?}");

    let direct = macro_uses();
    assert!(
        direct.is_empty(),
        "record through refund_assistant::ops (a series of ops::Series), not the metrics macros: {direct:?}"
    );
}
