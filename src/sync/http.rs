//! The HTTP client libdav speaks through: hyper with rustls (TLS 1.2 and 1.3, the system's
//! roots), Basic authentication on every request, a count of requests made (a sync that
//! finds nothing new should cost one request per collection at most; the benchmark reads it),
//! and a cap on the size of every answer, so a server that never stops sending cannot eat
//! the memory.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use std::future::Future;
use std::pin::Pin;

use http::{HeaderValue, Request, Response};
use http_body_util::Limited;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::{Client, ResponseFuture};
use hyper_util::rt::TokioExecutor;

type Connector = hyper_rustls::HttpsConnector<HttpConnector>;

/// The largest answer softly reads: 64 MiB. The largest a real one gets is a whole listing
/// of a big collection (about 200 bytes a task: some 300,000 tasks) or a multiget of 200
/// tasks (a few KiB each; one of several MiB, an inline attachment, is fetched alone when
/// its batch would not fit). Past it the request fails as "too big", and the round says so.
pub const MAX_ANSWER: usize = 64 * 1024 * 1024;

#[derive(Clone)]
pub struct Authorized {
    inner: Client<Connector, String>,
    authorization: HeaderValue,
    requests: Arc<AtomicU64>,
}

impl Authorized {
    /// A client that signs in as `username`. Fails only when the system's root
    /// certificates cannot be read.
    pub fn new(username: &str, password: &str) -> std::io::Result<Authorized> {
        use base64::Engine;
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_native_roots()?
            .https_or_http()
            .enable_http1()
            .build();
        let token =
            base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
        let mut authorization = HeaderValue::from_str(&format!("Basic {token}"))
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        authorization.set_sensitive(true);
        Ok(Authorized {
            inner: Client::builder(TokioExecutor::new()).build(connector),
            authorization,
            requests: Arc::default(),
        })
    }

    /// How many requests this client (and its clones) has sent.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }
}

type Answer = Response<Limited<hyper::body::Incoming>>;

impl tower_service::Service<Request<String>> for Authorized {
    type Response = Answer;
    type Error = hyper_util::client::legacy::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Answer, Self::Error>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut request: Request<String>) -> Self::Future {
        request
            .headers_mut()
            .insert(http::header::AUTHORIZATION, self.authorization.clone());
        self.requests.fetch_add(1, Ordering::Relaxed);
        let answer: ResponseFuture = self.inner.request(request);
        Box::pin(async move {
            let response = answer.await?;
            Ok(response.map(|body| Limited::new(body, MAX_ANSWER)))
        })
    }
}
