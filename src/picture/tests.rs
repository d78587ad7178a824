//! The picture of a case: what its SVG says in each language, the PNG it
//! becomes, the font that draws it, the caption that describes it.

use super::*;
use crate::case::{CaseData, CaseStatus, Draft, EventView};
use crate::input::parse_instance_id;
use crate::policy::{Billing, Profile, ProfileId, assess};
use chrono::{NaiveDate, TimeZone};
use chrono_tz::Asia::Shanghai;
use rust_decimal::Decimal;

fn sh(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Shanghai
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("a Shanghai time")
        .with_timezone(&Utc)
}

fn money(s: &str) -> Decimal {
    s.parse().expect("an amount")
}

fn painter() -> Painter {
    let renderer = Arc::new(Renderer::new().expect("templates"));
    Painter::load(None, renderer, Arc::new(Calendar::china())).expect("the shipped font")
}

/// The README's worked example: a monthly host, ¥800, deleted after ten
/// days, a refund asked for from support on the same day.
fn case(status: CaseStatus) -> CaseView {
    let draft = Draft {
        billing: Some(Billing::Monthly),
        instance: parse_instance_id("uhost-1a2b3c4d").ok(),
        start: Some(sh(2026, 3, 1, 0)),
        end: Some(sh(2026, 3, 31, 0)),
        paid: Some(money("800")),
        voucher: Some(money("50")),
        delete_at: Some(sh(2026, 3, 11, 0)),
        request: Some(crate::policy::RequestKind::Requested),
        ..Draft::default()
    };
    let facts = draft.facts().expect("a complete draft");
    let cal = Calendar::china();
    let a = assess(
        &facts,
        Profile::load(ProfileId::Ucloud),
        &cal,
        sh(2026, 3, 11, 10),
    )
    .expect("a quote");
    CaseView {
        number: 3,
        status,
        data: CaseData {
            draft,
            assessment: Some(a),
            submitted_at: Some(sh(2026, 3, 11, 10)),
            ..CaseData::default()
        },
        events: vec![EventView {
            status,
            at: sh(2026, 3, 11, 10),
            note: None,
        }],
        contacts: vec![],
        created_at: sh(2026, 3, 11, 10),
    }
}

fn order(lang: Lang, now: DateTime<Utc>) -> Order {
    Order {
        case: case(CaseStatus::Submitted),
        now,
        lang,
        estimate: false,
    }
}

fn cjk(c: char) -> bool {
    ('\u{2E80}'..='\u{9FFF}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
}

#[test]
fn the_chinese_picture_carries_every_amount_and_date_and_no_english() {
    let p = painter();
    let d = p.svg(&order(Lang::ZhCn, sh(2026, 3, 13, 9)));
    let all = d.texts.join("\n");
    for amount in ["¥800.00", "¥400.00", "¥50.00"] {
        assert!(all.contains(amount), "{amount} missing:\n{all}");
    }
    // Bought, deleted and asked for, the review's window, the order's end.
    for day in [
        "2026年3月1日",
        "2026年3月11日",
        "2026年3月12日",
        "2026年3月16日",
        "2026年3月31日",
    ] {
        assert!(all.contains(day), "{day} missing:\n{all}");
    }
    assert!(all.contains("预计退款") && all.contains("案例 #3"), "{all}");
    let words: Vec<&str> = all
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1)
        .filter(|w| !["UCloud", "uhost"].contains(w))
        .collect();
    assert!(words.is_empty(), "English in the Chinese picture: {words:?}");
    assert!(!all.contains("[picture."), "a label did not render:\n{all}");
}

#[test]
fn the_english_picture_has_no_chinese_and_the_same_figures() {
    let p = painter();
    let d = p.svg(&order(Lang::En, sh(2026, 3, 13, 9)));
    let all = d.texts.join("\n");
    let chinese: String = all.chars().filter(|c| cjk(*c)).collect();
    assert!(
        chinese.is_empty(),
        "Chinese in the English picture: {chinese}\n{all}"
    );
    for text in [
        "¥800.00",
        "¥400.00",
        "Sun 1 Mar 2026",
        "Wed 11 Mar 2026",
        "Expected refund",
        "Case #3",
    ] {
        assert!(all.contains(text), "{text} missing:\n{all}");
    }
}

#[test]
fn an_overdue_review_is_drawn_in_red_and_said() {
    let p = painter();
    let d = p.svg(&order(Lang::En, sh(2026, 3, 24, 9)));
    assert!(
        d.texts.iter().any(|t| t.starts_with("Overdue by")),
        "{:?}",
        d.texts
    );
    assert!(d.svg.contains(super::svg::colour::VERMILLION));
    let on_time = p.svg(&order(Lang::En, sh(2026, 3, 12, 9)));
    assert!(!on_time.texts.iter().any(|t| t.starts_with("Overdue")));
    assert!(!on_time.svg.contains(super::svg::colour::VERMILLION));
}

#[test]
fn the_png_decodes_to_the_promised_width_and_its_height() {
    let p = painter();
    let pic = p.draw(&order(Lang::ZhCn, sh(2026, 3, 13, 9))).expect("a picture");
    let decoded = resvg::tiny_skia::Pixmap::decode_png(&pic.png).expect("a PNG");
    assert_eq!((decoded.width(), decoded.height()), (pic.width, pic.height));
    assert_eq!(pic.width, WIDTH as u32);
    assert!(pic.height > pic.width, "{}", pic.height);
    // Drawn, not blank: some pixels are dark (the text).
    let dark = decoded
        .pixels()
        .iter()
        .filter(|p| p.red() < 80 && p.alpha() > 200)
        .count();
    assert!(dark > 10_000, "{dark}");
}

#[test]
fn drawn_in_bands_it_is_the_picture_drawn_whole() {
    let p = painter();
    for lang in [Lang::ZhCn, Lang::En] {
        let o = order(lang, sh(2026, 3, 13, 9));
        let pic = p.draw(&o).expect("a picture");
        let banded = resvg::tiny_skia::Pixmap::decode_png(&pic.png).expect("a PNG");
        let whole = p.raster.whole(&p.svg(&o).svg);
        assert_eq!((banded.width(), banded.height()), (whole.width(), whole.height()));
        let channels = |p: &resvg::tiny_skia::PremultipliedColorU8| [p.red(), p.green(), p.blue()];
        let most = banded
            .pixels()
            .iter()
            .zip(whole.pixels())
            .flat_map(|(a, b)| channels(a).into_iter().zip(channels(b)))
            .map(|(a, b)| a.abs_diff(b))
            .max();
        let differ = banded
            .pixels()
            .iter()
            .zip(whole.pixels())
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(
            most,
            Some(0),
            "{lang:?}: {differ} pixels differ, by up to {most:?} levels"
        );
    }
}

#[test]
fn every_character_a_picture_template_prints_is_in_the_shipped_font() {
    let renderer = Renderer::new().expect("templates");
    let cal = Calendar::china();
    let needed = characters(&renderer, &cal.holiday_names());
    let missing = Font::shipped().missing(&needed);
    assert!(
        missing.is_empty(),
        "the shipped font lacks {missing:?}: run fonts/subset.py (README, \"The case at a glance\")"
    );
    // The holiday names and the money sign are among them.
    assert!(needed.contains("国庆节") && needed.contains('¥'));
}

#[test]
fn a_font_that_cannot_be_read_is_no_font_or_lacks_a_character_is_refused() {
    let dir = std::env::temp_dir().join(format!("picture-font-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let missing = dir.join("missing.otf");
    let renderer = Arc::new(Renderer::new().expect("templates"));
    let cal = Arc::new(Calendar::china());
    let err = Painter::load(Some(&missing), renderer.clone(), cal.clone()).err();
    assert!(matches!(err, Some(FontError::Read { .. })), "{err:?}");
    let junk = dir.join("junk.otf");
    std::fs::write(&junk, b"not a font").expect("written");
    let err = Painter::load(Some(&junk), renderer, cal).err();
    assert!(matches!(err, Some(FontError::Invalid { .. })), "{err:?}");
    // A character no label prints is not in the shipped subset: a font
    // without one the labels need is refused the same way.
    let err = Font::load(None, "退款龘").err();
    assert!(
        matches!(&err, Some(FontError::Missing { missing, .. }) if missing == "龘"),
        "{err:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_caption_describes_the_picture_in_its_language() {
    let p = painter();
    let zh = p.caption(&order(Lang::ZhCn, sh(2026, 3, 13, 9)));
    assert!(
        zh.contains("实付 ¥800.00") && zh.contains("预计退款 ¥400.00"),
        "{zh}"
    );
    assert!(zh.contains("2026年3月16日"), "the next date: {zh}");
    let en = p.caption(&order(Lang::En, sh(2026, 3, 13, 9)));
    assert!(
        en.contains("paid ¥800.00") && en.contains("expected refund ¥400.00"),
        "{en}"
    );
    assert!(!en.chars().any(cjk), "{en}");
    let late = p.caption(&order(Lang::En, sh(2026, 3, 24, 9)));
    assert!(late.contains("Overdue by 6 working days"), "{late}");
}

#[test]
fn the_calendar_marks_holidays_and_the_working_days_around_them() {
    // Asked for on 30 September 2026: the window runs over the National Day holiday.
    let mut c = case(CaseStatus::Submitted);
    c.data.submitted_at = Some(sh(2026, 9, 30, 10));
    let now = sh(2026, 10, 2, 9);
    let cal = Calendar::china();
    let s = scene(&c, &cal, now);
    let due = s
        .events
        .iter()
        .find(|e| e.kind == Kind::Due)
        .expect("a due day")
        .day;
    let asked = NaiveDate::from_ymd_opt(2026, 9, 30).expect("a day");
    let days = s.wait.expect("a clock").max_days;
    assert_eq!(due, cal.add_working_days(asked, days));
    assert!(
        due > NaiveDate::from_ymd_opt(2026, 10, 7).expect("a day"),
        "{due}"
    );
    let p = painter();
    let d = p.svg(&Order {
        case: c,
        now,
        lang: Lang::ZhCn,
        estimate: false,
    });
    let all = d.texts.join("\n");
    assert!(
        all.contains("国庆节") && all.contains("休") && all.contains("班"),
        "{all}"
    );
    let shown = format!("2026年10月{}日", chrono::Datelike::day(&due));
    assert!(all.contains(&shown), "{shown} missing:\n{all}");
}
