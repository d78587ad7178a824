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
