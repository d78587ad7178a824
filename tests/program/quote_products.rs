//! The products with rules of their own through the `quote` command:
//! `--product ulhost | cross-border | lighthouse | lighthouse-disk`, or the
//! product read from the instance ID's prefix (`lhins-`, `ulhost-`), in both
//! languages, with the published examples to the cent.

use crate::clouds::{codes, json, run, text};

const ULHOST_68: [&str; 10] = [
    "--billing",
    "monthly",
    "--paid",
    "68",
    "--start",
    "2026-03-01 00:00",
    "--period",
    "2 months",
    "--at",
    "2026-03-10 12:00",
];

fn with<'a>(base: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    base.iter().chain(more).copied().collect()
}

#[test]
fn ulhost_by_product_refunds_51_in_both_languages_naming_the_deleted_page() {
    let v = json(&with(&ULHOST_68, &["--product", "ulhost"]));
    assert_eq!(v["refund"], "51.00", "{v:#}");
    assert_eq!(v["policy"], "ulhost");
    assert!(codes(&v).contains(&"ulhost_page_deleted".to_owned()));
    let zh = text(&with(&ULHOST_68, &["--product", "ulhost"]));
    assert!(
        zh.contains("¥51.00") && zh.contains("2026-06-03") && zh.contains("1.5倍"),
        "{zh}"
    );
    let en = text(&with(&ULHOST_68, &["--product", "ulhost", "--lang", "en"]));
    assert!(
        en.contains("¥51.00") && en.contains("deleted on 2026-06-03"),
        "{en}"
    );
}

#[test]
fn an_ulhost_id_picks_the_ulhost_rules() {
    let v = json(&with(&ULHOST_68, &["--instance", "ulhost-1tregne0qp7u"]));
    assert_eq!(v["policy"], "ulhost", "{v:#}");
    assert_eq!(v["refund"], "51.00");
}

#[test]
fn a_cross_border_host_refunds_nothing_and_says_why() {
    let v = json(&with(&ULHOST_68, &["--product", "cross-border"]));
    assert_eq!(v["refund"], "0.00", "{v:#}");
    assert!(codes(&v).contains(&"cross_border_no_refund".to_owned()));
    let en = text(&with(&ULHOST_68, &["--product", "cross-border", "--lang", "en"]));
    assert!(en.contains("cross-border"), "{en}");
}

const LIGHTHOUSE: [&str; 12] = [
    "--billing",
    "yearly",
    "--start",
    "2026-01-01 10:00",
    "--period",
    "1 year",
    "--at",
    "2026-01-31 10:00",
    "--first-refund",
    "no",
    "--lang",
    "en",
];

#[test]
fn lighthouse_from_its_lhins_id_refunds_829_23_and_the_disk_276_41() {
    let v = json(&with(
        &LIGHTHOUSE,
        &[
            "--instance",
            "lhins-g4bwdjbf",
            "--paid",
            "918",
            "--list-price",
            "1080",
        ],
    ));
    assert_eq!(v["policy"], "lighthouse", "{v:#}");
    assert_eq!(v["provider"], "tencent");
    assert_eq!(v["refund"], "829.23");
    let v = json(&with(
        &LIGHTHOUSE,
        &[
            "--product",
            "lighthouse-disk",
            "--paid",
            "306",
            "--list-price",
            "360",
        ],
    ));
    assert_eq!(v["refund"], "276.41", "{v:#}");
    let zh: Vec<&str> = with(
        &LIGHTHOUSE,
        &["--product", "lighthouse", "--paid", "918", "--list-price", "1080"],
    )
    .into_iter()
    .filter(|a| *a != "--lang" && *a != "en")
    .collect();
    let out = text(&zh);
    assert!(out.contains("¥829.23") && out.contains("订单原价"), "{out}");
}

#[test]
fn lighthouse_without_its_list_price_asks_for_it_and_gives_no_figure() {
    let v = json(&with(&LIGHTHOUSE, &["--product", "lighthouse", "--paid", "918"]));
    assert_eq!(v["refund"], serde_json::Value::Null, "{v:#}");
    assert!(codes(&v).contains(&"list_price_needed".to_owned()));
}

#[test]
fn an_unknown_product_or_a_provider_profile_as_product_is_refused() {
    for bad in ["lhins", "tencent"] {
        let out = run(&with(&ULHOST_68, &["--product", bad]));
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--product") && err.contains("lighthouse-disk"),
            "{err}"
        );
    }
}
