//! Scalars for the hand-written SAM template: strings quoted so any text (colons, `#`, quotes,
//! newlines, words YAML would read as booleans) reads back as the same string.
//!
//! The template is written as text rather than through a YAML library: it is small, its shape
//! is fixed, and CloudFormation's short tags (`!Ref`, `!GetAtt`) are easier to write than to
//! model. Only the strings that come from the learner need care, and they all go through here.

/// `text` as a YAML double-quoted scalar, which can hold any string once escaped.
///
/// YAML 1.2, "Double-Quoted Style" (<https://yaml.org/spec/1.2.2/#731-double-quoted-style>):
/// `\` and `"` are escaped; line breaks must be escaped too, or the parser folds them into
/// spaces, and that includes the Unicode breaks U+0085, U+2028 and U+2029; characters outside
/// YAML's printable set (C0 and C1 controls, DEL, U+FEFF, U+FFFE/U+FFFF) must be escaped
/// wherever they appear.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}' => out.push_str("\\0"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if needs_escape(c) => {
                let code = u32::from(c);
                if code <= 0xFF {
                    out.push_str(&format!("\\x{code:02X}"));
                } else {
                    out.push_str(&format!("\\u{code:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters YAML does not allow unescaped (outside its printable set), plus the byte order
/// mark, which some readers strip wherever it appears.
fn needs_escape(c: char) -> bool {
    let code = u32::from(c);
    code < 0x20 || (0x7F..=0x9F).contains(&code) || matches!(code, 0xFEFF | 0xFFFE | 0xFFFF)
}

/// `text` written plain when YAML (1.1, which PyYAML and so the SAM CLI read, or 1.2) reads it
/// back as the same string; otherwise [`quoted`]. Keeps `index.handler` and `nodejs22.x`
/// readable while `NO`, `1.0` or `a: b` are quoted.
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// Conservative: a letter first, then letters, digits and `_ . / -`, and not one of the words
/// YAML 1.1 reads as a boolean or null (`y`, `No`, `OFF`, `null`…). Numbers start with a digit,
/// a sign or a dot, so the first-letter rule already leaves them out.
fn is_plain_safe(text: &str) -> bool {
    const SPECIAL_WORDS: [&str; 12] = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "nan", "inf", "infinity",
    ];
    let mut chars = text.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    starts_with_letter
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '-'))
        && !SPECIAL_WORDS
            .iter()
            .any(|word| word.eq_ignore_ascii_case(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_what_yaml_would_read_differently() {
        assert_eq!(quoted("plain"), r#""plain""#);
        assert_eq!(quoted("a: b # c"), r#""a: b # c""#);
        assert_eq!(quoted(r#"say "hi" \o/"#), r#""say \"hi\" \\o/""#);
        assert_eq!(quoted("line 1\nline 2\r\n"), r#""line 1\nline 2\r\n""#);
        assert_eq!(quoted("tab\there"), r#""tab\there""#);
        assert_eq!(quoted("\u{0}\u{7}\u{1b}\u{7f}"), r#""\0\x07\x1B\x7F""#);
        assert_eq!(quoted("\u{85}\u{2028}\u{2029}"), r#""\N\L\P""#);
        assert_eq!(quoted("\u{feff}bom"), r#""\uFEFFbom""#);
        assert_eq!(quoted(""), r#""""#);
        // Printable Unicode, tags and anchors need nothing inside quotes.
        assert_eq!(
            quoted("café ☕ !Ref &x *y ${Var}"),
            r#""café ☕ !Ref &x *y ${Var}""#
        );
    }

    #[test]
    fn plain_only_when_yaml_reads_back_the_same_string() {
        for plain in [
            "index.handler",
            "nodejs22.x",
            "python3.13",
            "GREETING",
            "layers/a.zip",
        ] {
            assert_eq!(scalar(plain), plain);
        }
        for (text, written) in [
            ("NO", r#""NO""#),
            ("yes", r#""yes""#),
            ("Off", r#""Off""#),
            ("null", r#""null""#),
            ("2.0", r#""2.0""#),
            ("123", r#""123""#),
            ("-1", r#""-1""#),
            (".5", r#"".5""#),
            ("a b", r#""a b""#),
            ("a:b", r#""a:b""#),
            ("~", r#""~""#),
            ("", r#""""#),
        ] {
            assert_eq!(scalar(text), written, "{text:?}");
        }
    }
}
