//! `tolk watch` and `tolk serve`: a long-running process that builds again
//! when a file changes, survives broken input, and serves what it built.

use crate::support::{example, page, tolk};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// How long any one expected line may take: generous, for a loaded machine.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `tolk` whose stderr is read line by line; killed when dropped.
struct Running {
    child: Child,
    lines: Receiver<String>,
    /// Everything it printed so far, for failure messages.
    seen: String,
}

impl Running {
    fn start(root: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tolk"))
            .args(args)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (line_in, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line_in.send(line).is_err() {
                    break;
                }
            }
        });
        Self { child, lines, seen: String::new() }
    }

    /// The next line that starts with `prefix` (lines before it are skipped).
    fn until(&mut self, prefix: &str) -> String {
        loop {
            let Ok(line) = self.lines.recv_timeout(PATIENCE) else {
                panic!("no line starting with {prefix:?} within {PATIENCE:?}; it printed:\n{}", self.seen)
            };
            self.seen.push_str(&line);
            self.seen.push('\n');
            assert!(!line.contains("panicked"), "tolk panicked:\n{}", self.seen);
            if line.starts_with(prefix) {
                return line;
            }
        }
    }

    fn still_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Replaces the file at `path` in one step (a hidden temporary file, then a
/// rename), so that no build can see it half-written however slow the
/// machine is.
fn replace(path: &Path, text: &str) {
    let temporary = path.with_file_name(format!(".{}.new", path.file_name().unwrap().to_string_lossy()));
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(temporary, path).unwrap();
}

/// Replaces the first `from` in the file `rel` of `root` with `to`, in one step.
fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    replace(&root.join(rel), &text.replacen(from, to, 1));
}

#[test]
fn watch_builds_again_after_an_edit_and_survives_broken_input() {
    let dir = example();
    let root = dir.path();
    let mut watch = Running::start(root, &["watch"]);
    watch.until("built ");
    watch.until("watching ");
    assert!(page(root, "en-US/index.html").contains("<title>"));

    edit(root, "content/da-DK/unlocking-an-account.md", "# ", "# Redigeret: ");
    assert_eq!(watch.until("changed: "), "changed: content/da-DK/unlocking-an-account.md");
    let built = watch.until("built ");
    assert!(built.contains("incremental: 1 page rendered"), "{built}");
    assert!(page(root, "da-DK/unlocking-an-account/index.html").contains("Redigeret: "));

    // After the first build, only new findings are printed, and the
    // summary counts what is new and what is gone.
    let article = root.join("content/da-DK/unlocking-an-account.md");
    let text = std::fs::read_to_string(&article).unwrap();
    replace(&article, &format!("{text}\nSe [denne side](no-such-page.md).\n"));
    // (The link is broken, and the source has no such link.)
    assert!(watch.until("error[").starts_with("error[broken-link]"), "{}", watch.seen);
    assert!(watch.until("error[").starts_with("error[link-mismatch]"), "{}", watch.seen);
    let blocked = watch.until("error: the site was not written");
    assert!(blocked.contains("since the last build: 2 new, 0 gone"), "{blocked}");
    let printed = watch.seen.matches("warning[").count();
    replace(&article, &text);
    let fixed = watch.until("built ");
    assert!(fixed.contains("since the last build: 0 new, 2 gone"), "{fixed}");
    assert_eq!(watch.seen.matches("warning[").count(), printed, "warnings printed again:\n{}", watch.seen);

    // A broken book.toml is reported, and the previous site stays; fixing
    // it builds again.
    let config = std::fs::read_to_string(root.join("book.toml")).unwrap();
    replace(&root.join("book.toml"), &format!("{config}\nno_such_key = 1\n"));
    let error = watch.until("error: ");
    assert!(error.contains("book.toml") && error.contains("no_such_key"), "{error}");
    assert!(watch.still_running(), "watch stopped at a broken book.toml:\n{}", watch.seen);
    assert!(page(root, "da-DK/unlocking-an-account/index.html").contains("Redigeret: "));
    replace(&root.join("book.toml"), &config);
    watch.until("built ");

    // The site watch keeps is the one a fresh full build makes.
    stop_and_compare_with_a_full_build(root, watch);
}

#[test]
fn every_kind_of_change_while_watching_leaves_the_site_a_full_build_makes() {
    let dir = example();
    let root = dir.path();
    // Files edited long ago are taken from the records of the last build
    // when their size and time say they did not change: those must be
    // stated again after a change, or an edit would go unseen.
    crate::support::settle(root);
    let mut watch = Running::start(root, &["watch"]);
    watch.until("watching ");
    let source = root.join("content/en-US/check-sign-in-status.md");
    let text = std::fs::read_to_string(&source).unwrap();
    let changes: Vec<Box<dyn Fn()>> = vec![
        // A source's title: every locale's sidebar shows it.
        Box::new(|| {
            edit(root, "content/en-US/check-sign-in-status.md", "title: Checking", "title: Looking at");
        }),
        // A new article, then a new folder with one in it.
        Box::new(|| replace(&root.join("content/da-DK/check-sign-in-status.md"), &text)),
        Box::new(|| {
            std::fs::create_dir_all(root.join("content/en-US/more")).unwrap();
            replace(&root.join("content/en-US/more/page.md"), "---\ntitle: More\n---\n\n# More\n\nText.\n");
        }),
        // An article removed.
        Box::new(|| std::fs::remove_file(root.join("content/da-DK/check-sign-in-status.md")).unwrap()),
        // A body edit, built from memory: the templates it compiles are
        // kept for the next such edit, so the template changed next must
        // not be shown from that copy.
        Box::new(|| replace(&source, &format!("{text}\nA first added paragraph.\n"))),
        // A template, a Fluent file and the source edited again.
        Box::new(|| replace(&root.join("templates/footer.html"), "<footer>changed</footer>\n")),
        Box::new(|| edit(root, "locales/da-DK/main.ftl", "=", "= Ændret:")),
        Box::new(|| replace(&source, &format!("{text}\nOne more paragraph.\n"))),
    ];
    for change in &changes {
        change();
        watch.until("changed: ");
        let built = watch.until("built ");
        assert!(built.contains("(0 errors"), "{built}\n{}", watch.seen);
    }
    stop_and_compare_with_a_full_build(root, watch);
}

#[test]
fn article_edits_built_from_memory_find_and_write_what_a_full_build_does() {
    let dir = example();
    let root = dir.path();
    // A broken link is a warning here, so that the builds below land.
    let config = std::fs::read_to_string(root.join("book.toml")).unwrap();
    replace(&root.join("book.toml"), &format!("{config}\n[check.rules]\nbroken-link = \"warning\"\n"));
    crate::support::settle(root);
    let mut watch = Running::start(root, &["watch"]);
    watch.until("watching ");
    let source = "content/en-US/unlocking-an-account.md";

    // The source's heading: its translations go stale, and the article that
    // links to the heading's anchor now links to nothing.
    edit(root, source, "# Unlocking an account", "# Unlocking a locked account");
    let built = watch.until("built ");
    assert!(!built.contains(" 0 new"), "{built}");
    assert!(
        watch.seen.contains("has no heading or anchor #unlocking-an-account"),
        "the article linking to the old anchor was not checked again:\n{}",
        watch.seen
    );
    // A translation's text.
    edit(root, "content/da-DK/unlocking-an-account.md", "# ", "# Redigeret: ");
    assert!(watch.until("built ").contains("1 page rendered"), "{}", watch.seen);
    // The heading back: the link works again.
    edit(root, source, "# Unlocking a locked account", "# Unlocking an account");
    let last = watch.until("built ");
    assert!(!last.contains(" 0 gone"), "{last}");

    let counts =
        |line: &str| line.split_once('(').and_then(|(_, c)| c.split([';', ')']).next()).map(str::to_string);
    let fresh = stop_and_compare_with_a_full_build(root, watch);
    let full = fresh.lines().find(|l| l.starts_with("built ")).unwrap_or_default();
    assert_eq!(counts(&last), counts(full), "watch: {last}\nfull build: {full}");
}

#[test]
fn article_edits_built_from_memory_for_one_locale_match_its_full_build() {
    let dir = example();
    let root = dir.path();
    crate::support::settle(root);
    let mut watch = Running::start(root, &["watch", "--locale", "da-DK"]);
    watch.until("watching ");
    edit(root, "content/da-DK/unlocking-an-account.md", "# ", "# Redigeret: ");
    assert!(watch.until("built ").contains("1 page rendered"), "{}", watch.seen);
    // The source's text: the da-DK translation is checked against it again.
    edit(root, "content/en-US/unlocking-an-account.md", "click", "press");
    let last = watch.until("built ");
    drop(watch);
    let run = tolk(root, &["build", "--no-cache", "--locale", "da-DK", "--out", "fresh"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let full = run.stderr.lines().find(|l| l.starts_with("built ")).unwrap_or_default();
    let counts =
        |line: &str| line.split_once('(').and_then(|(_, c)| c.split([';', ')']).next()).map(str::to_string);
    assert_eq!(counts(&last), counts(full), "watch: {last}\nfull build: {full}");
    assert_eq!(crate::support::tree(&root.join("site")), crate::support::tree(&root.join("fresh")));
}

#[test]
fn watch_stops_at_a_usage_error_but_not_at_a_broken_project() {
    let dir = example();
    let mut watch = Running::start(dir.path(), &["watch", "--locale", "not a tag"]);
    let error = watch.until("error: ");
    assert!(error.contains("--locale not a tag"), "{error}");
    let deadline = std::time::Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = watch.child.try_wait().unwrap() {
            break status;
        }
        assert!(std::time::Instant::now() < deadline, "watch kept running after a usage error");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(2));

    // A project without content/ may get one: watch waits for it.
    std::fs::remove_dir_all(dir.path().join("content")).unwrap();
    let mut watch = Running::start(dir.path(), &["watch"]);
    assert!(watch.until("error: ").contains("content"), "{}", watch.seen);
    watch.until("watching ");
    assert!(watch.still_running());
}

#[test]
fn an_output_book_toml_refuses_does_not_hide_its_folder_from_watch() {
    let dir = example();
    let root = dir.path();
    let config = std::fs::read_to_string(root.join("book.toml")).unwrap();
    replace(&root.join("book.toml"), &config.replace("output = \"site\"", "output = \"content\""));
    let mut watch = Running::start(root, &["watch"]);
    let refused = watch.until("error: ");
    assert!(refused.contains("refusing to write the site"), "{refused}");
    watch.until("watching ");
    replace(&root.join("book.toml"), &config);
    assert_eq!(watch.until("changed: "), "changed: book.toml");
    watch.until("built ");
    // content/ was named as the output, yet its edits are still seen.
    edit(root, "content/da-DK/unlocking-an-account.md", "# ", "# Redigeret: ");
    assert_eq!(watch.until("changed: "), "changed: content/da-DK/unlocking-an-account.md");
    assert!(watch.until("built ").contains("1 page rendered"), "{}", watch.seen);
}

/// Stops `watch`, then asserts that the site it left in `root/site` is the
/// one a full build of the same project makes, file for file; what the
/// full build printed.
fn stop_and_compare_with_a_full_build(root: &Path, watch: Running) -> String {
    drop(watch);
    let kept = crate::support::tree(&root.join("site"));
    let run = tolk(root, &["build", "--no-cache", "--out", "fresh"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fresh = crate::support::tree(&root.join("fresh"));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&kept), names(&fresh));
    for ((name, a), (_, b)) in kept.iter().zip(&fresh) {
        assert!(a == b, "{name} differs from a full build's");
    }
    run.stderr
}

/// Sends one GET request; the status code, the headers and the body.
fn get(address: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head.to_string(), body.to_string())
}

#[test]
fn serve_serves_the_site_and_reloads_open_pages_after_a_build() {
    let dir = example();
    let root = dir.path();
    let mut serve = Running::start(root, &["serve", "--port", "0"]);
    let serving = serve.until("serving the site at http://");
    let address = serving.trim_start_matches("serving the site at http://").trim_end_matches('/').to_string();
    serve.until("watching ");

    let (status, _, body) = get(&address, "/da-DK/unlocking-an-account/");
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"da-DK\""), "{body}");
    let marker = "<script>(function(){var g=";
    let at = body.find(marker).expect("the reload script is in the page") + marker.len();
    assert!(body[at..].contains("</body>"), "the script goes inside the body");
    let generation: u64 = body[at..].split(';').next().unwrap().parse().unwrap();
    let on_disk = page(root, "da-DK/unlocking-an-account/index.html");
    assert!(!on_disk.contains(marker), "the file on disk has no script");

    let (status, head, _) = get(&address, "/da-DK/unlocking-an-account");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /da-DK/unlocking-an-account/"), "{head}");
    let (status, _, body) = get(&address, "/da-DK/no-such-page/");
    assert_eq!(status, 404);
    assert!(body.contains("lang=\"da-DK\""), "the locale's own 404 page: {body}");
    assert_eq!(get(&address, "/../book.toml").0, 400);
    assert!(get(&address, "/assets/tolk.css").1.contains("Content-Type: text/css"));

    // An open page asks whether a newer build landed; an edit answers it.
    let waiting = {
        let (address, path) = (address.clone(), format!("/.tolk/reload?since={generation}"));
        std::thread::spawn(move || get(&address, &path).2)
    };
    std::thread::sleep(Duration::from_millis(200));
    edit(root, "content/da-DK/unlocking-an-account.md", "# ", "# Redigeret: ");
    serve.until("built ");
    assert_eq!(waiting.join().unwrap(), (generation + 1).to_string());
    let (_, _, body) = get(&address, "/da-DK/unlocking-an-account/");
    assert!(body.contains("Redigeret: "));
}
