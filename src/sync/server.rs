//! The CalDAV server, through libdav, as plain calls: libdav is async (hyper), so each call
//! runs on a small runtime of this thread's own, with a time limit. Sync runs on a worker
//! thread in the app and on the main thread in `softly sync`; nothing here touches the store.

use std::time::Duration;

use http::{StatusCode, Uri};
use libdav::caldav::{
    CalendarComponent, CreateCalendar, GetCalendarResources, GetSupportedComponents,
};
use libdav::dav::{
    Delete, FindCollections, RequestError, SetProperty, SyncCollection, WebDavClient, WebDavError,
};
use libdav::{CalDavClient, names};

use super::http::Authorized;
use super::round_error::SyncError;

/// How long one request may take before the server counts as unreachable.
const REQUEST_TIME: Duration = Duration::from_secs(30);
pub(super) const ICALENDAR: &str = "text/calendar; charset=utf-8";

pub struct Server {
    runtime: tokio::runtime::Runtime,
    pub(super) dav: CalDavClient<Authorized>,
    client: Authorized,
    url: String,
}

/// A calendar collection that holds todos.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteCollection {
    pub href: String,
    pub name: String,
    /// Its sync token now (RFC 6578), when the server says: unchanged means nothing moved.
    pub sync_token: Option<String>,
    /// Whether it takes VTODOs (a calendar of events only is left alone).
    pub holds_todos: bool,
}

/// What changed in a collection since a sync token.
pub struct Changes {
    pub token: Option<String>,
    /// Resources added or changed, with their ETags.
    pub changed: Vec<(String, Option<String>)>,
    pub deleted: Vec<String>,
    /// True when this is a whole listing (no token, or the server refused it): what is not
    /// listed is not there.
    pub complete: bool,
}

/// The outcome of a conditional write.
pub enum PutOutcome {
    Done(String),
    /// The resource changed on the server since its ETag (HTTP 412).
    Conflict,
}

pub(super) type DavError = WebDavError<hyper_util::client::legacy::Error>;

impl Server {
    pub fn connect(url: &str, username: &str, password: &str) -> Result<Server, SyncError> {
        let uri: Uri = url
            .parse()
            .map_err(|e| SyncError::Settings(format!("sync url '{url}' is not a URL: {e}")))?;
        let client = Authorized::new(username, password)
            .map_err(|e| SyncError::Settings(format!("could not set up TLS: {e}")))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                SyncError::Settings(format!("could not start the network runtime: {e}"))
            })?;
        let dav = CalDavClient::new(WebDavClient::new(uri, client.clone()));
        Ok(Server {
            runtime,
            dav,
            client,
            url: url.to_string(),
        })
    }

    pub fn requests(&self) -> u64 {
        self.client.requests()
    }

    /// Runs `work` on this thread's runtime; `Err` when it takes longer than a request may.
    pub(super) fn within<F: Future>(
        &self,
        work: F,
    ) -> Result<F::Output, tokio::time::error::Elapsed> {
        self.runtime
            .block_on(async { tokio::time::timeout(REQUEST_TIME, work).await })
    }

    fn run<T>(&self, work: impl Future<Output = Result<T, DavError>>) -> Result<T, SyncError> {
        match self.within(work) {
            Ok(result) => result.map_err(|e| self.error(e)),
            Err(_) => Err(SyncError::Offline {
                url: self.url.clone(),
                detail: format!("no answer in {} seconds", REQUEST_TIME.as_secs()),
            }),
        }
    }

    pub(super) fn error(&self, e: DavError) -> SyncError {
        match e {
            WebDavError::BadStatusCode(StatusCode::UNAUTHORIZED) => SyncError::Unauthorized {
                url: self.url.clone(),
            },
            WebDavError::Request(RequestError::Client(e)) => {
                let detail = innermost(&e);
                // rustls says "invalid peer certificate: …": not offline, and trying again
                // will not mend it.
                if detail.contains("certificate") {
                    SyncError::Certificate {
                        url: self.url.clone(),
                        detail,
                    }
                } else {
                    SyncError::Offline {
                        url: self.url.clone(),
                        detail,
                    }
                }
            }
            WebDavError::Request(RequestError::Http(e)) => SyncError::Offline {
                url: self.url.clone(),
                detail: e.to_string(),
            },
            other => SyncError::Server(other.to_string()),
        }
    }

    /// The collection that holds the user's calendars: found from the URL through the
    /// user's principal (RFC 5397, RFC 4791 §6.2.1), or the URL itself.
    pub fn home(&self) -> Result<String, SyncError> {
        let principal = self.within(self.dav.find_current_user_principal());
        let principal = match principal {
            Ok(Ok(Some(p))) => p.path().to_string(),
            Ok(Err(libdav::dav::FindCurrentUserPrincipalError::RequestError(e))) => {
                return Err(self.error(e));
            }
            _ => self.dav.base_url().path().to_string(),
        };
        // A server that names no home: the URL is taken to be it.
        let home = self.run(
            self.dav
                .request(libdav::caldav::FindCalendarHomeSet::new(&principal)),
        );
        match home {
            Ok(found) => Ok(found
                .home_sets
                .first()
                .map(|u| u.path().to_string())
                .unwrap_or(principal)),
            Err(SyncError::Server(_)) => Ok(self.dav.base_url().path().to_string()),
            Err(e) => Err(e),
        }
    }

    /// The calendar collections under `home`, with their names and sync tokens.
    pub fn collections(&self, home: &str) -> Result<Vec<RemoteCollection>, SyncError> {
        let found = self.run(
            self.dav.request(
                FindCollections::new(home)
                    .with_collection_type(&names::CALENDAR)
                    .with_additional_properties(&[&names::DISPLAY_NAME, &names::SYNC_TOKEN]),
            ),
        )?;
        Ok(found
            .collections
            .into_iter()
            .map(|c| {
                let prop = |i: usize| c.properties.get(i).and_then(|p| p.1.clone());
                let name = prop(0).unwrap_or_else(|| last_segment(&c.href));
                RemoteCollection {
                    sync_token: prop(1),
                    href: c.href,
                    name,
                    holds_todos: true,
                }
            })
            .collect())
    }

    /// Whether a collection takes VTODOs.
    pub fn holds_todos(&self, href: &str) -> Result<bool, SyncError> {
        let found = self.run(self.dav.request(GetSupportedComponents::new(href)))?;
        Ok(found.components.is_empty() || found.components.contains(&CalendarComponent::VTodo))
    }

    /// What changed since `token` (RFC 6578); a whole listing when there is no token or the
    /// server no longer knows it.
    pub fn changes(&self, href: &str, token: Option<&str>) -> Result<Changes, SyncError> {
        let report = |token: Option<&str>| {
            let request = SyncCollection::new(href);
            let request = match token {
                Some(t) => request.with_sync_token(t),
                None => request,
            };
            self.within(self.dav.request(request))
        };
        let first = report(token);
        let (listing, complete) = match first {
            Ok(Ok(listing)) => (listing, token.is_none()),
            Ok(Err(e)) if token.is_some() && token_refused(&e) => match report(None) {
                Ok(result) => (result.map_err(|e| self.error(e))?, true),
                Err(_) => return Err(self.timed_out()),
            },
            Ok(Err(e)) => return Err(self.error(e)),
            Err(_) => return Err(self.timed_out()),
        };
        Ok(Changes {
            token: Some(listing.new_sync_token).filter(|t| !t.is_empty()),
            changed: listing
                .changed
                .into_iter()
                .filter(|r| !r.href.ends_with('/'))
                .map(|r| (r.href, r.etag))
                .collect(),
            deleted: listing.deleted,
            complete,
        })
    }

    /// The text and ETag of resources in a collection (calendar-multiget, RFC 4791 §7.9).
    pub fn fetch(
        &self,
        collection: &str,
        hrefs: &[String],
    ) -> Result<Vec<(String, String, String)>, SyncError> {
        let mut out = Vec::with_capacity(hrefs.len());
        for chunk in hrefs.chunks(200) {
            let got = self.run(
                self.dav
                    .request(GetCalendarResources::new(collection).with_hrefs(chunk)),
            )?;
            for r in got.resources {
                if let Ok(content) = r.content {
                    out.push((r.href, content.etag, content.data));
                }
            }
        }
        Ok(out)
    }

    /// Deletes a resource if it still has `etag`; one already gone counts as deleted.
    pub fn delete(&self, href: &str, etag: &str) -> Result<PutOutcome, SyncError> {
        let del = self.dav.request(Delete::new(href).with_etag(etag));
        match self.within(del) {
            Ok(Ok(_)) | Ok(Err(WebDavError::BadStatusCode(StatusCode::NOT_FOUND))) => {
                Ok(PutOutcome::Done(String::new()))
            }
            Ok(Err(WebDavError::BadStatusCode(StatusCode::PRECONDITION_FAILED))) => {
                Ok(PutOutcome::Conflict)
            }
            Ok(Err(e)) => Err(self.error(e)),
            Err(_) => Err(self.timed_out()),
        }
    }

    pub fn make_collection(&self, href: &str, name: &str) -> Result<(), SyncError> {
        let components = [CalendarComponent::VTodo];
        self.run(
            self.dav.request(
                CreateCalendar::new(href)
                    .with_display_name(name)
                    .with_components(&components),
            ),
        )?;
        Ok(())
    }

    pub fn rename_collection(&self, href: &str, name: &str) -> Result<(), SyncError> {
        self.run(
            self.dav
                .request(SetProperty::new(href, &names::DISPLAY_NAME, Some(name))),
        )?;
        Ok(())
    }

    pub fn delete_collection(&self, href: &str) -> Result<(), SyncError> {
        match self.within(self.dav.request(Delete::new(href).force())) {
            Ok(Ok(_)) | Ok(Err(WebDavError::BadStatusCode(StatusCode::NOT_FOUND))) => Ok(()),
            Ok(Err(e)) => Err(self.error(e)),
            Err(_) => Err(self.timed_out()),
        }
    }

    pub(super) fn timed_out(&self) -> SyncError {
        SyncError::Offline {
            url: self.url.clone(),
            detail: format!("no answer in {} seconds", REQUEST_TIME.as_secs()),
        }
    }
}

fn token_refused(e: &DavError) -> bool {
    matches!(
        e,
        WebDavError::PreconditionFailed(_)
            | WebDavError::BadStatusCode(
                StatusCode::FORBIDDEN | StatusCode::CONFLICT | StatusCode::PRECONDITION_FAILED
            )
    )
}

fn last_segment(href: &str) -> String {
    href.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(href)
        .to_string()
}

/// The deepest cause of a connection error ("Connection refused"), not hyper's wrapper.
fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}
