//! Numbers and money as the calculator writes them in its arithmetic.

/// Enough digits to show a per-second price exactly ($0.0000131, $0.001097).
const SIGNIFICANT_DIGITS: f64 = 6.0;
/// Below about a billionth of a dollar a number reads as 0.
const MAX_DECIMALS: f64 = 12.0;

/// A number with thousands separators, up to six significant digits (the whole part is never
/// rounded away) and no trailing zeros: `2,592,000`, `0.001097`, `1.5`.
pub(crate) fn number(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        // Also turns -0 into 0; NaN and infinity print as Rust spells them (inputs are checked
        // before any arithmetic, so they only appear for unchecked callers).
        return if value == 0.0 { "0".to_string() } else { value.to_string() };
    }
    let magnitude = value.abs().log10().floor();
    let decimals = (SIGNIFICANT_DIGITS - 1.0 - magnitude).clamp(0.0, MAX_DECIMALS) as usize;
    group_thousands(trim_zeros(&format!("{value:.decimals$}")))
}

/// Dollars: cents from $0.01 up (`$2,843.42`), the significant digits below (`$0.001097`).
pub fn money(dollars: f64) -> String {
    if dollars == 0.0 || dollars.abs() >= 0.01 {
        format!("${}", group_thousands(&format!("{dollars:.2}")))
    } else {
        format!("${}", number(dollars))
    }
}

fn trim_zeros(text: &str) -> &str {
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { text }
}

fn group_thousands(text: &str) -> String {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let mut grouped = String::from(sign);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if let Some(fraction) = fraction {
        grouped.push('.');
        grouped.push_str(fraction);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_six_significant_digits_and_group_thousands() {
        assert_eq!(number(2_592_000.0), "2,592,000");
        assert_eq!(number(1_000_000_000_000.0), "1,000,000,000,000");
        assert_eq!(number(0.001097), "0.001097");
        assert_eq!(number(0.0000131), "0.0000131");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(1.073741824), "1.07374");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(1234.5), "1,234.5");
        assert_eq!(number(-1234.0), "-1,234");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(1e-300), "0");
        assert_eq!(number(f64::NAN), "NaN");
    }

    #[test]
    fn money_shows_cents_from_one_cent_and_significant_digits_below() {
        assert_eq!(money(2843.424), "$2,843.42");
        assert_eq!(money(1_000_000.0), "$1,000,000.00");
        assert_eq!(money(0.01), "$0.01");
        assert_eq!(money(0.0), "$0.00");
        assert_eq!(money(0.001097), "$0.001097");
        assert_eq!(money(0.00000222), "$0.00000222");
    }
}
