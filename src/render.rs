//! Rendering the validated model into the pages of the URL contract, in
//! memory. A renderer gets the site and nothing else; writing is `output`'s.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::output::OutputFile;

/// Every file of the site: pages, feeds, sitemap, JSON, assets and media.
pub fn render(_site: &Site) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    Ok(Vec::new())
}
