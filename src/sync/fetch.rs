//! Fetching resources: calendar-multiget (RFC 4791 §7.9), 200 at a time. A batch whose
//! answer softly cannot read whole (over the size an answer may have, or one resource that
//! spoils the XML: an empty one, a control character) is fetched again a resource at a time
//! with a plain GET, so one bad resource never keeps the others away: it is named, with why,
//! and left on the server as it is.

use http::{Method, Request, StatusCode, Uri};
use libdav::caldav::GetCalendarResources;
use libdav::dav::{WebDavError, make_relative_url};
use libdav::requests::{DavRequest, ParseResponseError};

use super::dav::Fetched;
use super::round_error::SyncError;
use super::server::Server;

/// How many resources one multiget asks for.
const BATCH: usize = 200;

impl Server {
    pub(super) fn fetch_resources(
        &self,
        collection: &str,
        hrefs: &[String],
    ) -> Result<Fetched, SyncError> {
        let mut fetched = Fetched::default();
        for chunk in hrefs.chunks(BATCH) {
            let asked = GetCalendarResources::new(collection).with_hrefs(chunk);
            match self.run(self.dav.request(asked)) {
                Ok(got) => {
                    // Only what was asked for: a server's answer may name anything.
                    for r in got
                        .resources
                        .into_iter()
                        .filter(|r| chunk.contains(&r.href))
                    {
                        match r.content {
                            Ok(content) => fetched.found.push((r.href, content.etag, content.data)),
                            Err(StatusCode::NOT_FOUND) => {}
                            Err(status) => fetched
                                .unreadable
                                .push((r.href, format!("the server answered {status}"))),
                        }
                    }
                }
                Err(e) if !e.is_about_the_answer() => return Err(e),
                Err(_) => {
                    for href in chunk {
                        match self.run(self.dav.request(GetResource { href })) {
                            Ok(Some((etag, text))) => {
                                fetched.found.push((href.clone(), etag, text))
                            }
                            Ok(None) => {}
                            Err(e) if !e.is_about_the_answer() => return Err(e),
                            Err(e) => fetched.unreadable.push((href.clone(), e.to_string())),
                        }
                    }
                }
            }
        }
        Ok(fetched)
    }
}

/// A plain GET of one resource: its ETag and text, or `None` when it is gone.
struct GetResource<'a> {
    href: &'a str,
}

impl DavRequest for GetResource<'_> {
    type Response = Option<(String, String)>;
    type ParseError = ParseResponseError;
    type Error<E> = WebDavError<E>;

    fn prepare_request(&self, base_url: Uri) -> Result<Request<String>, http::Error> {
        Request::builder()
            .method(Method::GET)
            .uri(make_relative_url(base_url, self.href)?)
            .body(String::new())
    }

    fn parse_response(
        &self,
        parts: &http::response::Parts,
        body: &[u8],
    ) -> Result<Self::Response, ParseResponseError> {
        if parts.status == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !parts.status.is_success() {
            return Err(ParseResponseError::BadStatusCode(parts.status));
        }
        let etag = parts
            .headers
            .get(http::header::ETAG)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let text = std::str::from_utf8(body).map_err(|_| {
            ParseResponseError::InvalidResponse("its text is not UTF-8".to_string().into())
        })?;
        Ok(Some((etag, text.to_string())))
    }
}
