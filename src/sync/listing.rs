//! The sync-collection report (RFC 6578 §3.2), asked and read here rather than through
//! libdav's, which drops the answer about the collection itself, and so the 507 that says
//! a listing is only part of what changed (§3.6): a server may page a long listing that way
//! (Google does, about 230 at a time), and a part taken for the whole would count every
//! resource not in it as deleted.

use http::{Method, Request, StatusCode, Uri};
use libdav::dav::{WebDavError, make_relative_url};
use libdav::encoding::normalise_percent_encoded;
use libdav::names;
use libdav::requests::{DavRequest, ParseResponseError, xml_content_type_header};
use libdav::xmlutils::parse_statusline;

use super::dav::{Listed, Listing};

pub struct SyncReport<'a> {
    pub collection: &'a str,
    pub token: Option<&'a str>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Parse(#[from] ParseResponseError),
}

impl<E> From<ReportError> for WebDavError<E> {
    fn from(e: ReportError) -> Self {
        match e {
            ReportError::Parse(p) => p.into(),
        }
    }
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl DavRequest for SyncReport<'_> {
    type Response = Listed;
    type ParseError = ReportError;
    type Error<E> = WebDavError<E>;

    fn prepare_request(&self, base_url: Uri) -> Result<Request<String>, http::Error> {
        let token = match self.token {
            Some(t) => format!("<D:sync-token>{}</D:sync-token>", escaped(t)),
            None => "<D:sync-token/>".to_string(),
        };
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
             <D:sync-collection xmlns:D=\"DAV:\">{token}<D:sync-level>1</D:sync-level>\
             <D:prop><D:getetag/></D:prop></D:sync-collection>"
        );
        let (name, value) = xml_content_type_header();
        Request::builder()
            .method(Method::from_bytes(b"REPORT")?)
            .uri(make_relative_url(base_url, self.collection)?)
            .header(name, value)
            .body(body)
    }

    fn parse_response(
        &self,
        parts: &http::response::Parts,
        body: &[u8],
    ) -> Result<Listed, ReportError> {
        let text = std::str::from_utf8(body).map_err(ParseResponseError::from)?;
        if !parts.status.is_success() {
            // A token the server no longer knows: 403 with DAV:valid-sync-token (some servers
            // answer 409, 410 or 412).
            let refused = matches!(
                parts.status,
                StatusCode::FORBIDDEN
                    | StatusCode::CONFLICT
                    | StatusCode::GONE
                    | StatusCode::PRECONDITION_FAILED
            ) && self.token.is_some();
            if refused {
                return Ok(Listed::TokenRefused);
            }
            return Err(ParseResponseError::BadStatusCode(parts.status).into());
        }
        let doc = roxmltree::Document::parse(text).map_err(ParseResponseError::from)?;
        Ok(Listed::Listing(read_listing(&doc, self.collection)?))
    }
}

fn read_listing(doc: &roxmltree::Document<'_>, collection: &str) -> Result<Listing, ReportError> {
    let root = doc.root_element();
    let invalid = |what: &str| ParseResponseError::InvalidResponse(what.to_string().into());
    let token = root
        .children()
        .find(|n| n.is_element() && n.tag_name() == names::SYNC_TOKEN)
        .and_then(|n| n.text())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let mut listing = Listing {
        token,
        ..Listing::default()
    };
    let trimmed = |h: &str| h.trim_end_matches('/').to_string();
    for response in root
        .children()
        .filter(|n| n.is_element() && n.tag_name() == names::RESPONSE)
    {
        let href = response
            .children()
            .find(|n| n.tag_name() == names::HREF)
            .and_then(|n| n.text())
            .ok_or_else(|| invalid("a response without its href"))?;
        let href = normalise_percent_encoded(href.trim())
            .map_err(ParseResponseError::from)?
            .into_owned();
        // The status of the response itself (not of a propstat): 404 deleted, 507 truncated.
        let status = response
            .children()
            .find(|n| n.tag_name() == names::STATUS)
            .and_then(|n| n.text())
            .and_then(|s| parse_statusline(s).ok());
        if trimmed(&href) == trimmed(collection) {
            listing.truncated |= status == Some(StatusCode::INSUFFICIENT_STORAGE);
            continue;
        }
        if href.ends_with('/') {
            continue; // a collection inside: not a todo
        }
        if status == Some(StatusCode::NOT_FOUND) {
            listing.deleted.push(href);
            continue;
        }
        let etag = response
            .descendants()
            .find(|n| n.tag_name() == names::GETETAG)
            .and_then(|n| n.text())
            .map(|e| e.trim().to_string());
        listing.changed.push((href, etag));
    }
    Ok(listing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Listing {
        let doc = roxmltree::Document::parse(xml).unwrap();
        read_listing(&doc, "/cal/work/").unwrap()
    }

    #[test]
    fn a_507_for_the_collection_says_the_listing_is_partial() {
        let l = read(
            r#"<multistatus xmlns="DAV:">
              <response><href>/cal/work/a.ics</href><propstat><prop><getetag>"1"</getetag></prop>
                <status>HTTP/1.1 200 OK</status></propstat></response>
              <response><href>/cal/work/gone%20x.ics</href><status>HTTP/1.1 404 Not Found</status></response>
              <response><href>/cal/work/</href><status>HTTP/1.1 507 Insufficient Storage</status></response>
              <sync-token>t2</sync-token></multistatus>"#,
        );
        assert!(l.truncated);
        assert_eq!(
            l.changed,
            [("/cal/work/a.ics".to_string(), Some("\"1\"".to_string()))]
        );
        assert_eq!(l.deleted, ["/cal/work/gone x.ics"]);
        assert_eq!(l.token.as_deref(), Some("t2"));
        let whole = read(r#"<multistatus xmlns="DAV:"><sync-token>t3</sync-token></multistatus>"#);
        assert!(!whole.truncated);
    }
}
