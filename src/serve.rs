//! The editors' preview server.
