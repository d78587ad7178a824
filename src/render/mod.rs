//! Turns template keys and data into text for one language. All user-facing
//! wording lives in `templates/<lang>/`; user-supplied values are escaped here,
//! in one place (Telegram HTML; Markdown for the `.md` documents), and `plain`
//! turns the result into terminal text.

mod fixed;
mod format;
mod markdown;

use minijinja::{AutoEscape, Environment, Error, State, UndefinedBehavior, Value};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;
use std::sync::{Arc, Mutex};

pub use format::plain;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/templates.rs"));
}

/// A language the bot speaks.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language for a client's language code (Telegram's `language_code`):
    /// English for `en*`, Chinese otherwise.
    pub fn from_client(code: Option<&str>) -> Lang {
        match code {
            Some(c) if c.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::ZhCn,
        }
    }
}

impl FromStr for Lang {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" | "chinese" | "中文" => Ok(Lang::ZhCn),
            "en" | "en-us" | "en-gb" | "english" => Ok(Lang::En),
            _ => Err(()),
        }
    }
}

/// The templates of every language. Each is checked once at start and
/// compiled the first time it is used (most users see only some of them).
pub struct Renderer {
    envs: Vec<Templates>,
}

/// One language's templates: rendered strictly (a value that is not there
/// is an error), and again leniently when that fails, so the user still
/// gets the rest of a reply (`render_partly`).
struct Templates {
    strict: Environment<'static>,
    lenient: Environment<'static>,
    sources: Arc<Sources>,
    /// Every key loaded so far: rendered, included or called with `t()`.
    used: Arc<Mutex<BTreeSet<String>>>,
    /// Texts that take no data, rendered once (`Renderer::fixed`).
    fixed: fixed::Fixed,
}

/// A language's template sources by key.
type Sources = HashMap<String, String>;

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template {key} ({lang}): {source}")]
    Template {
        key: String,
        lang: &'static str,
        #[source]
        source: Error,
    },
    #[error("templates/{file}: {message}")]
    Data { file: String, message: String },
}

/// Renders another template by key from inside a template: `t("line.paid", vars)`.
fn t(state: &State, key: &str, vars: Option<Value>) -> Result<Value, Error> {
    let tmpl = state.env().get_template(key)?;
    let ctx = vars.unwrap_or_else(|| Value::from(()));
    Ok(Value::from_safe_string(tmpl.render(ctx)?))
}

/// An environment with the project's settings and functions (no templates).
fn environment(sources: &Arc<Sources>, undefined: UndefinedBehavior) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".md") {
            AutoEscape::Custom(markdown::NAME)
        } else {
            AutoEscape::Html
        }
    });
    env.set_formatter(markdown::formatter);
    // Printing, iterating or looking into an undefined value is an
    // error, so a misspelt field cannot print nothing; `{% if x %}`
    // on a field that is only sometimes given stays allowed.
    env.set_undefined_behavior(undefined);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.add_function("t", t);
    // Does a template exist? `has("finding.x.action")`.
    let known = sources.clone();
    env.add_function("has", move |key: &str| known.contains_key(key));
    format::register(&mut env);
    env
}

/// Every template of `lang`: (key, file it comes from, source).
fn sources_of(lang: Lang) -> Result<Vec<(String, &'static str, String)>, RenderError> {
    let prefix = format!("{}/", lang.code());
    let mut out = Vec::new();
    for (path, text) in embedded::FILES {
        let Some(rel) = path.strip_prefix(&prefix) else {
            continue;
        };
        let data_err = |message: String| RenderError::Data {
            file: path.to_string(),
            message,
        };
        if let Some(name) = rel.strip_prefix("strings/").filter(|r| r.ends_with(".toml")) {
            let table: toml::Table = toml::from_str(text).map_err(|e| data_err(e.to_string()))?;
            for (key, value) in table {
                let Some(src) = value.as_str() else {
                    return Err(data_err(format!("{key} in {name} is not a string")));
                };
                out.push((key, *path, src.to_owned()));
            }
        } else if let Some(name) = rel.strip_prefix("messages/").and_then(|r| r.strip_suffix(".j2")) {
            out.push((name.to_owned(), *path, text.to_string()));
        }
    }
    Ok(out)
}

impl Renderer {
    pub fn new() -> Result<Renderer, RenderError> {
        let mut envs = Vec::new();
        for lang in Lang::ALL {
            let all = sources_of(lang)?;
            let sources: Arc<Sources> = Arc::new(
                all.iter()
                    .map(|(key, _, src)| (key.clone(), src.clone()))
                    .collect(),
            );
            // A template that does not compile stops the start, as before;
            // each is compiled here and dropped, then again on first use.
            let check = environment(&sources, UndefinedBehavior::SemiStrict);
            for (key, path, src) in &all {
                check
                    .template_from_named_str(key.as_str(), src.as_str())
                    .map_err(|e| RenderError::Data {
                        file: path.to_string(),
                        message: format!("{key}: {e}"),
                    })?;
            }
            // Printing, iterating or looking into a value that is not there
            // is an error (`{% if x %}` on a field only sometimes given stays
            // allowed); the lenient twin prints nothing for it instead.
            let used = Arc::new(Mutex::new(BTreeSet::new()));
            let loaded = |undefined| {
                let mut env = environment(&sources, undefined);
                let (load, used) = (sources.clone(), used.clone());
                env.set_loader(move |name| {
                    if let Ok(mut u) = used.lock() {
                        u.insert(name.to_owned());
                    }
                    Ok(load.get(name).cloned())
                });
                env
            };
            envs.push(Templates {
                strict: loaded(UndefinedBehavior::SemiStrict),
                lenient: loaded(UndefinedBehavior::Chainable),
                sources: sources.clone(),
                used: used.clone(),
                fixed: fixed::Fixed::default(),
            });
        }
        Ok(Renderer { envs })
    }

    fn env(&self, lang: Lang) -> &Environment<'static> {
        &self.entry(lang).strict
    }

    fn entry(&self, lang: Lang) -> &Templates {
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        &self.envs[i]
    }

    /// Renders `key` in `lang` with `data` (any serialisable value).
    pub fn render<S: Serialize>(&self, lang: Lang, key: &str, data: S) -> Result<String, RenderError> {
        self.render_in(self.env(lang), lang, key, data)
    }

    /// Renders like [`Renderer::render`], but a value that is not there
    /// prints nothing instead of failing: for the user to get the rest of a
    /// reply that did not render (the caller says something is missing).
    pub fn render_partly<S: Serialize>(&self, lang: Lang, key: &str, data: S) -> Result<String, RenderError> {
        self.render_in(&self.entry(lang).lenient, lang, key, data)
    }

    /// Every key of `lang` loaded so far: rendered, included, or called with
    /// `t()` from another template.
    pub fn used(&self, lang: Lang) -> BTreeSet<String> {
        self.entry(lang)
            .used
            .lock()
            .map(|u| u.clone())
            .unwrap_or_default()
    }

    fn render_in<S: Serialize>(
        &self,
        env: &Environment<'static>,
        lang: Lang,
        key: &str,
        data: S,
    ) -> Result<String, RenderError> {
        let wrap = |source: Error| RenderError::Template {
            key: key.to_owned(),
            lang: lang.code(),
            source,
        };
        let tmpl = env.get_template(key).map_err(wrap)?;
        let out = tmpl.render(Value::from_serialize(data)).map_err(wrap)?;
        Ok(out.trim_end().to_owned())
    }

    /// Renders, or says which key failed (for places where a missing text must
    /// not stop the conversation; a test proves every key renders).
    pub fn text<S: Serialize>(&self, lang: Lang, key: &str, data: S) -> String {
        match self.render(lang, key, data) {
            Ok(s) => s,
            Err(e) => {
                tracing::error!("{e}");
                format!("[{key}]")
            }
        }
    }

    /// Every template key of a language.
    pub fn keys(&self, lang: Lang) -> BTreeSet<String> {
        self.entry(lang).sources.keys().cloned().collect()
    }

    /// The source of template `key` in `lang`.
    pub fn source(&self, lang: Lang, key: &str) -> Option<&str> {
        self.entry(lang).sources.get(key).map(String::as_str)
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.entry(lang).sources.contains_key(key)
    }

    /// `key` rendered with no data, as plain text, kept for the next time
    /// (`None`: no such key, or it cannot render without data).
    pub fn fixed(&self, lang: Lang, key: &str) -> Option<Arc<str>> {
        if !self.has(lang, key) {
            return None;
        }
        let made = || self.render(lang, key, ()).ok().map(|s| plain(&s));
        self.entry(lang).fixed.get_or(key, made)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_text_is_the_rendered_plain_text_and_missing_keys_are_not_kept() {
        let r = Renderer::new().expect("templates load");
        let once = r.fixed(Lang::ZhCn, "btn.menu.new").expect("a label");
        assert_eq!(&*once, plain(&r.text(Lang::ZhCn, "btn.menu.new", ())));
        let again = r.fixed(Lang::ZhCn, "btn.menu.new").expect("a label");
        assert!(Arc::ptr_eq(&once, &again), "kept, not rendered again");
        assert_eq!(r.fixed(Lang::En, "no.such.key"), None);
        assert_eq!(r.entry(Lang::En).fixed.len(), 0);
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        let r = Renderer::new().expect("templates load");
        let zh = r.keys(Lang::ZhCn);
        let en = r.keys(Lang::En);
        let only_zh: Vec<_> = zh.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&zh).collect();
        assert!(
            only_zh.is_empty() && only_en.is_empty(),
            "only in zh-CN: {only_zh:?}; only in en: {only_en:?}"
        );
        assert!(zh.len() > 10);
    }

    #[test]
    fn dates_are_written_by_each_languages_templates() {
        let r = Renderer::new().expect("templates load");
        let env = |lang| r.env(lang);
        let show = |lang, t: &str| env(lang).render_str(t, ()).expect("renders");
        assert_eq!(
            show(Lang::ZhCn, "{{ '2026-02-24'|date }}"),
            "2026年2月24日（周二）"
        );
        assert_eq!(show(Lang::En, "{{ '2026-02-24'|date }}"), "Tue 24 Feb 2026");
        assert_eq!(show(Lang::ZhCn, "{{ '2026-10-08'|short_date }}"), "10月8日");
        assert_eq!(show(Lang::En, "{{ '2026-10-08'|short_date }}"), "8 Oct");
        let at = "{{ '2026-03-01T06:05:00Z'|datetime }}";
        assert_eq!(show(Lang::ZhCn, at), "2026-03-01 14:05");
        assert_eq!(show(Lang::En, at), "1 Mar 2026 14:05");
    }

    #[test]
    fn no_key_means_two_things_in_a_language() {
        for lang in Lang::ALL {
            let mut seen: HashMap<String, &str> = HashMap::new();
            let mut twice = Vec::new();
            for (key, file, _) in sources_of(lang).expect("templates") {
                if let Some(first) = seen.insert(key.clone(), file) {
                    twice.push(format!("{key} in {first} and {file}"));
                }
            }
            assert!(twice.is_empty(), "{}: {twice:?}", lang.code());
        }
    }

    #[test]
    fn a_missing_value_fails_the_strict_render_and_the_partial_one_keeps_the_rest() {
        let r = Renderer::new().expect("templates load");
        // `evidence.over_limit` prints its size limit.
        let strict = r.render(
            Lang::En,
            "evidence.over_limit",
            serde_json::json!({ "name": "a.pdf" }),
        );
        assert!(strict.is_err(), "{strict:?}");
        let partly = r
            .render_partly(
                Lang::En,
                "evidence.over_limit",
                serde_json::json!({ "name": "a.pdf" }),
            )
            .expect("renders");
        assert!(partly.starts_with("a.pdf turned out to be over  MB"), "{partly}");
        assert!(r.used(Lang::En).contains("evidence.over_limit"));
        assert!(!r.used(Lang::ZhCn).contains("evidence.over_limit"));
    }

    #[test]
    fn telegram_language_codes_pick_english_or_chinese() {
        assert_eq!(Lang::from_client(Some("en-US")), Lang::En);
        assert_eq!(Lang::from_client(Some("zh-hans")), Lang::ZhCn);
        assert_eq!(Lang::from_client(None), Lang::ZhCn);
    }
}
