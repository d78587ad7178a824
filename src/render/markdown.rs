//! Escaping for the Markdown documents (`*.md` templates, the case export):
//! a value that is not already safe (what the user typed, above all) shows
//! as the characters it holds, never as Markdown or HTML markup.

use minijinja::{AutoEscape, Error, Output, State, Value};

/// The auto-escape name of Markdown templates.
pub const NAME: &str = "markdown";

/// `text` as literal Markdown: `<`, `>` and `&` as HTML entities (raw HTML
/// such as `</code>` is shown, not obeyed), the inline markers (`*`, `_`, a
/// backtick, brackets, `~`, `|`, a backslash) escaped, and what would start a
/// heading, list or rule at the start of a line escaped there.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        let chars = body.char_indices();
        for (at, c) in chars {
            let line_start = at == 0 && matches!(c, '#' | '-' | '+' | '=');
            let list_number = digits > 0 && at == digits && matches!(c, '.' | ')');
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' => {
                    out.push('\\');
                    out.push(c);
                }
                _ if line_start || list_number => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    out
}

/// The environment's formatter: Markdown templates escape with [`escape`],
/// every other template as minijinja does (HTML).
pub fn formatter(out: &mut Output<'_>, state: &State<'_, '_>, value: &Value) -> Result<(), Error> {
    if matches!(state.auto_escape(), AutoEscape::Custom(NAME)) && !value.is_safe() && !value.is_none() {
        return write!(out, "{}", escape(&value.to_string())).map_err(Error::from);
    }
    minijinja::escape_formatter(out, state, value)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_typed_by_the_user_is_shown_not_obeyed() {
        assert_eq!(escape("</code><b>x</b>"), "&lt;/code&gt;&lt;b&gt;x&lt;/b&gt;");
        assert_eq!(
            escape("**bold** [a](http://x)"),
            "\\*\\*bold\\*\\* \\[a\\](http://x)"
        );
        assert_eq!(
            escape("# title\n- item\n2. two\n```"),
            "\\# title\n\\- item\n2\\. two\n\\`\\`\\`"
        );
        assert_eq!(
            escape("uhost-1a2b3c4d 2026-03-01 ¥800"),
            "uhost-1a2b3c4d 2026-03-01 ¥800"
        );
    }
}
