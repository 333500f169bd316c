//! The calculator form: every field with its URL name, label (with its unit), bounds and default, and the
//! parser that turns a field's text into a number or into the message shown on that field.
//!
//! The bounds keep every product the calculator forms finite and readable; where a bound is one
//! of Modal's own limits, the field says so.

use atlas_input::quote;

use crate::facts::Regions;

/// How the workload runs, as the calculator's mode switch offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Containers kept warm for some hours a day (`min_containers`).
    Always,
    /// Requests arriving in bursts, each burst paying a cold start and a scaledown tail.
    Requests,
    /// A fixed number of items processed by containers in parallel.
    Batch,
}

impl Mode {
    /// The mode for its URL value: `always`, `requests` or `batch`.
    pub fn from_url(value: &str) -> Option<Self> {
        match value {
            "always" => Some(Self::Always),
            "requests" => Some(Self::Requests),
            "batch" => Some(Self::Batch),
            _ => None,
        }
    }

    pub fn url_value(self) -> &'static str {
        match self {
            Self::Always => "always",
            Self::Requests => "requests",
            Self::Batch => "batch",
        }
    }
}

/// Whether the function sets `region=`, and how narrowly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionChoice {
    None,
    Broad,
    Narrow,
}

impl RegionChoice {
    /// The choice for its URL value: empty, `broad` or `narrow`.
    pub fn from_url(value: &str) -> Option<Self> {
        match value {
            "" => Some(Self::None),
            "broad" => Some(Self::Broad),
            "narrow" => Some(Self::Narrow),
            _ => None,
        }
    }

    /// The URL value, which is also the id of the multiplier in `regions.multipliers`.
    pub fn url_value(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Broad => "broad",
            Self::Narrow => "narrow",
        }
    }

    /// The price multiplier: 1 without a region, else the data's multiplier with this id; `None`
    /// when the data has no such multiplier.
    pub fn multiplier(self, regions: &Regions) -> Option<f64> {
        match self {
            Self::None => Some(1.0),
            Self::Broad | Self::Narrow => {
                regions.multipliers.iter().find(|region| region.id == self.url_value()).map(|region| region.multiplier)
            }
        }
    }
}

/// One input field: URL name, label (with its unit), bounds, whether it must be a whole number, default text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldSpec {
    pub name: &'static str,
    pub label: &'static str,
    pub min: f64,
    pub max: f64,
    pub whole: bool,
    pub default: &'static str,
}

/// Modal's largest `gpu="ID:N"` count (the per-type limit is checked in `estimate`).
pub(crate) const COUNT: FieldSpec =
    FieldSpec { name: "count", label: "GPU count", min: 1.0, max: 8.0, whole: true, default: "1" };
/// 0.125 is Modal's minimum billed CPU (and its default request). Modal does not publish its
/// maximum; 64 is the calculator's upper end.
pub(crate) const CPU: FieldSpec =
    FieldSpec { name: "cpu", label: "CPU cores", min: 0.125, max: 64.0, whole: false, default: "0.125" };
/// 0.125 GiB is Modal's default request (128 MiB); 1 TiB is the calculator's upper end.
pub(crate) const MEMORY: FieldSpec =
    FieldSpec { name: "memory", label: "Memory (GiB)", min: 0.125, max: 1024.0, whole: false, default: "0.5" };
/// Up to ten times the Team plan's 1,000 containers, so plan-limit warnings can show.
pub(crate) const CONTAINERS: FieldSpec =
    FieldSpec { name: "containers", label: "Containers", min: 1.0, max: 10_000.0, whole: true, default: "1" };
pub(crate) const HOURS: FieldSpec =
    FieldSpec { name: "hours", label: "Hours per day", min: 0.0, max: 24.0, whole: false, default: "24" };
/// The longest month.
pub(crate) const DAYS: FieldSpec =
    FieldSpec { name: "days", label: "Days per month", min: 0.0, max: 31.0, whole: false, default: "30" };
pub(crate) const REQUESTS: FieldSpec =
    FieldSpec { name: "requests", label: "Requests per month", min: 0.0, max: 1e12, whole: false, default: "100000" };
/// One millisecond up to one day, Modal's longest timeout. Batch mode uses it per item.
pub(crate) const SECONDS: FieldSpec = FieldSpec {
    name: "seconds",
    label: "Seconds per request or item",
    min: 0.001,
    max: 86_400.0,
    whole: false,
    default: "2",
};
/// `@modal.concurrent(max_inputs=N)` takes an int.
pub(crate) const CONCURRENCY: FieldSpec =
    FieldSpec { name: "concurrency", label: "Inputs per container", min: 1.0, max: 1000.0, whole: true, default: "1" };
/// Up to an hour, far beyond any image that starts at all.
pub(crate) const COLD: FieldSpec =
    FieldSpec { name: "cold", label: "Cold start (seconds)", min: 0.0, max: 3600.0, whole: false, default: "10" };
/// Modal's client rejects a `scaledown_window` outside 2-3600, and it must be an int.
pub(crate) const SCALEDOWN: FieldSpec = FieldSpec {
    name: "scaledown",
    label: "Scaledown window (seconds)",
    min: 2.0,
    max: 3600.0,
    whole: true,
    default: "60",
};
pub(crate) const BURSTS: FieldSpec =
    FieldSpec { name: "bursts", label: "Bursts per day", min: 0.0, max: 1e6, whole: false, default: "24" };
pub(crate) const ITEMS: FieldSpec =
    FieldSpec { name: "items", label: "Items", min: 0.0, max: 1e12, whole: false, default: "10000" };
pub(crate) const PARALLEL: FieldSpec = FieldSpec {
    name: "parallel",
    label: "Containers in parallel",
    min: 1.0,
    max: 100_000.0,
    whole: true,
    default: "10",
};
/// Ten million up to two trillion parameters.
pub(crate) const PARAMS: FieldSpec =
    FieldSpec { name: "params", label: "Parameters (billions)", min: 0.01, max: 2000.0, whole: false, default: "8" };
pub(crate) const CONTEXT: FieldSpec = FieldSpec {
    name: "context",
    label: "Context length (tokens)",
    min: 1.0,
    max: 10_000_000.0,
    whole: true,
    default: "8192",
};
pub(crate) const BATCH: FieldSpec =
    FieldSpec { name: "batch", label: "Batch size", min: 1.0, max: 4096.0, whole: true, default: "1" };
pub(crate) const LAYERS: FieldSpec =
    FieldSpec { name: "layers", label: "Layers", min: 1.0, max: 1000.0, whole: true, default: "32" };
pub(crate) const KV_HEADS: FieldSpec =
    FieldSpec { name: "kv_heads", label: "KV heads", min: 1.0, max: 1024.0, whole: true, default: "8" };
pub(crate) const HEAD_DIM: FieldSpec =
    FieldSpec { name: "head_dim", label: "Head dimension", min: 1.0, max: 4096.0, whole: true, default: "128" };

/// Every field of the form, in the form's order.
pub const FIELDS: &[FieldSpec] = &[
    COUNT,
    CPU,
    MEMORY,
    CONTAINERS,
    HOURS,
    DAYS,
    REQUESTS,
    SECONDS,
    CONCURRENCY,
    COLD,
    SCALEDOWN,
    BURSTS,
    ITEMS,
    PARALLEL,
    PARAMS,
    CONTEXT,
    BATCH,
    LAYERS,
    KV_HEADS,
    HEAD_DIM,
];

/// The field with this URL name.
pub fn field(name: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|spec| spec.name == name)
}

/// Parses one field's text: Err is the message shown on that field, saying what was expected.
pub fn parse_field(spec: &FieldSpec, text: &str) -> Result<f64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("{}: required", spec.label));
    }
    let value = parse_number(text).ok_or_else(|| format!("{}: {} is not a number", spec.label, quote(text)))?;
    check(spec, value)
}

/// A decimal number, optionally signed, with an optional exponent. Rust's float parser also takes
/// `inf`, `infinity` and `NaN`, which no form field means, so only digits, `.`, `e` and signs pass.
/// An exponent too large for f64 gives an infinity, which `check` reports as out of bounds.
fn parse_number(text: &str) -> Option<f64> {
    let plain = text.bytes().all(|byte| byte.is_ascii_digit() || matches!(byte, b'.' | b'e' | b'E' | b'+' | b'-'));
    if plain { text.parse().ok() } else { None }
}

/// Checks a value against a field's bounds, with the messages `parse_field` shows. `estimate`
/// checks its scenario with it too, since a scenario can be built without the form.
pub(crate) fn check(spec: &FieldSpec, value: f64) -> Result<f64, String> {
    if value.is_nan() {
        Err(format!("{}: `{value}` is not a number", spec.label))
    } else if value < spec.min {
        Err(format!("{}: at least {}", spec.label, spec.min))
    } else if value > spec.max {
        Err(format!("{}: at most {}", spec.label, spec.max))
    } else if spec.whole && value.fract() != 0.0 {
        Err(format!("{}: a whole number", spec.label))
    } else if value == 0.0 {
        Ok(0.0) // "-0" is zero, not a negative number
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, text: &str) -> Result<f64, String> {
        parse_field(field(name).expect("a field of the form"), text)
    }

    /// Rust's `{}` for f64 never uses an exponent, the way the messages want bounds written.
    fn plain(value: f64) -> String {
        format!("{value}")
    }

    #[test]
    fn the_form_has_exactly_the_named_fields() {
        let names: Vec<&str> = FIELDS.iter().map(|spec| spec.name).collect();
        assert_eq!(
            names,
            [
                "count",
                "cpu",
                "memory",
                "containers",
                "hours",
                "days",
                "requests",
                "seconds",
                "concurrency",
                "cold",
                "scaledown",
                "bursts",
                "items",
                "parallel",
                "params",
                "context",
                "batch",
                "layers",
                "kv_heads",
                "head_dim"
            ]
        );
        assert_eq!(field("scaledown"), Some(&SCALEDOWN));
        assert_eq!(field("gpu"), None);
        assert_eq!(field(""), None);
    }

    #[test]
    fn bounds_whole_flags_and_defaults_are_as_specified() {
        let expected: [(&str, f64, f64, bool, &str); 20] = [
            ("count", 1.0, 8.0, true, "1"),
            ("cpu", 0.125, 64.0, false, "0.125"),
            ("memory", 0.125, 1024.0, false, "0.5"),
            ("containers", 1.0, 10_000.0, true, "1"),
            ("hours", 0.0, 24.0, false, "24"),
            ("days", 0.0, 31.0, false, "30"),
            ("requests", 0.0, 1e12, false, "100000"),
            ("seconds", 0.001, 86_400.0, false, "2"),
            ("concurrency", 1.0, 1000.0, true, "1"),
            ("cold", 0.0, 3600.0, false, "10"),
            ("scaledown", 2.0, 3600.0, true, "60"),
            ("bursts", 0.0, 1e6, false, "24"),
            ("items", 0.0, 1e12, false, "10000"),
            ("parallel", 1.0, 100_000.0, true, "10"),
            ("params", 0.01, 2000.0, false, "8"),
            ("context", 1.0, 10_000_000.0, true, "8192"),
            ("batch", 1.0, 4096.0, true, "1"),
            ("layers", 1.0, 1000.0, true, "32"),
            ("kv_heads", 1.0, 1024.0, true, "8"),
            ("head_dim", 1.0, 4096.0, true, "128"),
        ];
        for (name, min, max, whole, default) in expected {
            let spec = field(name).expect("a field of the form");
            assert_eq!((spec.min, spec.max, spec.whole, spec.default), (min, max, whole, default), "{name}");
            assert!(!spec.label.is_empty(), "{name} has a label");
        }
    }

    #[test]
    fn every_field_accepts_its_bounds_and_default() {
        for spec in FIELDS {
            assert_eq!(parse_field(spec, &plain(spec.min)), Ok(spec.min), "{} min", spec.name);
            assert_eq!(parse_field(spec, &plain(spec.max)), Ok(spec.max), "{} max", spec.name);
            let default = parse_field(spec, spec.default);
            assert!(default.is_ok_and(|value| value >= spec.min && value <= spec.max), "{} default", spec.name);
        }
    }

    #[test]
    fn every_field_rejects_values_outside_its_bounds() {
        for spec in FIELDS {
            let at_least = format!("{}: at least {}", spec.label, plain(spec.min));
            let at_most = format!("{}: at most {}", spec.label, plain(spec.max));
            // Just below the bound: a fraction of it when it lies between 0 and 1.
            let below = if spec.min > 0.0 && spec.min < 1.0 { spec.min / 2.0 } else { spec.min - 1.0 };
            assert_eq!(parse_field(spec, &plain(below)), Err(at_least.clone()), "{} below", spec.name);
            if spec.min > 0.0 {
                assert_eq!(parse_field(spec, "0"), Err(at_least.clone()), "{} zero", spec.name);
            }
            assert_eq!(parse_field(spec, "-1"), Err(at_least.clone()), "{} negative", spec.name);
            assert_eq!(parse_field(spec, "-1e999"), Err(at_least), "{} -huge", spec.name);
            assert_eq!(parse_field(spec, &plain(spec.max + 1.0)), Err(at_most.clone()), "{} above", spec.name);
            assert_eq!(parse_field(spec, "1e308"), Err(at_most.clone()), "{} 1e308", spec.name);
            assert_eq!(parse_field(spec, "1e999"), Err(at_most), "{} huge", spec.name);
        }
    }

    #[test]
    fn whole_fields_reject_fractions_and_others_keep_them() {
        for spec in FIELDS {
            let inside = spec.min + 0.5;
            let parsed = parse_field(spec, &plain(inside));
            if spec.whole {
                assert_eq!(parsed, Err(format!("{}: a whole number", spec.label)), "{}", spec.name);
            } else {
                assert_eq!(parsed, Ok(inside), "{}", spec.name);
            }
        }
    }

    #[test]
    fn a_pasted_page_is_quoted_briefly() {
        let pasted = "1".repeat(50_000) + "x";
        let message = parse_field(&COUNT, &pasted).unwrap_err();
        assert_eq!(message, format!("GPU count: `{}…` (50001 characters) is not a number", "1".repeat(60)));
    }

    #[test]
    fn every_field_says_what_is_missing_or_not_a_number() {
        for spec in FIELDS {
            assert_eq!(parse_field(spec, ""), Err(format!("{}: required", spec.label)), "{}", spec.name);
            assert_eq!(parse_field(spec, "  \t "), Err(format!("{}: required", spec.label)), "{}", spec.name);
            for text in ["abc", "NaN", "inf", "-inf", "infinity", "1e", "--1", "+-1", "1,000", "0x10", ".", "1 000"] {
                assert_eq!(
                    parse_field(spec, text),
                    Err(format!("{}: `{text}` is not a number", spec.label)),
                    "{} {text:?}",
                    spec.name
                );
            }
        }
    }

    #[test]
    fn messages_are_written_out_exactly() {
        assert_eq!(parse("count", ""), Err("GPU count: required".to_string()));
        assert_eq!(parse("count", "0"), Err("GPU count: at least 1".to_string()));
        assert_eq!(parse("count", "9"), Err("GPU count: at most 8".to_string()));
        assert_eq!(parse("count", "1.5"), Err("GPU count: a whole number".to_string()));
        assert_eq!(parse("count", "abc"), Err("GPU count: `abc` is not a number".to_string()));
        assert_eq!(parse("cpu", "0"), Err("CPU cores: at least 0.125".to_string()));
        assert_eq!(parse("cpu", "-2"), Err("CPU cores: at least 0.125".to_string()));
        assert_eq!(parse("memory", "2000"), Err("Memory (GiB): at most 1024".to_string()));
        assert_eq!(parse("seconds", "0"), Err("Seconds per request or item: at least 0.001".to_string()));
        assert_eq!(parse("requests", "1e308"), Err("Requests per month: at most 1000000000000".to_string()));
        assert_eq!(parse("items", "1e13"), Err("Items: at most 1000000000000".to_string()));
        assert_eq!(parse("scaledown", "1"), Err("Scaledown window (seconds): at least 2".to_string()));
        assert_eq!(parse("scaledown", "3601"), Err("Scaledown window (seconds): at most 3600".to_string()));
        assert_eq!(parse("scaledown", "60.5"), Err("Scaledown window (seconds): a whole number".to_string()));
        assert_eq!(parse("params", "0"), Err("Parameters (billions): at least 0.01".to_string()));
        assert_eq!(parse("hours", "NaN"), Err("Hours per day: `NaN` is not a number".to_string()));
        assert_eq!(parse("days", "  inf "), Err("Days per month: `inf` is not a number".to_string()));
        assert_eq!(parse("kv_heads", "--1"), Err("KV heads: `--1` is not a number".to_string()));
    }

    #[test]
    fn accepts_whitespace_plus_signs_exponents_and_negative_zero() {
        assert_eq!(parse("count", "  5\t"), Ok(5.0));
        assert_eq!(parse("count", "+5"), Ok(5.0));
        assert_eq!(parse("cpu", ".5"), Ok(0.5));
        assert_eq!(parse("requests", "1e6"), Ok(1e6));
        assert_eq!(parse("requests", "1E+12"), Ok(1e12));
        assert_eq!(parse("context", "8192.0"), Ok(8192.0));
        let zero = parse("hours", "-0").expect("-0 is zero hours");
        assert!(zero == 0.0 && zero.is_sign_positive());
    }

    #[test]
    fn check_reports_nan_and_infinities_like_the_parser() {
        assert_eq!(check(&HOURS, f64::NAN), Err("Hours per day: `NaN` is not a number".to_string()));
        assert_eq!(check(&HOURS, f64::INFINITY), Err("Hours per day: at most 24".to_string()));
        assert_eq!(check(&HOURS, f64::NEG_INFINITY), Err("Hours per day: at least 0".to_string()));
    }

    #[test]
    fn modes_and_regions_round_trip_through_their_url_values() {
        for mode in [Mode::Always, Mode::Requests, Mode::Batch] {
            assert_eq!(Mode::from_url(mode.url_value()), Some(mode));
        }
        assert_eq!(Mode::from_url("Always"), None);
        for region in [RegionChoice::None, RegionChoice::Broad, RegionChoice::Narrow] {
            assert_eq!(RegionChoice::from_url(region.url_value()), Some(region));
        }
        assert_eq!(RegionChoice::from_url("us-west"), None);
    }

    #[test]
    fn region_multipliers_come_from_the_data() {
        let regions = crate::test_data::modal().regions;
        assert_eq!(RegionChoice::None.multiplier(&regions), Some(1.0));
        assert_eq!(RegionChoice::Broad.multiplier(&regions), Some(1.5));
        assert_eq!(RegionChoice::Narrow.multiplier(&regions), Some(1.75));
        let without_narrow = Regions {
            multipliers: regions.multipliers.into_iter().filter(|region| region.id != "narrow").collect(),
            ..regions
        };
        assert_eq!(RegionChoice::Narrow.multiplier(&without_narrow), None);
    }
}
