//! The deployment files (`docker build` is not run here: no base images
//! without the network). Read as text: a multi-stage build, a non-root user,
//! the data on a volume; the systemd unit runs the bot unprivileged.

fn read(path: &str) -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_owned() + path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn instructions(dockerfile: &str) -> Vec<(String, String)> {
    dockerfile
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        .map(|(i, rest)| (i.to_ascii_uppercase(), rest.trim().to_owned()))
        .collect()
}

#[test]
fn the_image_is_multi_stage_runs_as_a_non_root_user_and_keeps_data_on_a_volume() {
    let ins = instructions(&read("deploy/Dockerfile"));
    let froms = ins.iter().filter(|(i, _)| i == "FROM").count();
    assert!(froms >= 2, "multi-stage: {froms} FROM lines");
    let last_from = ins.iter().rposition(|(i, _)| i == "FROM").unwrap_or(0);
    let runtime = &ins[last_from..];
    let user = runtime
        .iter()
        .rev()
        .find(|(i, _)| i == "USER")
        .map(|(_, u)| u.clone())
        .expect("a USER in the runtime stage");
    let name = user.split(':').next().unwrap_or_default();
    assert!(!["root", "0", ""].contains(&name), "runs as {user}");
    assert!(
        runtime.iter().any(|(i, v)| i == "VOLUME" && v.contains("/data")),
        "a data volume"
    );
    assert!(
        runtime.iter().any(|(i, v)| i == "COPY" && v.contains("--from=")),
        "the runtime stage takes only the built binary"
    );
}

#[test]
fn the_systemd_unit_runs_the_bot_unprivileged_with_a_private_state_directory() {
    let unit = read("deploy/refund-assistant.service");
    assert!(unit.contains("ExecStart=/usr/local/bin/refund-assistant bot"));
    assert!(
        unit.contains("DynamicUser=yes") || unit.lines().any(|l| l.starts_with("User=") && l != "User=root")
    );
    assert!(unit.contains("StateDirectoryMode=0700"));
    assert!(!unit.contains("User=root"));
}

#[test]
fn the_image_and_the_benchmarks_build_as_one_optimisation_unit_and_the_readmes_release_does_not() {
    let docker = read("deploy/Dockerfile");
    assert!(docker.contains("cargo build --profile dist"), "{docker}");
    assert!(docker.contains("/src/target/dist/refund-assistant"), "{docker}");
    let cargo: toml::Table = toml::from_str(&read("Cargo.toml")).expect("Cargo.toml");
    let profile = |name: &str| {
        cargo["profile"]
            .get(name)
            .cloned()
            .unwrap_or_else(|| panic!("no profile {name}"))
    };
    for name in ["dist", "bench"] {
        let p = profile(name);
        assert_eq!(p.get("lto").and_then(|v| v.as_str()), Some("fat"), "{name}");
        assert_eq!(
            p.get("codegen-units").and_then(|v| v.as_integer()),
            Some(1),
            "{name}"
        );
    }
    assert_eq!(
        profile("dist").get("inherits").and_then(|v| v.as_str()),
        Some("release")
    );
    // `cargo run --release` (the Telegram bot in the README) builds in minutes.
    let release = cargo["profile"]
        .get("release")
        .cloned()
        .unwrap_or_else(|| toml::Value::Table(toml::Table::new()));
    assert!(
        release.get("lto").is_none_or(|v| v.as_str() != Some("fat")),
        "{release:?}"
    );
    assert!(
        release
            .get("codegen-units")
            .is_none_or(|v| v.as_integer() != Some(1)),
        "{release:?}"
    );
}

#[test]
fn the_shipped_bot_and_its_benchmark_use_jemalloc_and_a_newcomers_build_does_not() {
    let docker = read("deploy/Dockerfile");
    assert!(docker.contains("--features jemalloc"), "{docker}");
    let cargo: toml::Table = toml::from_str(&read("Cargo.toml")).expect("Cargo.toml");
    let default = cargo["features"]
        .get("default")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    assert!(default.is_empty(), "{default:?}");
    let benches = cargo["bench"].as_array().expect("benches");
    let bot = benches
        .iter()
        .find(|b| b.get("name").and_then(|n| n.as_str()) == Some("bot"))
        .expect("the bot benchmark");
    assert_eq!(
        bot.get("required-features").map(|v| v.to_string()),
        Some("[\"jemalloc\"]".to_string())
    );
}

/// The source files under `dir`, recursively.
fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_image_builds_with_every_folder_the_code_compiles_in() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    // The folders `include_str!`/`include_bytes!` read from (test data aside).
    let mut needed = std::collections::BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("source");
        for part in text.split("include_").skip(1) {
            let quoted = part
                .strip_prefix("bytes!(\"")
                .or_else(|| part.strip_prefix("str!(\""));
            let Some(path) = quoted.and_then(|p| p.split('"').next()) else {
                continue;
            };
            let mut at = file.parent().expect("a folder").to_path_buf();
            for piece in path.split('/') {
                match piece {
                    ".." => {
                        at.pop();
                    }
                    "." => {}
                    p => at.push(p),
                }
            }
            let Ok(rel) = at.strip_prefix(root) else { continue };
            let top = rel.components().next();
            let top = top.map(|c| c.as_os_str().to_string_lossy().into_owned());
            needed.extend(top.filter(|t| t != "src" && t != "tests"));
        }
    }
    assert!(
        needed.contains("fonts") && needed.contains("policies"),
        "{needed:?}"
    );
    let ins = instructions(&read("deploy/Dockerfile"));
    let copied: Vec<&String> = ins.iter().filter(|(i, _)| i == "COPY").map(|(_, v)| v).collect();
    for dir in &needed {
        assert!(
            copied
                .iter()
                .any(|v| v.split_whitespace().next() == Some(dir.as_str())),
            "the build stage does not copy {dir}/: {copied:?}"
        );
    }
}
