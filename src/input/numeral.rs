//! Numbers written in Chinese numerals, as people type amounts ("三百",
//! "一千九百六十", "两千五", "一万二"): their value, or `None` for anything
//! else.

/// The value of a whole number in Chinese numerals, spoken forms included:
/// "三百五" is 350 and "一千二" is 1200 (the unit after the last one said is
/// understood), "三百零五" is 305.
pub(crate) fn value(text: &str) -> Option<u64> {
    let digit = |c: char| -> Option<u64> {
        Some(match c {
            '零' | '〇' => 0,
            '一' | '壹' => 1,
            '二' | '两' | '兩' | '贰' => 2,
            '三' | '叁' => 3,
            '四' | '肆' => 4,
            '五' | '伍' => 5,
            '六' | '陆' => 6,
            '七' | '柒' => 7,
            '八' | '捌' => 8,
            '九' | '玖' => 9,
            _ => return None,
        })
    };
    let unit = |c: char| -> Option<u64> {
        Some(match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            _ => return None,
        })
    };
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return None;
    }
    let (mut total, mut section, mut number) = (0u64, 0u64, None::<u64>);
    // The unit of the part said last, and whether a 零 came after it.
    let (mut last_unit, mut zero) = (1u64, false);
    for &c in &chars {
        if let Some(d) = digit(c) {
            if number.is_some() && d != 0 {
                return None;
            }
            if d == 0 {
                zero = true;
            } else {
                number = Some(d);
            }
        } else if let Some(u) = unit(c) {
            let n = match number.take() {
                Some(n) => n,
                // "十五" is 15; "百" alone is no number.
                None if u == 10 => 1,
                None => return None,
            };
            section = section.checked_add(n.checked_mul(u)?)?;
            (last_unit, zero) = (u, false);
        } else if c == '万' || c == '萬' {
            section = section.checked_add(number.take().unwrap_or(0))?;
            if section == 0 {
                return None;
            }
            total = total.checked_add(section.checked_mul(10_000)?)?;
            (section, last_unit, zero) = (0, 10_000, false);
        } else {
            return None;
        }
    }
    if let Some(n) = number {
        // "一千二": the unit below the last one; "三百零五", "五": units.
        let scale = if zero || last_unit == 1 { 1 } else { last_unit / 10 };
        section = section.checked_add(n.checked_mul(scale)?)?;
    }
    let sum = total.checked_add(section)?;
    (sum > 0 || chars.iter().all(|c| *c == '零' || *c == '〇')).then_some(sum)
}

#[cfg(test)]
mod tests {
    use super::value;

    #[test]
    fn amounts_in_chinese_numerals_are_read() {
        for (text, want) in [
            ("三百", 300),
            ("三百五", 350),
            ("三百零五", 305),
            ("一千九百六十", 1960),
            ("两千五", 2500),
            ("一千二", 1200),
            ("十五", 15),
            ("一万二", 12_000),
            ("一万零五百", 10_500),
            ("八", 8),
            ("贰佰", 200),
        ] {
            assert_eq!(value(text), Some(want), "{text}");
        }
        for text in ["", "三百块钱啊", "百", "五五", "abc", "万"] {
            assert_eq!(value(text), None, "{text}");
        }
    }
}
