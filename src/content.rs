//! Loading and validating the content tree into the model.
