//! Owns serving a built site over HTTP on the local machine, for `tolk
//! serve`: files as they are on disk at each request (so a build that lands
//! is served at once), folders by their `index.html`, the locale's own
//! `404.html` for what is missing, and a live reload: every HTML response
//! carries a small script that asks `/.tolk/reload` whether a newer build
//! landed and reloads the page when one did. Nothing is cached by the
//! browser, and the files on disk are never changed for it.
//!
//! It is a preview server: one thread per connection, `GET` and `HEAD`
//! only, no TLS, bound to the loopback address unless told otherwise.

use crate::error::Error;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// How long a reload request waits for a new build before it answers
/// "nothing new" (the page then asks again).
const RELOAD_WAIT: Duration = Duration::from_secs(25);

/// The longest request head read (request line and headers).
const MAX_HEAD: u64 = 16 * 1024;

/// Builds landed so far, which waiting reload requests are woken by.
#[derive(Clone, Default)]
pub struct Reload(Arc<(Mutex<u64>, Condvar)>);

impl Reload {
    /// A build landed that changed the site: open pages reload.
    pub fn bump(&self) {
        let (generation, changed) = &*self.0;
        if let Ok(mut g) = generation.lock() {
            *g += 1;
            changed.notify_all();
        }
    }

    /// The number of builds that changed the site so far.
    fn current(&self) -> u64 {
        self.0 .0.lock().map_or(0, |g| *g)
    }

    /// Waits until the generation is no longer `seen`, or for `RELOAD_WAIT`.
    fn after(&self, seen: u64) -> u64 {
        let (generation, changed) = &*self.0;
        let Ok(g) = generation.lock() else { return seen };
        changed.wait_timeout_while(g, RELOAD_WAIT, |g| *g == seen).map_or(seen, |(g, _)| *g)
    }
}

/// A site served over HTTP.
pub struct Server {
    listener: TcpListener,
    site: PathBuf,
    reload: Reload,
}

impl Server {
    /// Listens on `address` for requests for the site at `site`.
    ///
    /// # Errors
    /// The address is taken or cannot be bound.
    pub fn bind(address: SocketAddr, site: &Path) -> Result<Self, Error> {
        let listener = TcpListener::bind(address).map_err(|source| Error::Serve { address, source })?;
        Ok(Self { listener, site: site.to_path_buf(), reload: Reload::default() })
    }

    /// The address it listens on (with the port the system chose, if 0 was asked).
    ///
    /// # Errors
    /// The socket cannot say.
    pub fn address(&self) -> Result<SocketAddr, Error> {
        let address = self.listener.local_addr();
        address.map_err(|source| Error::Serve { address: SocketAddr::from(([0, 0, 0, 0], 0)), source })
    }

    /// What makes open pages reload.
    #[must_use]
    pub fn reload(&self) -> Reload {
        self.reload.clone()
    }

    /// Answers requests on a thread of its own, for as long as the process runs.
    pub fn spawn(self) {
        std::thread::spawn(move || {
            for stream in self.listener.incoming().flatten() {
                let (site, reload) = (self.site.clone(), self.reload.clone());
                std::thread::spawn(move || {
                    let _ = answer(&stream, &site, &reload);
                });
            }
        });
    }
}

/// Reads one request from `stream` and answers it.
fn answer(stream: &TcpStream, site: &Path, reload: &Reload) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.take(MAX_HEAD));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // The rest of the head is read and ignored: nothing in it changes the answer.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let response = match method {
        "GET" | "HEAD" => respond(target, site, reload),
        _ => Response::text(405, "only GET and HEAD are served"),
    };
    response.send(stream, method == "HEAD")
}

/// A response, whole.
struct Response {
    status: u16,
    kind: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Response {
    fn text(status: u16, body: &str) -> Self {
        Self { status, kind: "text/plain; charset=utf-8", body: body.as_bytes().to_vec(), location: None }
    }

    fn send(self, mut stream: &TcpStream, head_only: bool) -> std::io::Result<()> {
        let reason = match self.status {
            200 => "OK",
            301 => "Moved Permanently",
            400 => "Bad Request",
            404 => "Not Found",
            _ => "Method Not Allowed",
        };
        let location = self.location.as_ref().map(|l| format!("Location: {l}\r\n")).unwrap_or_default();
        let head = format!(
            "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n{location}\r\n",
            self.status,
            self.kind,
            self.body.len()
        );
        stream.write_all(head.as_bytes())?;
        if !head_only {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

/// The answer to a request for `target` (path and query).
fn respond(target: &str, site: &Path, reload: &Reload) -> Response {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == "/.tolk/reload" {
        let seen = query.strip_prefix("since=").and_then(|n| n.parse().ok()).unwrap_or(0);
        return Response::text(200, &reload.after(seen).to_string());
    }
    let Some(rel) = site_path(path) else {
        return Response::text(400, "not a path inside the site");
    };
    let file = site.join(&rel);
    if file.is_dir() {
        if !path.ends_with('/') {
            // Pages link relatively: a folder is only ever served with its slash.
            let location =
                format!("{path}/{}", if query.is_empty() { String::new() } else { format!("?{query}") });
            return Response { location: Some(location), ..Response::text(301, "moved") };
        }
        return found(&file.join("index.html"), reload, 200).unwrap_or_else(|| not_found(site, &rel, reload));
    }
    found(&file, reload, 200).unwrap_or_else(|| not_found(site, &rel, reload))
}

/// The site's `404.html` for `rel`: the one of the locale it is under, else the root's.
fn not_found(site: &Path, rel: &Path, reload: &Reload) -> Response {
    let locale = rel.components().next().map(|c| site.join(c).join("404.html"));
    locale
        .and_then(|page| found(&page, reload, 404))
        .or_else(|| found(&site.join("404.html"), reload, 404))
        .unwrap_or_else(|| Response::text(404, "not found (and the site has no 404.html)"))
}

/// The file at `file` as a response with `status`, if it is one; HTML gets
/// the live-reload script.
fn found(file: &Path, reload: &Reload, status: u16) -> Option<Response> {
    if !file.is_file() {
        return None;
    }
    let mut body = std::fs::read(file).ok()?;
    let kind = content_type(file);
    if kind.starts_with("text/html") {
        body = with_reload(body, reload.current());
    }
    Some(Response { status, kind, body, location: None })
}

/// `path` from a request as a relative path inside the site: decoded, with
/// no `..`, no hidden names and nothing absolute (where `\` separates
/// folders, it does here too, and is checked the same way).
fn site_path(path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    if !decoded.starts_with('/') || decoded.contains('\0') {
        return None;
    }
    let rel = PathBuf::from(decoded.trim_start_matches('/'));
    let safe =
        rel.components().all(|c| matches!(c, Component::Normal(n) if !n.to_string_lossy().starts_with('.')));
    safe.then_some(rel)
}

/// The live-reload script, placed before `</body>` (or at the end).
fn with_reload(mut html: Vec<u8>, generation: u64) -> Vec<u8> {
    let script = format!(
        "<script>(function(){{var g={generation};function poll(){{fetch('/.tolk/reload?since='+g,{{cache:'no-store'}})\
.then(function(r){{return r.text()}}).then(function(t){{if(t!==String(g)){{location.reload()}}else{{poll()}}}})\
.catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    );
    let at = memchr::memmem::rfind(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, script.into_bytes());
    html
}

/// The media type of a site file, by its extension.
fn content_type(file: &Path) -> &'static str {
    let ext = file.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_inside_the_site_are_served() {
        assert_eq!(site_path("/en-US/a/"), Some(PathBuf::from("en-US/a")));
        assert_eq!(site_path("/d%C3%A5/x.html"), Some(PathBuf::from("då/x.html")));
        assert_eq!(site_path("/"), Some(PathBuf::new()));
        for bad in ["/../etc/passwd", "/a/%2e%2e/%2e%2e/x", "/.tolk-cache/site.bin", "a.html", "/a%00b"] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_reload_script_goes_before_the_body_end() {
        let html = with_reload(b"<html><body><p>x</p></body></html>".to_vec(), 7);
        let html = String::from_utf8(html).unwrap();
        assert!(html.starts_with("<html><body><p>x</p><script>"), "{html}");
        assert!(html.contains("var g=7;"), "{html}");
        assert!(html.ends_with("</script></body></html>"), "{html}");
    }

    #[test]
    fn a_reload_request_answers_when_a_build_lands() {
        let reload = Reload::default();
        let waiting = reload.clone();
        let answer = std::thread::spawn(move || waiting.after(0));
        std::thread::sleep(Duration::from_millis(50));
        reload.bump();
        assert_eq!(answer.join().unwrap(), 1);
        assert_eq!(reload.current(), 1);
    }
}
