//! `site.yaml`'s `deploy:` list: where `offersite deploy` can publish the
//! built site. Read with the rest of `site.yaml`, so `check` reports its
//! mistakes with file, line and column like any other; `deploy` takes the
//! checked [`DeployTarget`]s from the model.

use serde_yaml::Value;

use crate::content::fields::{Record, kind_of};
use crate::content::problem::{Loc, Problem};
use crate::content::shapes;
use crate::model::{DeployLocation, DeployTarget};

const EXAMPLE: &str = "deploy: [{name: production, url: s3://offers-site/}]";

/// The `deploy:` entries of `site.yaml` (its record `r`); problems go to
/// `r.problems`, and a broken entry is left out.
pub fn read(r: &mut Record) -> Vec<DeployTarget> {
    let Some(value) = r.get("deploy") else {
        return Vec::new();
    };
    let path = r.at("deploy");
    let Value::Sequence(items) = value else {
        r.problems.push(
            Problem::error(
                Loc::Yaml(path),
                format!("`deploy` must be a list, found {}", kind_of(value)),
            )
            .hint(format!("write `{EXAMPLE}`")),
        );
        return Vec::new();
    };
    let mut targets: Vec<DeployTarget> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = path.index(i);
        let Some(mut t) = Record::open(
            item,
            at.clone(),
            "a deploy target",
            shapes::deploy_fields(),
            r.problems,
        ) else {
            continue;
        };
        let name = t.string("name", Some("production"));
        let url = t.string("url", Some("s3://BUCKET/PREFIX"));
        let endpoint = t.string("endpoint", None);
        let region = t.string("region", None);
        let virtual_hosted_style = t.bool("virtual_hosted_style");
        let mut ok = true;
        if let Some(n) = &name {
            if let Some(why) = crate::content::fields::id_problem(n) {
                t.problems.push(
                    Problem::error(
                        Loc::Yaml(at.field("name")),
                        format!("deploy target name: {why}"),
                    )
                    .hint("name it like `production` or `staging`: it is what --target takes"),
                );
                ok = false;
            } else if targets.iter().any(|d| &d.name == n) {
                t.problems.push(
                    Problem::error(
                        Loc::Yaml(at.field("name")),
                        format!("deploy target `{n}` is listed twice"),
                    )
                    .hint("give each target its own name"),
                );
                ok = false;
            }
        }
        let location = url.as_deref().and_then(|u| match parse_location(u) {
            Ok(l) => Some(l),
            Err(why) => {
                t.problems.push(
                    Problem::error(Loc::Yaml(at.field("url")), why).hint(
                        "write `s3://BUCKET/` or `s3://BUCKET/PREFIX/` (any S3-compatible service), or `file:///ABSOLUTE/PATH`",
                    ),
                );
                None
            }
        });
        if let Some(e) = &endpoint
            && !(e.starts_with("https://") || e.starts_with("http://"))
        {
            t.problems.push(
                Problem::error(
                    Loc::Yaml(at.field("endpoint")),
                    format!("endpoint {e:?} must start with https:// or http://"),
                )
                .hint("write the service's address, e.g. `https://oss-cn-hangzhou.aliyuncs.com`"),
            );
            ok = false;
        }
        if let Some(e) = &endpoint
            && matches!(location, Some(DeployLocation::Directory(_)))
        {
            t.problems.push(
                Problem::error(
                    Loc::Yaml(at.field("endpoint")),
                    format!("endpoint {e:?} is set for a file:// target"),
                )
                .hint("remove `endpoint`: it is for s3:// targets"),
            );
            ok = false;
        }
        if let (true, Some(name), Some(location)) = (ok, name, location) {
            targets.push(DeployTarget {
                name,
                location,
                endpoint,
                region,
                virtual_hosted_style,
            });
        }
    }
    targets
}

/// `s3://bucket/prefix/` or `file:///path`.
fn parse_location(url: &str) -> Result<DeployLocation, String> {
    if let Some(rest) = url.strip_prefix("s3://") {
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let valid_bucket = (3..=63).contains(&bucket.len())
            && bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
            && !bucket.starts_with(['-', '.'])
            && !bucket.ends_with(['-', '.']);
        if !valid_bucket {
            return Err(format!(
                "{url:?} does not name a bucket: a bucket name is 3 to 63 lowercase letters, digits, `-` and `.`"
            ));
        }
        let prefix = prefix.trim_matches('/');
        let clean = prefix.is_empty()
            || prefix
                .split('/')
                .all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains(['\\', '\0']));
        if !clean {
            return Err(format!("the key prefix of {url:?} is not a plain path"));
        }
        return Ok(DeployLocation::S3 {
            bucket: bucket.to_string(),
            prefix: prefix.to_string(),
        });
    }
    if let Some(path) = url.strip_prefix("file://") {
        if !path.starts_with('/') {
            return Err(format!(
                "{url:?} must name an absolute directory: file:///PATH"
            ));
        }
        return Ok(DeployLocation::Directory(path.into()));
    }
    Err(format!("{url:?} is not an s3:// or file:// URL"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        assert_eq!(
            parse_location("s3://offers-site/").unwrap(),
            DeployLocation::S3 {
                bucket: "offers-site".into(),
                prefix: String::new()
            }
        );
        assert_eq!(
            parse_location("s3://offers-site/www/v1/").unwrap(),
            DeployLocation::S3 {
                bucket: "offers-site".into(),
                prefix: "www/v1".into()
            }
        );
        assert_eq!(
            parse_location("file:///srv/site").unwrap(),
            DeployLocation::Directory("/srv/site".into())
        );
        for bad in [
            "s3://",
            "s3://Offers/",
            "s3://ab/",
            "s3://bucket/a/../b",
            "file://relative",
            "https://x.example/",
            "gs://bucket/",
        ] {
            assert!(parse_location(bad).is_err(), "{bad}");
        }
    }
}
