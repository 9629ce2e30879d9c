//! trailmap-lint: lint rules for roadmap files, and the output formats CI
//! reads (`full`, `concise`, `json`, `github`, `sarif`).

pub mod emit;
