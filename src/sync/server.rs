//! The CalDAV server over HTTP, through libdav, as the plain calls of [`Dav`]: libdav is
//! async (hyper), so each call runs on a small runtime of this thread's own, with a time
//! limit. Sync runs on a worker thread in the app and on the main thread in `softly sync`;
//! nothing here touches the store.

use std::time::Duration;

use http::{StatusCode, Uri};
use libdav::caldav::{CalendarComponent, CreateCalendar, GetSupportedComponents};
use libdav::dav::{
    Delete, FindCollections, GetEtag, PutResource, RequestError, SetProperty, WebDavClient,
    WebDavError,
};
use libdav::{CalDavClient, names};

use super::dav::{Dav, Fetched, Listed, Put, PutOutcome, RemoteCollection};
use super::http::Authorized;
use super::listing::SyncReport;
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

    /// Runs `work` on this thread's runtime; `Err` when it takes longer than a request may.
    pub(super) fn within<F: Future>(
        &self,
        work: F,
    ) -> Result<F::Output, tokio::time::error::Elapsed> {
        self.runtime
            .block_on(async { tokio::time::timeout(REQUEST_TIME, work).await })
    }

    pub(super) fn run<T>(
        &self,
        work: impl Future<Output = Result<T, DavError>>,
    ) -> Result<T, SyncError> {
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
            WebDavError::Request(RequestError::Http(e))
                if e.downcast_ref::<http_body_util::LengthLimitError>()
                    .is_some() =>
            {
                SyncError::TooBig {
                    url: self.url.clone(),
                    limit: super::http::MAX_ANSWER,
                }
            }
            WebDavError::Request(RequestError::Http(e)) => SyncError::Offline {
                url: self.url.clone(),
                detail: e.to_string(),
            },
            other => SyncError::Server(other.to_string()),
        }
    }

    pub(super) fn timed_out(&self) -> SyncError {
        SyncError::Offline {
            url: self.url.clone(),
            detail: format!("no answer in {} seconds", REQUEST_TIME.as_secs()),
        }
    }

    /// A write's or a delete's answer as an outcome: 412 a conflict, a refusal for good
    /// (400, 403, 409, 415…) said with its status, the rest an error of the round.
    fn outcome<T>(
        &self,
        answer: Result<Result<T, DavError>, tokio::time::error::Elapsed>,
        done: impl FnOnce(T) -> PutOutcome,
    ) -> Result<PutOutcome, SyncError> {
        match answer {
            Ok(Ok(t)) => Ok(done(t)),
            Ok(Err(WebDavError::BadStatusCode(StatusCode::PRECONDITION_FAILED)))
            | Ok(Err(WebDavError::PreconditionFailed(_))) => Ok(PutOutcome::Conflict),
            Ok(Err(WebDavError::BadStatusCode(
                status @ (StatusCode::BAD_REQUEST
                | StatusCode::FORBIDDEN
                | StatusCode::CONFLICT
                | StatusCode::UNSUPPORTED_MEDIA_TYPE
                | StatusCode::PAYLOAD_TOO_LARGE
                | StatusCode::UNPROCESSABLE_ENTITY),
            ))) => Ok(PutOutcome::Refused(format!(
                "the server refused it ({status})"
            ))),
            Ok(Err(e)) => Err(self.error(e)),
            Err(_) => Err(self.timed_out()),
        }
    }
}

impl Dav for Server {
    fn requests(&self) -> u64 {
        self.client.requests()
    }

    /// Found from the URL through the user's principal (RFC 5397, RFC 4791 §6.2.1), or
    /// the URL itself.
    fn home(&self) -> Result<String, SyncError> {
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

    fn collections(&self, home: &str) -> Result<Vec<RemoteCollection>, SyncError> {
        let found = self.run(
            self.dav.request(
                FindCollections::new(home)
                    .with_collection_type(&names::CALENDAR)
                    .with_additional_properties(&[
                        &names::DISPLAY_NAME,
                        &names::SYNC_TOKEN,
                        &names::CALENDAR_ORDER,
                    ]),
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
                    etag: c.etag.clone(),
                    href: c.href,
                    name,
                    order: prop(2).and_then(|o| o.trim().parse().ok()),
                }
            })
            .collect())
    }

    fn holds_todos(&self, href: &str) -> Result<bool, SyncError> {
        let found = self.run(self.dav.request(GetSupportedComponents::new(href)))?;
        Ok(found.components.is_empty() || found.components.contains(&CalendarComponent::VTodo))
    }

    fn listing(&self, collection: &str, token: Option<&str>) -> Result<Listed, SyncError> {
        self.run(self.dav.request(SyncReport { collection, token }))
    }

    fn fetch(&self, collection: &str, hrefs: &[String]) -> Result<Fetched, SyncError> {
        self.fetch_resources(collection, hrefs)
    }

    fn put(&self, put: &Put) -> Result<PutOutcome, SyncError> {
        let sent = match &put.etag {
            None => self.within(
                self.dav
                    .request(PutResource::new(&put.href).create(put.text.clone(), ICALENDAR)),
            ),
            Some(etag) => self.within(self.dav.request(PutResource::new(&put.href).update(
                put.text.clone(),
                ICALENDAR,
                etag.clone(),
            ))),
        };
        match self.outcome(sent, |r| match r.etag {
            Some(etag) => PutOutcome::Done(etag),
            None => PutOutcome::Done(String::new()),
        })? {
            // Some servers answer a PUT without the new ETag: ask for it.
            PutOutcome::Done(etag) if etag.is_empty() => Ok(PutOutcome::Done(
                self.run(self.dav.request(GetEtag::new(&put.href)))?.etag,
            )),
            other => Ok(other),
        }
    }

    fn delete(&self, href: &str, etag: &str) -> Result<PutOutcome, SyncError> {
        let answer = self.within(self.dav.request(Delete::new(href).with_etag(etag)));
        match answer {
            Ok(Err(WebDavError::BadStatusCode(StatusCode::NOT_FOUND))) => {
                Ok(PutOutcome::Done(String::new()))
            }
            other => self.outcome(other, |_| PutOutcome::Done(String::new())),
        }
    }

    fn make_collection(&self, href: &str, name: &str) -> Result<(), SyncError> {
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

    fn rename_collection(&self, href: &str, name: &str) -> Result<(), SyncError> {
        self.run(
            self.dav
                .request(SetProperty::new(href, &names::DISPLAY_NAME, Some(name))),
        )?;
        Ok(())
    }

    fn order_collection(&self, href: &str, order: i64) -> Result<(), SyncError> {
        let order = order.to_string();
        self.run(
            self.dav
                .request(SetProperty::new(href, &names::CALENDAR_ORDER, Some(&order))),
        )?;
        Ok(())
    }

    fn delete_collection(&self, href: &str, etag: Option<&str>) -> Result<PutOutcome, SyncError> {
        let answer = match etag {
            Some(etag) => self.within(self.dav.request(Delete::new(href).with_etag(etag))),
            None => self.within(self.dav.request(Delete::new(href).force())),
        };
        match answer {
            Ok(Err(WebDavError::BadStatusCode(StatusCode::NOT_FOUND))) => {
                Ok(PutOutcome::Done(String::new()))
            }
            other => self.outcome(other, |_| PutOutcome::Done(String::new())),
        }
    }
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
