//! Will a model fit in GPU memory, and on what is it cheapest to run?
//!
//! The rule of thumb (decimal GB, 1 GB = 10⁹ bytes, as GPU memory is quoted):
//!
//! - weights = parameters (billions) × bytes per parameter;
//! - KV cache = batch × context × layers × 2 (a key and a value) × head dimension × KV heads ×
//!   bytes per value ÷ 10⁹, stored at the same precision as the weights;
//! - overhead = 20% of weights + KV cache (activations, the CUDA context, fragmentation);
//! - total = weights + KV cache + overhead.
//!
//! The cheapest GPU is, over every GPU type, the fewest GPUs of that type whose memory holds the
//! total within its per-container limit, priced per hour; ties go to fewer GPUs.

use crate::facts::{Gpu, ModalData};
use crate::format::{money, number};

/// Activations, the CUDA context and fragmentation, as a share of weights + KV cache.
const OVERHEAD_FRACTION: f64 = 0.2;
const SECONDS_PER_HOUR: f64 = 3600.0;

/// How the weights (and the KV cache) are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Fp32,
    Bf16,
    Fp8,
    Int4,
}

impl Precision {
    /// The precision for its URL value: `fp32`, `bf16`, `fp8` or `int4`.
    pub fn from_url(value: &str) -> Option<Self> {
        match value {
            "fp32" => Some(Self::Fp32),
            "bf16" => Some(Self::Bf16),
            "fp8" => Some(Self::Fp8),
            "int4" => Some(Self::Int4),
            _ => None,
        }
    }

    pub fn url_value(self) -> &'static str {
        match self {
            Self::Fp32 => "fp32",
            Self::Bf16 => "bf16",
            Self::Fp8 => "fp8",
            Self::Int4 => "int4",
        }
    }

    pub fn bytes_per_param(self) -> f64 {
        match self {
            Self::Fp32 => 4.0,
            Self::Bf16 => 2.0,
            Self::Fp8 => 1.0,
            Self::Int4 => 0.5,
        }
    }
}

/// A model and how it is served, as the fit form describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelSize {
    pub params_billions: f64,
    pub precision: Precision,
    /// Tokens per sequence.
    pub context: u32,
    /// Sequences served at once.
    pub batch: u32,
    pub layers: u32,
    pub kv_heads: u32,
    pub head_dim: u32,
}

/// The memory a model needs, in GB, each step written out, and the cheapest GPUs that hold it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub weights_gb: f64,
    pub kv_cache_gb: f64,
    pub overhead_gb: f64,
    pub total_gb: f64,
    /// Each step with its numbers, e.g. "weights = 8 B params × 2 bytes (bf16) = 16 GB".
    pub formula: Vec<String>,
    /// (GPU id, count, dollars per hour); `None` when no GPU type holds the total.
    pub cheapest: Option<(String, u32, f64)>,
}

pub fn fit(data: &ModalData, model: &ModelSize) -> Fit {
    let bytes = model.precision.bytes_per_param();
    let weights_gb = model.params_billions * bytes;
    // In f64 throughout: the product of the counts overflows any integer type at the fields' bounds.
    let kv_cache_gb = f64::from(model.batch)
        * f64::from(model.context)
        * f64::from(model.layers)
        * 2.0
        * f64::from(model.head_dim)
        * f64::from(model.kv_heads)
        * bytes
        / 1e9;
    let overhead_gb = OVERHEAD_FRACTION * (weights_gb + kv_cache_gb);
    let total_gb = weights_gb + kv_cache_gb + overhead_gb;

    let cheapest = data
        .gpus
        .iter()
        .filter_map(|gpu| {
            let count = gpus_needed(gpu, total_gb)?;
            Some((gpu, count, f64::from(count) * gpu.price_per_second * SECONDS_PER_HOUR))
        })
        // `min_by` keeps the first of equal elements, so after price and count the data's order decides.
        .min_by(|a, b| a.2.total_cmp(&b.2).then(a.1.cmp(&b.1)));

    let mut formula = vec![
        format!(
            "weights = {} B params × {} bytes ({}) = {} GB",
            number(model.params_billions),
            number(bytes),
            model.precision.url_value(),
            number(weights_gb)
        ),
        format!(
            "KV cache = {} batch × {} tokens × {} layers × 2 (key and value) × {} head dim × {} KV heads × {} bytes = {} GB",
            number(model.batch.into()),
            number(model.context.into()),
            number(model.layers.into()),
            number(model.head_dim.into()),
            number(model.kv_heads.into()),
            number(bytes),
            number(kv_cache_gb)
        ),
        format!("overhead = 20% × ({} + {}) GB = {} GB", number(weights_gb), number(kv_cache_gb), number(overhead_gb)),
        format!(
            "total = {} + {} + {} = {} GB",
            number(weights_gb),
            number(kv_cache_gb),
            number(overhead_gb),
            number(total_gb)
        ),
    ];
    formula.push(match cheapest {
        Some((gpu, count, per_hour)) => format!(
            "cheapest: {count} × {} ({} GB each) = {} GB ≥ {} GB; {count} × ${}/s × 3,600 s = {}/h",
            gpu.id,
            gpu.memory_gb,
            number(f64::from(count) * f64::from(gpu.memory_gb)),
            number(total_gb),
            number(gpu.price_per_second),
            money(per_hour)
        ),
        None => format!("cheapest: no GPU type holds {} GB within its per-container limit", number(total_gb)),
    });

    Fit {
        weights_gb,
        kv_cache_gb,
        overhead_gb,
        total_gb,
        formula,
        cheapest: cheapest.map(|(gpu, count, per_hour)| (gpu.id.clone(), count, per_hour)),
    }
}

/// The fewest GPUs of this type whose memory together holds `memory_gb` (at least one), or `None`
/// when even `max_count` of them do not (or the amount is not a number).
pub(crate) fn gpus_needed(gpu: &Gpu, memory_gb: f64) -> Option<u32> {
    if !memory_gb.is_finite() || gpu.memory_gb == 0 {
        return None;
    }
    let needed = (memory_gb / f64::from(gpu.memory_gb)).ceil().max(1.0);
    // Compared as f64 first, so the cast below never truncates.
    (needed <= f64::from(gpu.max_count)).then_some(needed as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data;

    fn llama_8b(precision: Precision) -> ModelSize {
        ModelSize { params_billions: 8.0, precision, context: 8192, batch: 1, layers: 32, kv_heads: 8, head_dim: 128 }
    }

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() < 1e-9
    }

    #[test]
    fn an_8b_bf16_model_fits_one_l4() {
        let fit = fit(&test_data::modal(), &llama_8b(Precision::Bf16));
        // weights = 8 × 2 = 16 GB
        assert!(close(fit.weights_gb, 16.0));
        // KV = 1 × 8,192 × 32 × 2 × 128 × 8 × 2 bytes = 1,073,741,824 bytes = 1.073741824 GB
        assert!(close(fit.kv_cache_gb, 1.073741824));
        // overhead = 0.2 × 17.073741824 = 3.4147483648 GB
        assert!(close(fit.overhead_gb, 3.4147483648));
        // total = 16 + 1.073741824 + 3.4147483648 = 20.4884901888 GB
        assert!(close(fit.total_gb, 20.4884901888));
        // One 24 GB L4 at 0.000222 $/s × 3,600 = 0.7992 $/h beats one A10 (1.1016) and two T4s (1.1808).
        let (id, count, per_hour) = fit.cheapest.clone().expect("an 8B model fits");
        assert_eq!((id.as_str(), count), ("L4", 1));
        assert!(close(per_hour, 0.7992));
        assert_eq!(
            fit.formula,
            [
                "weights = 8 B params × 2 bytes (bf16) = 16 GB",
                "KV cache = 1 batch × 8,192 tokens × 32 layers × 2 (key and value) × 128 head dim × 8 KV heads × 2 bytes = 1.07374 GB",
                "overhead = 20% × (16 + 1.07374) GB = 3.41475 GB",
                "total = 16 + 1.07374 + 3.41475 = 20.4885 GB",
                "cheapest: 1 × L4 (24 GB each) = 24 GB ≥ 20.4885 GB; 1 × $0.000222/s × 3,600 s = $0.80/h",
            ]
        );
    }

    #[test]
    fn every_precision_scales_weights_and_kv_cache() {
        let data = test_data::modal();
        for (precision, bytes) in
            [(Precision::Fp32, 4.0), (Precision::Bf16, 2.0), (Precision::Fp8, 1.0), (Precision::Int4, 0.5)]
        {
            let fit = fit(&data, &llama_8b(precision));
            assert!(close(fit.weights_gb, 8.0 * bytes), "{precision:?}");
            assert!(close(fit.kv_cache_gb, 0.536870912 * bytes), "{precision:?}");
            assert!(close(fit.total_gb, 1.2 * (8.0 * bytes + 0.536870912 * bytes)), "{precision:?}");
            assert_eq!(Precision::from_url(precision.url_value()), Some(precision));
        }
        assert_eq!(Precision::from_url("fp16"), None);
    }

    #[test]
    fn a_70b_model_needs_several_gpus() {
        let model = ModelSize {
            params_billions: 70.0,
            precision: Precision::Bf16,
            context: 8192,
            batch: 1,
            layers: 80,
            kv_heads: 8,
            head_dim: 128,
        };
        let fit = fit(&test_data::modal(), &model);
        // weights 140 GB; KV 8,192 × 80 × 2 × 128 × 8 × 2 = 2.68435456 GB; total 1.2 × 142.68435456 = 171.221225472 GB.
        assert!(close(fit.total_gb, 171.221225472));
        // Per hour: RTX PRO 6000 2 × 0.000842 × 3,600 = 6.0624; B200 1 × 0.001736 × 3,600 = 6.2496;
        // L4 8 × 0.000222 × 3,600 = 6.3936; A100-80GB 3 × 0.000694 × 3,600 = 7.4952; L40S 4 → 7.8048.
        // T4 (11) and A10 (8) would exceed their per-container limits.
        let (id, count, per_hour) = fit.cheapest.expect("fits on 2 RTX PRO 6000");
        assert_eq!((id.as_str(), count), ("RTX-PRO-6000", 2));
        assert!(close(per_hour, 6.0624));
    }

    #[test]
    fn a_model_larger_than_eight_b200s_fits_nowhere() {
        let model = ModelSize { params_billions: 2000.0, precision: Precision::Fp32, ..llama_8b(Precision::Fp32) };
        let fit = fit(&test_data::modal(), &model);
        assert_eq!(fit.cheapest, None);
        assert!(fit.total_gb > 8.0 * 180.0);
        assert!(fit.formula[4].starts_with("cheapest: no GPU type holds "));
    }

    #[test]
    fn price_ties_go_to_fewer_gpus() {
        let mut data = test_data::modal();
        // Two T4s (32 GB) at half an L4's price cost what one L4 does; T4 comes first in the data.
        data.gpus[0].price_per_second = 0.000111;
        let fit = fit(&data, &llama_8b(Precision::Bf16));
        assert_eq!(fit.cheapest.map(|(id, count, _)| (id, count)), Some(("L4".to_string(), 1)));
    }

    #[test]
    fn the_largest_inputs_stay_finite_and_unplaceable_inputs_fit_nowhere() {
        let data = test_data::modal();
        let largest = ModelSize {
            params_billions: 2000.0,
            precision: Precision::Fp32,
            context: 10_000_000,
            batch: 4096,
            layers: 1000,
            kv_heads: 1024,
            head_dim: 4096,
        };
        assert!(fit(&data, &largest).total_gb.is_finite());
        let nonsense = ModelSize { params_billions: f64::NAN, ..llama_8b(Precision::Bf16) };
        assert_eq!(fit(&data, &nonsense).cheapest, None);
    }

    #[test]
    fn gpus_needed_rounds_up_within_the_limit() {
        let data = test_data::modal();
        let h100 = &data.gpus[7];
        assert_eq!(h100.id, "H100");
        assert_eq!(gpus_needed(h100, 0.0), Some(1));
        assert_eq!(gpus_needed(h100, 80.0), Some(1));
        assert_eq!(gpus_needed(h100, 80.5), Some(2));
        assert_eq!(gpus_needed(h100, 640.0), Some(8));
        assert_eq!(gpus_needed(h100, 640.5), None);
        assert_eq!(gpus_needed(h100, f64::INFINITY), None);
    }
}
