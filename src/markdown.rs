//! Markdown to HTML, shared by the renderer.
