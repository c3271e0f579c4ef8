//! `site.yaml`, read before anything else: its languages decide how every
//! text of the site is checked.

use crate::content::config;
use crate::content::discover::Pending;
use crate::content::fields::Languages;
use crate::content::file::FileState;
use crate::content::problem::{Loc, Problem};
use crate::content::run::Run;
use crate::model::SiteConfig;

/// The site's settings, as far as `site.yaml` could be read.
pub(in crate::content) struct Settings {
    /// `None` when `site.yaml` is missing or has errors.
    pub config: Option<SiteConfig>,
    /// No codes when `site.yaml` is too broken to say.
    pub langs: Languages,
}

pub(in crate::content) fn settings(run: &mut Run, site: Option<&Pending>) -> Settings {
    let mut settings = Settings {
        config: None,
        langs: Languages {
            codes: Vec::new(),
            fallback: false,
        },
    };
    match site {
        Some(pending) => {
            let mut state = FileState::read_yaml(pending);
            if let Some(value) = state.parse_yaml() {
                settings.langs = config::languages(&value);
                settings.config = config::parse(&value, &mut state.problems);
            }
            run.push(state);
        }
        None => {
            let mut state = FileState::new("content/site.yaml");
            state.problems.push(
                Problem::error(Loc::File, "the site has no content/site.yaml")
                    .hint("create content/site.yaml with base_url, languages, title and description (see docs/content-model.md), or point --root at the site's directory"),
            );
            run.push(state);
        }
    }
    settings
}
