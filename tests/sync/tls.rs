//! HTTPS with rustls: a certificate no trusted root vouches for is refused in words, and the
//! same server works once its CA is trusted (`SSL_CERT_FILE`, as for any program here).

use super::*;
use common::cli::assert_one_error_line;

#[test]
fn https_is_checked_against_the_trusted_roots() {
    let server = DavServer::start_tls();
    assert!(server.url().starts_with("https://"));
    let a = device(&server, "2026-11-26T12:00:00Z");
    a.ok(&["add", "over https"]);
    let err = a.fails(1, &["sync"]);
    assert_one_error_line(
        &err,
        &format!(
            "the certificate of {} is not trusted: invalid peer certificate: UnknownIssuer",
            server.url()
        ),
    );
    assert!(
        server.stored_files().is_empty(),
        "nothing went to a server not trusted"
    );

    let ca = server.ca.clone().unwrap();
    let out = a
        .command(&["sync"])
        .env("SSL_CERT_FILE", &ca)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 todo sent"));
    assert_eq!(phone_summaries(&server), ["over https"]);
}
