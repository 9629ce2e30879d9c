//! A message stays a line however long the texts of the file it quotes:
//! names, URLs, ids and former ids of 20,000 characters.

use trailmap::LoadOptions;
use trailmap_lint::config::Config;
use trailmap_lint::{SourceFile, lint_with};

#[test]
fn messages_quote_long_texts_in_part() {
    let long = "N".repeat(20_000);
    let first = format!(
        r#"{{"id": "r", "title": "R", "version": "1.0.0", "skills": [
          {{"id": "a", "name": "{long}", "former_ids": ["{long}", "{long}"]}},
          {{"id": "b", "name": "{long}s", "prerequisites": ["{long}", "{long}"],
            "resources": [{{"title": "t", "url": "htp://{long}"}}]}}]}}"#
    );
    let second =
        format!(r#"{{"id": "r2", "title": "R", "version": "1.0.0", "skills": [{{"id": "a", "name": "{long}x"}}]}}"#);
    let files = [SourceFile::new("first.json", first), SourceFile::new("second.json", second)];
    let diagnostics = lint_with(&files, &Config::default(), &LoadOptions::default());
    for code in ["TM005", "TM109", "TM112", "TM115", "TM120"] {
        assert!(diagnostics.iter().any(|d| d.code == code), "no {code}: {diagnostics:#?}");
    }
    for d in &diagnostics {
        let help = d.help.as_deref().unwrap_or("");
        let fix = d.fix.as_ref().map_or("", |f| f.message.as_str());
        for text in [d.message.as_str(), help, fix] {
            assert!(text.chars().count() < 300, "{} says {} characters", d.code, text.chars().count());
        }
    }
}
