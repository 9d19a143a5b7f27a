//! Which fenced-code languages lessons can use, decided by the same syntect syntax set the
//! viewer highlights with (syntect's defaults plus a bundled TOML grammar).

use syntect::parsing::{SyntaxDefinition, SyntaxSet};

/// TOML is not in syntect's bundled set; lessons about lesson packs and SAM configs need it.
pub const TOML_SYNTAX: &str = include_str!("../../assets/syntaxes/TOML.sublime-syntax");

/// Fence tags that mean "no highlighting" and are always accepted.
pub const PLAIN_TAGS: [&str; 3] = ["", "text", "plain"];

/// syntect's default syntaxes plus TOML.
pub fn syntax_set() -> SyntaxSet {
    let mut builder = SyntaxSet::load_defaults_newlines().into_builder();
    match SyntaxDefinition::load_from_str(TOML_SYNTAX, true, Some("TOML")) {
        Ok(definition) => builder.add(definition),
        // The grammar is compiled into the binary and covered by a test, so this only logs.
        Err(error) => log::error!("bundled TOML grammar is invalid: {error}"),
    }
    builder.build()
}

/// True when a fence tag (the word after ```) gets syntax highlighting or is plain text.
pub fn is_known_language(syntaxes: &SyntaxSet, tag: &str) -> bool {
    let tag = fence_language(tag);
    PLAIN_TAGS.contains(&tag) || syntaxes.find_syntax_by_token(tag).is_some()
}

/// The language word of a fence info string such as `javascript title="index.mjs"`.
pub fn fence_language(info: &str) -> &str {
    info.split_whitespace().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntect::easy::HighlightLines;
    use syntect::highlighting::ThemeSet;

    #[test]
    fn every_language_lessons_promise_is_highlighted() {
        let syntaxes = syntax_set();
        for tag in [
            "javascript",
            "js",
            "python",
            "json",
            "bash",
            "sh",
            "yaml",
            "toml",
            "rust",
        ] {
            assert!(is_known_language(&syntaxes, tag), "{tag} has no syntax");
        }
        assert!(!is_known_language(&syntaxes, "klingon"));
    }

    #[test]
    fn toml_grammar_colours_keys_strings_and_tables_differently() {
        let syntaxes = syntax_set();
        let toml = syntaxes
            .find_syntax_by_token("toml")
            .expect("TOML syntax is bundled");
        let themes = ThemeSet::load_defaults();
        let mut lines = HighlightLines::new(toml, &themes.themes["base16-ocean.dark"]);
        let mut colours = std::collections::HashSet::new();
        for line in ["[[lesson]]\n", "id = \"x\" # note\n", "minutes = 10\n"] {
            for (style, _) in lines.highlight_line(line, &syntaxes).expect("highlights") {
                colours.insert(style.foreground);
            }
        }
        assert!(colours.len() >= 4, "only {} colours", colours.len());
    }
}
