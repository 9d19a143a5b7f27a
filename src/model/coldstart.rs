//! Cold-start model: how long Lambda's INIT phase takes per runtime, package type, architecture
//! and memory size, from lambda-perf's measurements of hello-world functions on AWS.
//!
//! The data ships inside the binary (`include_str!`), is parsed once on first use, and is a
//! **model** of what AWS would likely show, never a measurement on this machine. Cite it with
//! [`SOURCE_CITATION`]; the attribution and licence note is [`LAMBDA_PERF_NOTICE`].

use std::sync::LazyLock;

use crate::model::lambda::{Architecture, PackageType};
use crate::model::limits::INIT_PHASE_LIMIT_MS;
use crate::model::simulator::InitDurations;

/// The lambda-perf summary table: one row per runtime × package × arch × memory.
/// Source: github.com/maxday/lambda-perf (Apache-2.0), 30 days 2026-07-23 … 2026-08-22.
pub const LAMBDA_PERF_CSV: &str = include_str!("../../assets/data/lambda-perf-30d-medians.csv");

/// Attribution and licence note that must travel with [`LAMBDA_PERF_CSV`] (Apache-2.0).
pub const LAMBDA_PERF_NOTICE: &str =
    include_str!("../../assets/data/lambda-perf-30d-medians.NOTICE.md");

/// Where the numbers come from, for "source" links next to every modelled init time.
pub const SOURCE_URL: &str = "https://github.com/maxday/lambda-perf";

/// One line to print next to modelled init times.
pub const SOURCE_CITATION: &str = "lambda-perf (github.com/maxday/lambda-perf, Apache-2.0): \
     hello-world Init Duration measured on AWS, 30-day medians 2026-07-23 to 2026-08-22";

/// lambda-perf invokes each function 10 times a day as cold starts; the table keeps the last
/// day's raw samples so the spread shown is real, not invented. A few rows have 9 (that day
/// lost one invocation).
pub const MAX_SAMPLES_PER_ROW: usize = 10;

/// The columns lambda-perf-30d-medians.csv must have, in order.
const EXPECTED_HEADER: &str = "runtime,package,arch,memory_mb,days,median_daily_avg_init_ms,\
min_daily_avg_init_ms,max_daily_avg_init_ms,median_avg_max_mem_used_mb,median_avg_duration_ms,\
last_day_10_init_samples_ms";

/// One row of the lambda-perf table: a hello-world function's cold starts on AWS.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct InitRecord {
    /// lambda-perf's runtime name, e.g. `nodejs24.x` or `rust (prov.al2023)`.
    pub runtime: String,
    pub package: PackageType,
    pub arch: Architecture,
    pub memory_mb: u32,
    /// Days of data behind the medians.
    pub days: u32,
    /// Median over the days of the daily average Init Duration.
    pub median_init_ms: f64,
    /// Lowest daily average Init Duration in the period.
    pub min_daily_avg_init_ms: f64,
    /// Highest daily average Init Duration in the period.
    pub max_daily_avg_init_ms: f64,
    /// Median of the daily average Max Memory Used.
    pub median_max_memory_used_mb: f64,
    /// Median of the daily average (handler) Duration.
    pub median_duration_ms: f64,
    /// The raw Init Duration samples of the last day (10, sometimes 9), in the order measured.
    pub samples_ms: Vec<f64>,
}

/// What can go wrong reading the table or looking a runtime up.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ColdStartError {
    #[error("lambda-perf data, line {line}: {message}")]
    Data { line: usize, message: String },
    #[error("unknown runtime `{runtime}`; known runtimes: {known}")]
    UnknownRuntime { runtime: String, known: String },
    #[error("lambda-perf has no {package} {arch} data for {runtime}; it has: {available}")]
    NoVariant {
        runtime: String,
        package: PackageType,
        arch: Architecture,
        available: String,
    },
    #[error("extra init time must be a number of ms from 0 to {limit_ms}, got {value_ms}")]
    ExtraInit { value_ms: f64, limit_ms: f64 },
}

/// Parsed once, on first use; model/ does no I/O, the text is in the binary.
static RECORDS: LazyLock<Result<Vec<InitRecord>, ColdStartError>> =
    LazyLock::new(|| parse_csv(LAMBDA_PERF_CSV));

/// Every row of the embedded lambda-perf table, in file order (sorted by runtime name).
pub fn records() -> Result<&'static [InitRecord], ColdStartError> {
    match &*RECORDS {
        Ok(records) => Ok(records.as_slice()),
        Err(error) => Err(error.clone()),
    }
}

/// Parses the lambda-perf summary CSV (no quoting: no field contains a comma).
pub fn parse_csv(text: &str) -> Result<Vec<InitRecord>, ColdStartError> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.trim_end() == EXPECTED_HEADER => {}
        _ => {
            return Err(ColdStartError::Data {
                line: 1,
                message: format!("expected the header `{EXPECTED_HEADER}`"),
            });
        }
    }
    let mut records = Vec::new();
    for (index, line) in lines {
        let line_number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        records.push(
            parse_row(line.trim_end()).map_err(|message| ColdStartError::Data {
                line: line_number,
                message,
            })?,
        );
    }
    if records.is_empty() {
        return Err(ColdStartError::Data {
            line: 1,
            message: "no rows".to_owned(),
        });
    }
    Ok(records)
}

fn parse_row(line: &str) -> Result<InitRecord, String> {
    let fields: Vec<&str> = line.split(',').collect();
    let [
        runtime,
        package,
        arch,
        memory_mb,
        days,
        median,
        min,
        max,
        memory_used,
        duration,
        samples,
    ] = fields.as_slice()
    else {
        return Err(format!(
            "expected 11 comma-separated fields, found {}",
            fields.len()
        ));
    };
    if runtime.trim().is_empty() {
        return Err("empty runtime name".to_owned());
    }
    let package = PackageType::parse(package)
        .ok_or_else(|| format!("package `{package}` is not zip or image"))?;
    let arch =
        Architecture::parse(arch).ok_or_else(|| format!("arch `{arch}` is not x86_64 or arm64"))?;
    let memory_mb: u32 = memory_mb
        .parse()
        .map_err(|_| format!("memory_mb `{memory_mb}` is not a whole number"))?;
    let days: u32 = days
        .parse()
        .map_err(|_| format!("days `{days}` is not a whole number"))?;
    let number = |name: &str, text: &str| -> Result<f64, String> {
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() && value >= 0.0 => Ok(value),
            _ => Err(format!("{name} `{text}` is not a non-negative number")),
        }
    };
    let samples_ms = samples
        .split_whitespace()
        .map(|text| number("init sample", text))
        .collect::<Result<Vec<f64>, String>>()?;
    if samples_ms.is_empty() || samples_ms.len() > MAX_SAMPLES_PER_ROW {
        return Err(format!(
            "expected 1 to {MAX_SAMPLES_PER_ROW} init samples, found {}",
            samples_ms.len()
        ));
    }
    Ok(InitRecord {
        runtime: (*runtime).to_owned(),
        package,
        arch,
        memory_mb,
        days,
        median_init_ms: number("median_daily_avg_init_ms", median)?,
        min_daily_avg_init_ms: number("min_daily_avg_init_ms", min)?,
        max_daily_avg_init_ms: number("max_daily_avg_init_ms", max)?,
        median_max_memory_used_mb: number("median_avg_max_mem_used_mb", memory_used)?,
        median_duration_ms: number("median_avg_duration_ms", duration)?,
        samples_ms,
    })
}

/// The distinct runtime names in the table, in file order.
pub fn runtimes() -> Result<Vec<&'static str>, ColdStartError> {
    let mut names: Vec<&'static str> = Vec::new();
    for record in records()? {
        if names.last() != Some(&record.runtime.as_str()) {
            names.push(record.runtime.as_str());
        }
    }
    Ok(names)
}

/// A command-line friendly spelling of a runtime name: lower case, runs of anything but
/// letters, digits, `.` and `+` turned into one `-` (`rust (prov.al2023)` -> `rust-prov.al2023`).
pub fn slug(runtime: &str) -> String {
    let mut slug = String::with_capacity(runtime.len());
    for ch in runtime.chars() {
        if ch.is_ascii_alphanumeric() || ch == '.' || ch == '+' {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Finds the table's runtime name for what a user typed: the exact name, its [`slug`], or the
/// name before the parenthesis (`rust`, `go`, `llrt`); when that short name exists on both
/// Amazon Linux 2 and 2023, AL2023 wins because AL2 reaches end of support first.
pub fn resolve_runtime(input: &str) -> Result<&'static str, ColdStartError> {
    let names = runtimes()?;
    let wanted = input.trim();
    if let Some(name) = names.iter().find(|name| **name == wanted) {
        return Ok(name);
    }
    let wanted_slug = slug(wanted);
    if let Some(name) = names.iter().find(|name| slug(name) == wanted_slug) {
        return Ok(name);
    }
    let short: Vec<&'static str> = names
        .iter()
        .copied()
        .filter(|name| {
            name.split_once('(')
                .is_some_and(|(base, _)| slug(base) == wanted_slug)
        })
        .collect();
    if let Some(name) = short
        .iter()
        .find(|name| name.contains("al2023"))
        .or(short.first())
    {
        return Ok(name);
    }
    Err(ColdStartError::UnknownRuntime {
        runtime: input.to_owned(),
        known: names
            .iter()
            .map(|name| slug(name))
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// The row the model uses for a requested configuration. lambda-perf measures 128, 256, 512
/// and 1024 MB only; other sizes use the nearest measured one (hello-world init barely
/// changes with memory, ../shared/FACTS.md), and [`InitLookup::memory_is_exact`] says so.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InitLookup {
    pub record: &'static InitRecord,
    pub requested_memory_mb: u32,
}

impl InitLookup {
    /// Whether lambda-perf measured exactly the requested memory size.
    pub fn memory_is_exact(&self) -> bool {
        self.record.memory_mb == self.requested_memory_mb
    }
}

/// Looks up `runtime` (any spelling [`resolve_runtime`] accepts) for a package, arch and memory.
pub fn lookup(
    runtime: &str,
    package: PackageType,
    arch: Architecture,
    memory_mb: u32,
) -> Result<InitLookup, ColdStartError> {
    let name = resolve_runtime(runtime)?;
    let all = records()?;
    let same_runtime = || all.iter().filter(|record| record.runtime == name);
    let nearest = same_runtime()
        .filter(|record| record.package == package && record.arch == arch)
        // Ties (e.g. 192 MB between 128 and 256) go to the smaller size, found first.
        .min_by_key(|record| record.memory_mb.abs_diff(memory_mb));
    match nearest {
        Some(record) => Ok(InitLookup {
            record,
            requested_memory_mb: memory_mb,
        }),
        None => {
            let mut available: Vec<String> = same_runtime()
                .map(|record| format!("{} {}", record.package, record.arch))
                .collect();
            available.dedup();
            Err(ColdStartError::NoVariant {
                runtime: name.to_owned(),
                package,
                arch,
                available: available.join(", "),
            })
        }
    }
}

/// What the learner adjusts: which runtime and configuration, and how long their own init
/// code takes on top of a hello-world's (imports, SDK clients, reading config).
#[derive(Debug, Clone, PartialEq)]
pub struct ColdStartInputs {
    pub runtime: String,
    pub package: PackageType,
    pub arch: Architecture,
    pub memory_mb: u32,
    /// The user's own top-level code, added to every modelled init.
    pub extra_init_ms: f64,
}

impl Default for ColdStartInputs {
    fn default() -> Self {
        Self {
            runtime: crate::model::lambda::DEFAULT_RUNTIME.to_owned(),
            package: PackageType::Zip,
            arch: Architecture::X86_64,
            memory_mb: crate::model::limits::DEFAULT_MEMORY_MB,
            extra_init_ms: 0.0,
        }
    }
}

impl ColdStartInputs {
    /// Looks the configuration up and adds the user's init time.
    pub fn estimate(&self) -> Result<InitEstimate, ColdStartError> {
        if !self.extra_init_ms.is_finite()
            || self.extra_init_ms < 0.0
            || self.extra_init_ms > INIT_PHASE_LIMIT_MS
        {
            return Err(ColdStartError::ExtraInit {
                value_ms: self.extra_init_ms,
                limit_ms: INIT_PHASE_LIMIT_MS,
            });
        }
        Ok(InitEstimate {
            lookup: lookup(&self.runtime, self.package, self.arch, self.memory_mb)?,
            extra_init_ms: self.extra_init_ms,
        })
    }
}

/// A modelled init time: lambda-perf's hello-world numbers plus the user's own init code.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InitEstimate {
    pub lookup: InitLookup,
    pub extra_init_ms: f64,
}

impl InitEstimate {
    /// The median hello-world init plus the user's init code.
    pub fn median_ms(&self) -> f64 {
        self.lookup.record.median_init_ms + self.extra_init_ms
    }

    /// The raw samples, each plus the user's init code.
    pub fn samples_ms(&self) -> Vec<f64> {
        self.lookup
            .record
            .samples_ms
            .iter()
            .map(|sample| sample + self.extra_init_ms)
            .collect()
    }

    /// For the simulator: each cold start draws one of the raw samples, so the modelled
    /// spread (including lambda-perf's occasional slow outlier) is the measured one.
    pub fn init_durations(&self) -> InitDurations {
        InitDurations::Samples {
            samples_ms: self.samples_ms(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_embedded_table_parses() {
        let records = records().expect("embedded lambda-perf data parses");
        let data_lines = LAMBDA_PERF_CSV
            .lines()
            .skip(1)
            .filter(|line| !line.trim().is_empty())
            .count();
        assert_eq!(records.len(), data_lines);
        assert_eq!(records.len(), 620);
        for record in records {
            assert!(record.median_init_ms > 0.0, "{record:?}");
            assert!(
                record.min_daily_avg_init_ms <= record.median_init_ms
                    && record.median_init_ms <= record.max_daily_avg_init_ms,
                "{record:?}"
            );
            assert!([128, 256, 512, 1024].contains(&record.memory_mb));
            assert!(
                (9..=MAX_SAMPLES_PER_ROW).contains(&record.samples_ms.len()),
                "{record:?}"
            );
        }
    }

    #[test]
    fn the_notice_names_source_and_licence() {
        assert!(LAMBDA_PERF_NOTICE.contains("github.com/maxday/lambda-perf"));
        assert!(LAMBDA_PERF_NOTICE.contains("Apache License, Version 2.0"));
    }

    #[test]
    fn medians_match_the_facts_sheet() {
        // ../shared/FACTS.md: zip, x86_64, 128 MB, rounded to whole ms.
        for (runtime, expected_ms) in [
            ("rust", 16.0),
            ("go", 50.0),
            ("llrt", 68.0),
            ("python3.13", 86.0),
            ("nodejs24.x", 136.0),
            ("nodejs22.x", 142.0),
            ("java21", 241.0),
        ] {
            let found =
                lookup(runtime, PackageType::Zip, Architecture::X86_64, 128).expect(runtime);
            assert!(
                (found.record.median_init_ms - expected_ms).abs() < 1.0,
                "{runtime}: {}",
                found.record.median_init_ms
            );
        }
    }

    #[test]
    fn runtime_spellings_resolve() {
        assert_eq!(resolve_runtime("nodejs22.x"), Ok("nodejs22.x"));
        assert_eq!(
            resolve_runtime("rust (prov.al2023)"),
            Ok("rust (prov.al2023)")
        );
        assert_eq!(resolve_runtime("rust-prov.al2"), Ok("rust (prov.al2)"));
        assert_eq!(resolve_runtime("rust"), Ok("rust (prov.al2023)"));
        assert_eq!(
            resolve_runtime("dotnet8-aot"),
            Ok("dotnet8 aot (prov.al2023)")
        );
        let error = resolve_runtime("cobol").expect_err("unknown");
        assert!(error.to_string().contains("nodejs24.x"), "{error}");
    }

    #[test]
    fn memory_falls_back_to_the_nearest_measured_size() {
        let exact =
            lookup("nodejs24.x", PackageType::Zip, Architecture::Arm64, 512).expect("exact");
        assert!(exact.memory_is_exact());
        let near = lookup("nodejs24.x", PackageType::Zip, Architecture::Arm64, 1769).expect("near");
        assert_eq!(near.record.memory_mb, 1024);
        assert!(!near.memory_is_exact());
        let tie = lookup("nodejs24.x", PackageType::Zip, Architecture::Arm64, 192).expect("tie");
        assert_eq!(tie.record.memory_mb, 128);
    }

    #[test]
    fn missing_variants_say_what_exists() {
        let error = lookup(
            "bun layer(prov.al2)",
            PackageType::Image,
            Architecture::Arm64,
            128,
        )
        .expect_err("bun layer has one variant");
        assert!(matches!(error, ColdStartError::NoVariant { .. }), "{error}");
    }

    #[test]
    fn extra_init_time_is_added_to_median_and_samples() {
        let inputs = ColdStartInputs {
            extra_init_ms: 250.0,
            ..ColdStartInputs::default()
        };
        let estimate = inputs.estimate().expect("default runtime exists");
        assert!(
            (estimate.median_ms() - estimate.lookup.record.median_init_ms - 250.0).abs() < 1e-9
        );
        for (with, without) in estimate
            .samples_ms()
            .iter()
            .zip(&estimate.lookup.record.samples_ms)
        {
            assert!((with - without - 250.0).abs() < 1e-9);
        }
        let too_long = ColdStartInputs {
            extra_init_ms: 20_000.0,
            ..ColdStartInputs::default()
        };
        assert!(too_long.estimate().is_err());
    }

    #[test]
    fn malformed_rows_name_their_line() {
        let samples = "1 2 3 4 5 6 7 8 9 10 11";
        let text = format!("{EXPECTED_HEADER}\nnodejs,zip,x86_64,128,30,1,1,1,1,1,{samples}\n");
        let error = parse_csv(&text).expect_err("eleven samples");
        assert_eq!(
            error,
            ColdStartError::Data {
                line: 2,
                message: "expected 1 to 10 init samples, found 11".to_owned()
            }
        );
        let text = format!("{EXPECTED_HEADER}\nnodejs,zip,arm,128,30,1,1,1,1,1,1\n");
        let error = parse_csv(&text).expect_err("bad arch");
        assert!(error.to_string().contains("line 2"), "{error}");
    }
}
