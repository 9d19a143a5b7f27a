//! Numbers as the app writes them for people, in one place: grouped thousands, decimals without
//! trailing zeros, exact ratios, byte sizes, percentages and durations in words. Pure, shared
//! by the models' arithmetic texts, the CLI and the pages.

/// `1234567` as `"1,234,567"`.
pub fn thousands(value: u128) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// [`thousands`] for a count.
pub fn count(value: u64) -> String {
    thousands(u128::from(value))
}

/// A count with its noun in the right number: `counted(1, "question", "questions")` is
/// `"1 question"`, `counted(2, …)` is `"2 questions"`, `counted(0, …)` is `"0 questions"`.
pub fn counted(value: usize, one: &str, many: &str) -> String {
    let noun = if value == 1 { one } else { many };
    format!("{} {noun}", count(value as u64))
}

/// `value` with at most `max_decimals` decimals, trailing zeros dropped: `decimals(136.20, 2)`
/// is `"136.2"`, `decimals(100.0, 2)` is `"100"`.
pub fn decimals(value: f64, max_decimals: usize) -> String {
    let text = format!("{value:.max_decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// `numerator / denominator` with grouped thousands and at most `max_decimals` decimals,
/// rounded half up, trailing zeros dropped: "540,000", "0.293", "1,680,000". Exact: integer
/// arithmetic only.
pub fn ratio(numerator: u128, denominator: u128, max_decimals: u32) -> String {
    let scale = 10u128.pow(max_decimals);
    let scaled = (numerator * scale + denominator / 2) / denominator.max(1);
    let whole = thousands(scaled / scale);
    let fraction = scaled % scale;
    if fraction == 0 {
        return whole;
    }
    let digits = format!("{fraction:0width$}", width = max_decimals as usize);
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// Dollars with cents and grouped thousands: `usd(1234.5)` is `"$1,234.50"`; amounts under a
/// cent keep four decimals (`"$0.0042"`) so a small bill does not read as free.
pub fn usd(value: f64) -> String {
    if value > 0.0 && value < 0.01 {
        return format!("${value:.4}");
    }
    let cents = (value * 100.0).round().max(0.0) as u128;
    format!("${}.{:02}", thousands(cents / 100), cents % 100)
}

/// A duration in milliseconds with at most one decimal: `"1,234.5 ms"`.
pub fn millis(ms: f64) -> String {
    let whole = thousands(ms.trunc().max(0.0) as u128);
    let tenth = ((ms.fract() * 10.0).round() as u32).min(9);
    if tenth == 0 {
        format!("{whole} ms")
    } else {
        format!("{whole}.{tenth} ms")
    }
}

/// A scale factor as people write it: "43,200" or "2.5".
pub fn factor(factor: f64) -> String {
    if factor >= 100.0 || factor.fract() == 0.0 {
        count(factor.round() as u64)
    } else {
        decimals(factor, 2)
    }
}

/// A size in bytes, in the unit that reads best: "512 bytes", "4.0 KB", "6.00 MB" (KB and MB
/// of 1,024).
pub fn bytes(bytes: usize) -> String {
    if bytes >= 1_048_576 {
        format!("{:.2} MB", bytes as f64 / 1_048_576.0)
    } else if bytes >= 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// A share (0 to 1) as a percentage that keeps small shares visible, trailing zeros dropped:
/// "33.3%", "0.5%", "0.0139%", "100%".
pub fn share_percent(share: f64) -> String {
    let percent = share * 100.0;
    let max_decimals = if percent == 0.0 || percent >= 10.0 {
        1
    } else if percent >= 0.1 {
        2
    } else {
        4
    };
    format!("{}%", decimals(percent, max_decimals))
}

/// A share (0 to 1) as a percentage with fixed decimals, for aligned columns: "100.0%",
/// "0.50%", "0.0139%".
pub fn share_percent_fixed(share: f64) -> String {
    let percent = share * 100.0;
    if percent == 0.0 || percent >= 1.0 {
        format!("{percent:.1}%")
    } else if percent >= 0.01 {
        format!("{percent:.2}%")
    } else {
        format!("{percent:.4}%")
    }
}

/// A duration in words with at most two units: "45 s", "1 h", "1 h 30 min", "30 days".
pub fn duration_words(secs: f64) -> String {
    if !secs.is_finite() || secs < 0.0 {
        return format!("{secs} s");
    }
    if secs < 60.0 {
        return format!("{} s", decimals(secs, 2));
    }
    let total_secs = secs.round() as u64;
    let units = [(86_400, "day"), (3_600, "h"), (60, "min"), (1, "s")];
    let mut parts = Vec::new();
    let mut rest = total_secs;
    for (size, name) in units {
        if rest >= size {
            let count = rest / size;
            rest %= size;
            let name = if name == "day" && count != 1 {
                "days"
            } else {
                name
            };
            parts.push(format!("{count} {name}"));
        }
        if parts.len() == 2 || (!parts.is_empty() && rest == 0) {
            break;
        }
    }
    parts.join(" ")
}

/// Seconds with the larger unit beside them when it is whole: "86,400 s (1 day)",
/// "7,200 s (2 hours)", "90 s".
pub fn seconds_with_unit(secs: f64) -> String {
    let base = if secs.fract() == 0.0 && (0.0..1e15).contains(&secs) {
        count(secs as u64)
    } else {
        format!("{secs}")
    };
    let days = secs / 86_400.0;
    let hours = secs / 3_600.0;
    if days >= 1.0 && days.fract() == 0.0 {
        let plural = if days == 1.0 { "" } else { "s" };
        format!("{base} s ({days} day{plural})")
    } else if hours >= 1.0 && hours.fract() == 0.0 {
        let plural = if hours == 1.0 { "" } else { "s" };
        format!("{base} s ({hours} hour{plural})")
    } else {
        format!("{base} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_and_milliseconds() {
        assert_eq!(usd(1234.5), "$1,234.50");
        assert_eq!(usd(0.0042), "$0.0042");
        assert_eq!(usd(0.0), "$0.00");
        assert_eq!(millis(16_584.3), "16,584.3 ms");
        assert_eq!(millis(300.0), "300 ms");
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(thousands(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(26_000_000), "26,000,000");
        assert_eq!(counted(1, "question", "questions"), "1 question");
        assert_eq!(counted(0, "quiz", "quizzes"), "0 quizzes");
        assert_eq!(counted(1_200, "lesson", "lessons"), "1,200 lessons");
        assert_eq!(decimals(100.0, 2), "100");
        assert_eq!(decimals(136.24, 2), "136.24");
        assert_eq!(decimals(2.007_319_3, 3), "2.007");
        assert_eq!(decimals(120.0, 0), "120");
        assert_eq!(ratio(540_000 * 1_024_000, 1_024_000, 3), "540,000");
        assert_eq!(ratio(293, 1_000, 3), "0.293");
        assert_eq!(bytes(512), "512 bytes");
        assert_eq!(bytes(4_096), "4.0 KB");
        assert_eq!(bytes(6_291_456), "6.00 MB");
        assert_eq!(share_percent(1.0 / 3.0), "33.3%");
        assert_eq!(share_percent(1.0 / 7_200.0), "0.0139%");
        assert_eq!(share_percent(1.0), "100%");
        assert_eq!(share_percent_fixed(1.0), "100.0%");
        assert_eq!(duration_words(45.0), "45 s");
        assert_eq!(duration_words(5_400.0), "1 h 30 min");
        assert_eq!(duration_words(30.0 * 86_400.0), "30 days");
        assert_eq!(seconds_with_unit(86_400.0), "86,400 s (1 day)");
        assert_eq!(seconds_with_unit(7_200.0), "7,200 s (2 hours)");
        assert_eq!(seconds_with_unit(90.0), "90 s");
    }
}
