//! Splitting a long Telegram HTML message on line boundaries without breaking
//! a tag: tags open at a cut are closed at the end of the part and opened
//! again at the start of the next.

/// Telegram's limit for one message.
pub const MAX_CHARS: usize = 4096;

/// A tag as it appears in the text: (name, whole opening tag).
fn scan_tags(line: &str, open: &mut Vec<(String, String)>) {
    let mut rest = line;
    while let Some(i) = rest.find('<') {
        let Some(j) = rest[i..].find('>') else { break };
        let tag = &rest[i..i + j + 1];
        let inner = tag.trim_start_matches('<').trim_end_matches('>');
        if let Some(name) = inner.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if let Some(pos) = open.iter().rposition(|(n, _)| *n == name) {
                open.truncate(pos);
            }
        } else {
            let name = inner.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
            open.push((name, tag.to_owned()));
        }
        rest = &rest[i + j + 1..];
    }
}

fn closing(open: &[(String, String)]) -> String {
    open.iter().rev().map(|(n, _)| format!("</{n}>")).collect()
}

fn opening(open: &[(String, String)]) -> String {
    open.iter().map(|(_, t)| t.as_str()).collect()
}

/// Cut a single line longer than `limit` at spaces (or anywhere, for text
/// without spaces), never inside a tag or an entity.
fn cut_line(line: &str, limit: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut count = 0;
    let mut in_markup = false;
    for ch in line.chars() {
        current.push(ch);
        count += 1;
        match ch {
            '<' | '&' => in_markup = true,
            '>' | ';' => in_markup = false,
            _ => {}
        }
        if count >= limit && !in_markup {
            let cut = current.rfind(' ').filter(|i| *i > 0).unwrap_or(current.len());
            let rest = current.split_off(cut);
            pieces.push(current);
            current = rest.trim_start().to_owned();
            count = current.chars().count();
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Split `html` into parts of at most `limit` characters each, cutting
/// between lines where possible.
pub fn split_html(html: &str, limit: usize) -> Vec<String> {
    if html.chars().count() <= limit {
        return vec![html.to_owned()];
    }
    // Room for the tags closed and reopened at a cut.
    let budget = limit.saturating_sub(64).max(16);
    let mut parts = Vec::new();
    let mut open: Vec<(String, String)> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut len = 0;
    let lines: Vec<String> = html.split('\n').flat_map(|l| cut_line(l, budget)).collect();
    for original in lines {
        let mut line = original.clone();
        if len + line.chars().count() + 1 > budget && !current.is_empty() {
            if let Some(last) = current.last_mut() {
                last.push_str(&closing(&open));
            }
            parts.push(current.join("\n"));
            current.clear();
            len = 0;
            line = format!("{}{line}", opening(&open));
        }
        len += line.chars().count() + 1;
        scan_tags(&original, &mut open);
        current.push(line);
    }
    if !current.is_empty() {
        parts.push(current.join("\n"));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn balanced(s: &str) -> bool {
        let mut open = Vec::new();
        scan_tags(s, &mut open);
        open.is_empty() && s.matches("<b>").count() == s.matches("</b>").count()
    }

    #[test]
    fn a_short_message_is_one_part() {
        assert_eq!(split_html("<b>hi</b>\nthere", 4096), vec!["<b>hi</b>\nthere"]);
    }

    #[test]
    fn a_5000_character_message_splits_on_lines_into_valid_parts() {
        let line = "第一行内容 &amp; 更多文字".repeat(3);
        let text: Vec<String> = (0..200).map(|i| format!("{i:03} {line}")).collect();
        let html = format!("<b>标题</b>\n{}", text.join("\n"));
        assert!(html.chars().count() > 5000);
        let parts = split_html(&html, MAX_CHARS);
        assert!(parts.len() >= 2);
        for p in &parts {
            assert!(p.chars().count() <= MAX_CHARS);
            assert!(balanced(p), "{p}");
        }
        // Nothing lost, nothing reordered.
        let joined: Vec<&str> = parts.iter().flat_map(|p| p.lines()).collect();
        assert_eq!(joined.join("\n"), html);
    }

    #[test]
    fn a_tag_open_across_a_cut_is_closed_and_reopened() {
        let body: Vec<String> = (0..100).map(|i| format!("line {i} with some words")).collect();
        let html = format!("<b>{}</b>", body.join("\n"));
        let parts = split_html(&html, 300);
        assert!(parts.len() > 3);
        for p in &parts {
            assert!(p.starts_with("<b>") && p.ends_with("</b>"), "{p}");
            assert!(p.chars().count() <= 300);
        }
    }

    #[test]
    fn a_single_long_line_is_cut_at_spaces_not_inside_entities() {
        let html = "word &amp; ".repeat(1000);
        let parts = split_html(&html, 500);
        for p in &parts {
            assert!(p.chars().count() <= 500);
            assert!(!p.ends_with("&amp") && !p.contains("&am "), "{p}");
        }
    }
}
