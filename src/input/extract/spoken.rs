//! Amounts said in Chinese numerals inside a sentence ("退款三百五十六块二",
//! "交了一千二百元"), as voice input writes them. An amount only with 块 or
//! 元 after it, so "两台", "一年" and "十一月" are not money, and "一块"
//! ("我们一块去") only with 钱 or its jiao after it.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::scan::MoneyHit;
use super::span::{Text, re};
use crate::input::numeral;

static SPOKEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"([零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+)(块钱|块|元)(?:([一二两三四五六七八九])(?:毛|角)?)?(?:([一二三四五六七八九])分)?",
    )
});

/// "两百八十八 微信付的", "付了一千二": a number in numerals with a hundred,
/// thousand or ten thousand in it, with no unit after it that counts
/// something else ("三百个", "两千天", "三百多").
static BARE: LazyLock<Regex> =
    LazyLock::new(|| re(r"[零一二两三四五六七八九十]*[百千万][零一二两三四五六七八九十百千万]*"));
const COUNTED: &str = "个台天月年次小时号日人份张周岁位多余来分块元毛角";

/// Every amount in Chinese numerals left in the text, marked as read.
pub(super) fn find_spoken_money(text: &mut Text) -> Vec<MoneyHit> {
    let s = text.masked();
    let mut found = Vec::new();
    for c in SPOKEN.captures_iter(&s) {
        let (Some(all), Some(whole), Some(unit)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let at: Range<usize> = all.range();
        let (jiao, fen) = (c.get(3), c.get(4));
        // "一块" alone is "together" ("我们一块去"); "十块", "两块五" are money.
        let alone = matches!(whole.as_str(), "一" | "壹") && unit.as_str() == "块" && jiao.is_none();
        if alone || !text.is_free(&at) {
            continue;
        }
        let Some(yuan) = numeral::value(whole.as_str()) else {
            continue;
        };
        let part = |m: Option<regex::Match>| m.and_then(|m| numeral::value(m.as_str())).unwrap_or(0);
        let value =
            Decimal::from(yuan) + Decimal::new(part(jiao) as i64, 1) + Decimal::new(part(fen) as i64, 2);
        text.take(&at);
        found.push(MoneyHit {
            at,
            value: value.normalize(),
            marked: true,
            per_month: false,
        });
    }
    let s = text.masked();
    for m in BARE.find_iter(&s) {
        let at = m.range();
        let counted = s[at.end..]
            .trim_start()
            .starts_with(|c: char| COUNTED.contains(c));
        let glued = s[..at.start].ends_with(|c: char| "零一二两三四五六七八九十百千万".contains(c));
        if counted || glued || !text.is_free(&at) {
            continue;
        }
        let Some(v) = numeral::value(m.as_str()).filter(|v| *v >= 100) else {
            continue;
        };
        text.take(&at);
        found.push(MoneyHit {
            at,
            value: Decimal::from(v),
            marked: false,
            per_month: false,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(s: &str) -> Vec<String> {
        let mut text = Text::new(s);
        find_spoken_money(&mut text)
            .iter()
            .map(|h| h.value.to_string())
            .collect()
    }

    #[test]
    fn amounts_said_in_numerals_inside_a_sentence_are_read() {
        assert_eq!(amounts("我的退款三百五十六块二 还没到"), ["356.2"]);
        assert_eq!(amounts("交了一千二百元，用了券五十块钱"), ["1200", "50"]);
        assert_eq!(amounts("三百五十六元二角五分"), ["356.25"]);
        assert_eq!(amounts("一块钱也没退"), ["1"]);
        assert_eq!(amounts("才退了十块"), ["10"]);
        assert_eq!(amounts("两块五"), ["2.5"]);
        // With a hundred or a thousand in it, no unit is needed.
        assert_eq!(amounts("两百八十八 微信付的"), ["288"]);
        assert_eq!(amounts("付了一千二"), ["1200"]);
    }

    #[test]
    fn numerals_that_are_not_money_are_left() {
        for s in [
            "我们一块去",
            "买了两台",
            "用了一年",
            "十一月十号",
            "三百多",
            "三百个",
            "两千天",
            "百分之十",
        ] {
            assert!(amounts(s).is_empty(), "{s}");
        }
    }
}
