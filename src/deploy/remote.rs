//! The target's side, through the `object_store` crate: S3 and every
//! S3-compatible service (OSS, COS, MinIO, Garage…), or a directory.
//! Credentials come only from the `AWS_*` environment variables and are
//! never printed: every error message passes through [`scrub`].

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use futures::TryStreamExt as _;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use object_store::{
    Attribute, Attributes, BackoffConfig, GetOptions, ObjectStore, ObjectStoreExt as _, PutOptions,
    PutPayload, RetryConfig,
};

use super::Failure;
use super::manifest::{MANIFEST, Manifest};
use super::plan::{Known, Listed};
use crate::fingerprint::sha256_hex;
use crate::headers::Headers;
use crate::model::{DeployLocation, DeployTarget};

/// The user metadata key holding an object's SHA-256 (`x-amz-meta-…`).
pub const HASH_KEY: &str = "offersite-sha256";

/// Environment variables that can hold a secret.
const SECRET_VARS: &[&str] = &[
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_ACCESS_KEY_ID",
];

pub struct Remote {
    store: Arc<dyn ObjectStore>,
    /// Whether objects carry headers and metadata (a bucket, not a directory).
    keeps_headers: bool,
    /// For messages: `s3://bucket/prefix/` or the directory.
    pub shown: String,
}

/// Per-request retries with exponential backoff; [`with_retries`] adds a
/// few more around each whole operation.
fn retry_config() -> RetryConfig {
    RetryConfig {
        backoff: BackoffConfig {
            init_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
            base: 2.0,
        },
        max_retries: 3,
        retry_timeout: Duration::from_secs(60),
    }
}

/// Whether the environment offers credentials `object_store` can use.
fn has_credentials() -> bool {
    let set = |v: &str| std::env::var_os(v).is_some_and(|s| !s.is_empty());
    (set("AWS_ACCESS_KEY_ID") && set("AWS_SECRET_ACCESS_KEY"))
        || set("AWS_WEB_IDENTITY_TOKEN_FILE")
        || set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        || set("AWS_CONTAINER_CREDENTIALS_FULL_URI")
}

impl Remote {
    pub fn open(target: &DeployTarget) -> Result<Remote, Failure> {
        match &target.location {
            DeployLocation::S3 { bucket, prefix } => {
                if !has_credentials() {
                    return Err(Failure::usage(
                        format!("no credentials for deploy target `{}`", target.name),
                        "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys) in the environment; site.yaml never holds them",
                    ));
                }
                let mut builder = AmazonS3Builder::from_env()
                    .with_bucket_name(bucket)
                    .with_retry(retry_config())
                    .with_virtual_hosted_style_request(target.virtual_hosted_style);
                if let Some(endpoint) = &target.endpoint {
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_allow_http(endpoint.starts_with("http://"));
                }
                let region = target
                    .region
                    .clone()
                    .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())
                    .or_else(|| std::env::var("AWS_REGION").ok())
                    .unwrap_or_else(|| "us-east-1".into());
                builder = builder.with_region(region);
                let s3 = builder.build().map_err(|e| {
                    Failure::usage(
                        format!(
                            "cannot use deploy target `{}`: {}",
                            target.name,
                            scrub(&e.to_string())
                        ),
                        "check the target's url, endpoint and region in site.yaml",
                    )
                })?;
                let store: Arc<dyn ObjectStore> = if prefix.is_empty() {
                    Arc::new(s3)
                } else {
                    Arc::new(PrefixStore::new(s3, prefix.as_str()))
                };
                let shown = if prefix.is_empty() {
                    format!("s3://{bucket}/")
                } else {
                    format!("s3://{bucket}/{prefix}/")
                };
                Ok(Remote {
                    store,
                    keeps_headers: true,
                    shown,
                })
            }
            DeployLocation::Directory(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    Failure::failed(format!("cannot create {}: {e}", dir.display()), None)
                })?;
                let fs = LocalFileSystem::new_with_prefix(dir)
                    .map_err(|e| {
                        Failure::failed(format!("cannot use {}: {e}", dir.display()), None)
                    })?
                    .with_automatic_cleanup(true);
                Ok(Remote {
                    store: Arc::new(fs),
                    keeps_headers: false,
                    shown: format!("file://{}", dir.display()),
                })
            }
        }
    }

    /// Every object below the prefix, by key.
    pub async fn list(&self) -> Result<BTreeMap<String, Listed>, object_store::Error> {
        let found: Vec<_> = with_retries(|| self.store.list(None).try_collect::<Vec<_>>()).await?;
        Ok(found
            .into_iter()
            .map(|m| {
                (
                    m.location.as_ref().to_string(),
                    Listed {
                        size: m.size,
                        etag: m.e_tag,
                    },
                )
            })
            .collect())
    }

    pub async fn read_manifest(&self) -> Manifest {
        let got =
            with_retries(|| async { self.store.get(&Path::from(MANIFEST)).await?.bytes().await })
                .await;
        match got {
            Ok(bytes) => Manifest::parse(&bytes),
            Err(_) => Manifest::default(),
        }
    }

    pub async fn write_manifest(&self, manifest: &Manifest) -> Result<(), object_store::Error> {
        let headers = Headers {
            content_type: "application/json; charset=utf-8",
            cache_control: "no-store",
        };
        let bytes = manifest.to_bytes();
        let sha = sha256_hex(&bytes);
        self.put(MANIFEST, bytes, headers, &sha).await.map(|_| ())
    }

    /// What the object at `key` holds: the hash from its metadata, or from
    /// its bytes when it has none (a directory, or an object another tool
    /// put there). `None` when it is gone.
    pub async fn probe(&self, key: &str) -> Result<Option<Known>, object_store::Error> {
        let path = Path::from(key);
        if self.keeps_headers {
            let head = GetOptions {
                head: true,
                ..GetOptions::default()
            };
            let got = match with_retries(|| self.store.get_opts(&path, head.clone())).await {
                Ok(g) => g,
                Err(object_store::Error::NotFound { .. }) => return Ok(None),
                Err(e) => return Err(e),
            };
            let attr = |a: &Attribute| got.attributes.get(a).map(|v| v.as_ref().to_string());
            let content_type = attr(&Attribute::ContentType);
            let cache_control = attr(&Attribute::CacheControl);
            if let Some(sha256) = attr(&Attribute::Metadata(HASH_KEY.into())) {
                return Ok(Some(Known {
                    sha256,
                    content_type,
                    cache_control,
                }));
            }
            let Some(sha256) = self.hash_of(&path).await? else {
                return Ok(None);
            };
            return Ok(Some(Known {
                sha256,
                content_type,
                cache_control,
            }));
        }
        Ok(self.hash_of(&path).await?.map(|sha256| Known {
            sha256,
            content_type: None,
            cache_control: None,
        }))
    }

    async fn hash_of(&self, path: &Path) -> Result<Option<String>, object_store::Error> {
        match with_retries(|| async { self.store.get(path).await?.bytes().await }).await {
            Ok(bytes) => Ok(Some(sha256_hex(&bytes))),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Uploads one object with its headers and hash; returns its ETag.
    pub async fn put(
        &self,
        key: &str,
        bytes: Vec<u8>,
        headers: Headers,
        sha256: &str,
    ) -> Result<Option<String>, object_store::Error> {
        let path = Path::from(key);
        let payload = PutPayload::from(bytes);
        let attributes = if self.keeps_headers {
            Attributes::from_iter([
                (Attribute::ContentType, headers.content_type.to_string()),
                (Attribute::CacheControl, headers.cache_control.to_string()),
                (Attribute::Metadata(HASH_KEY.into()), sha256.to_string()),
            ])
        } else {
            Attributes::new()
        };
        let options = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        let result =
            with_retries(|| self.store.put_opts(&path, payload.clone(), options.clone())).await?;
        Ok(result.e_tag)
    }

    pub async fn delete(&self, key: &str) -> Result<(), object_store::Error> {
        let path = Path::from(key);
        match with_retries(|| self.store.delete(&path)).await {
            Err(object_store::Error::NotFound { .. }) => Ok(()),
            other => other,
        }
    }
}

/// Errors no retry can cure.
fn permanent(e: &object_store::Error) -> bool {
    use object_store::Error as E;
    matches!(
        e,
        E::NotFound { .. }
            | E::PermissionDenied { .. }
            | E::Unauthenticated { .. }
            | E::InvalidPath { .. }
            | E::NotSupported { .. }
            | E::NotImplemented { .. }
            | E::AlreadyExists { .. }
            | E::Precondition { .. }
    ) || is_auth(e)
}

/// An operation tried up to three times with growing pauses, on top of the
/// store's own per-request retries: a connection that drops mid-upload is
/// re-sent rather than failing the deploy.
async fn with_retries<T, F, Fut>(op: F) -> Result<T, object_store::Error>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, object_store::Error>>,
{
    let mut pause = Duration::from_millis(200);
    let mut attempt = 1;
    loop {
        match op().await {
            Err(e) if attempt < 3 && !permanent(&e) => {
                tokio::time::sleep(pause).await;
                pause *= 4;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Whether the storage refused who we are (wrong or expired keys).
pub fn is_auth(e: &object_store::Error) -> bool {
    use object_store::Error as E;
    if matches!(e, E::PermissionDenied { .. } | E::Unauthenticated { .. }) {
        return true;
    }
    let text = e.to_string();
    [
        "SignatureDoesNotMatch",
        "InvalidAccessKeyId",
        "AccessDenied",
        "InvalidToken",
        "ExpiredToken",
        "403 Forbidden",
        "401 Unauthorized",
    ]
    .iter()
    .any(|s| text.contains(s))
}

/// A message with every credential from the environment blanked out.
pub fn scrub(message: &str) -> String {
    let secrets: Vec<String> = SECRET_VARS
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .collect();
    scrub_values(message, &secrets)
}

fn scrub_values(message: &str, secrets: &[String]) -> String {
    let mut out = message.to_string();
    for value in secrets.iter().filter(|v| v.len() >= 4) {
        out = out.replace(value.as_str(), "***");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_reach_a_message() {
        let message = "refused: key=AKIAEXAMPLE1234 secret=wJalrXUtnFEMIK7MDENG";
        let secrets = [
            "wJalrXUtnFEMIK7MDENG".to_string(),
            "AKIAEXAMPLE1234".to_string(),
            String::new(),
        ];
        assert_eq!(
            scrub_values(message, &secrets),
            "refused: key=*** secret=***"
        );
    }
}
