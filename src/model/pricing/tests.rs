//! The pricing model against AWS's worked examples and its own rules.

use super::*;

fn inputs(requests: u64, duration_ms: f64, memory_mb: u32) -> PricingInputs {
    PricingInputs {
        requests,
        duration_ms,
        memory_mb,
        ..PricingInputs::default()
    }
}

fn no_free_tier(mut inputs: PricingInputs) -> PricingInputs {
    inputs.free_tier = false;
    inputs
}

/// The exact unrounded cost of `gb_s` GB-s at `ten_billionths` × 10⁻¹⁰ USD per GB-s.
fn exact(gb_s: u128, ten_billionths: u64) -> ExactUsd {
    ExactUsd::of_mb_ms(
        gb_s * MB_MS_PER_GB_S,
        UsdRate::from_ten_billionths_usd(ten_billionths),
    )
}

#[test]
fn measured_durations_show_to_the_microsecond() {
    // A duration measured by the engine has many decimals; the bill shows what AWS
    // measures (µs) and no float noise.
    assert_eq!(format_ms(2.007_319_333_333_333_2), "2.007");
    assert_eq!(format_ms(1.2), "1.2");
    assert_eq!(format_ms(100.0), "100");
}

#[test]
fn prices_print_in_aws_notation() {
    assert_eq!(
        X86_64_DURATION_TIERS[0].price_per_gb_s.to_string(),
        "$0.0000166667"
    );
    assert_eq!(
        X86_64_DURATION_TIERS[1].price_per_gb_s.to_string(),
        "$0.0000150000"
    );
    assert_eq!(
        EPHEMERAL_STORAGE_PRICE_PER_GB_S.to_string(),
        "$0.0000000309"
    );
    assert_eq!(REQUEST_PRICE.to_string(), "$0.0000002000");
}

#[test]
fn facts_example_1_with_free_tier() {
    // FACTS.md / pricing page: 3M requests, 120 ms, 1536 MB, x86_64, free tier.
    let bill = estimate(&inputs(3_000_000, 120.0, 1_536)).unwrap();
    assert_eq!(bill.cents(LineItemKind::Compute), 233);
    assert_eq!(bill.cents(LineItemKind::Requests), 40);
    assert_eq!(bill.total_cents, 273);
    let compute = bill.line(LineItemKind::Compute).unwrap();
    assert!(
        compute
            .arithmetic
            .ends_with("540,000 GB-s − 400,000 free = 140,000 GB-s × $0.0000166667 = $2.33"),
        "{}",
        compute.arithmetic
    );
    // 140,000 × $0.0000166667 = $2.333338 exactly.
    assert_eq!(compute.unrounded_cost, exact(140_000, 166_667));
    assert_eq!(
        bill.line(LineItemKind::Requests).unwrap().arithmetic,
        "3,000,000 requests − 1,000,000 free = 2,000,000 requests × $0.20 per 1M = $0.40"
    );
    assert_eq!(bill.total_arithmetic(), "$2.33 + $0.40 = $2.73");
    assert!(bill.line(LineItemKind::Ephemeral).is_none());
    assert!(bill.line(LineItemKind::Init).is_none());
}

#[test]
fn facts_example_1_without_free_tier() {
    // 540,000 GB-s × $0.0000166667 = $9.000018 → $9.00; 3M × $0.20/M = $0.60.
    let bill = estimate(&no_free_tier(inputs(3_000_000, 120.0, 1_536))).unwrap();
    assert_eq!(bill.cents(LineItemKind::Compute), 900);
    assert_eq!(bill.cents(LineItemKind::Requests), 60);
    assert_eq!(bill.total_cents, 960);
}

#[test]
fn facts_example_2_with_ephemeral_storage() {
    // 6M requests, 280 ms, 4096 MB, 2048 MB /tmp, free tier.
    // compute: 6,720,000 − 400,000 = 6,320,000 GB-s × $0.0000166667 = $105.333544 → $105.33
    // requests: 5M × $0.20/M = $1.00
    // ephemeral: 1,680,000 s × 1.5 GB = 2,520,000 GB-s × $0.0000000309 = $0.077868 → $0.08
    let mut example = inputs(6_000_000, 280.0, 4_096);
    example.ephemeral_storage_mb = 2_048;
    let bill = estimate(&example).unwrap();
    assert_eq!(bill.cents(LineItemKind::Compute), 10_533);
    assert_eq!(bill.cents(LineItemKind::Requests), 100);
    assert_eq!(bill.cents(LineItemKind::Ephemeral), 8);
    assert_eq!(bill.total_cents, 10_641);
    assert_eq!(
        bill.line(LineItemKind::Ephemeral).unwrap().arithmetic,
        "1,680,000 s billed × 1,536 MB extra (2,048 − 512 MB) = 2,520,000 GB-s × \
         $0.0000000309 = $0.08"
    );
    assert_eq!(
        bill.line(LineItemKind::Ephemeral).unwrap().unrounded_cost,
        exact(2_520_000, 309)
    );
}

#[test]
fn fractional_duration_bills_whole_ms_rounded_up() {
    assert_eq!(billed_duration_ms(1.2, None), 2);
    assert_eq!(billed_duration_ms(2.0, None), 2);
    assert_eq!(billed_duration_ms(0.0, None), 1);
    assert_eq!(billed_duration_ms(0.001, None), 1);
    assert_eq!(billed_duration_ms(120.0000001, None), 120); // below a microsecond: float noise
    // 1e9 × 2 ms × 1 GB = 2,000,000 GB-s × $0.0000166667 = $33.3334 → $33.33
    // (1.2 ms unrounded would be 1,200,000 GB-s = $20.00).
    let bill = estimate(&no_free_tier(inputs(1_000_000_000, 1.2, 1_024))).unwrap();
    assert_eq!(bill.cents(LineItemKind::Compute), 3_333);
    assert!(
        bill.line(LineItemKind::Compute)
            .unwrap()
            .arithmetic
            .starts_with("1,000,000,000 × 2 ms (1.2 ms rounded up) × 1,024 MB = 2,000,000 GB-s")
    );
}

#[test]
fn x86_first_tier_boundary_is_exact() {
    // 1 GB × 1 s = 1 GB-s per request, so requests = GB-s.
    // Exactly 6B GB-s: 6e9 × $0.0000166667 = $100,000.20, all in tier 1.
    let at = estimate(&no_free_tier(inputs(6_000_000_000, 1_000.0, 1_024))).unwrap();
    assert_eq!(
        at.line(LineItemKind::Compute).unwrap().unrounded_cost,
        exact(6_000_000_000, 166_667)
    );
    assert_eq!(at.cents(LineItemKind::Compute), 10_000_020);
    // One GB-s above: that one GB-s pays tier 2.
    let above = estimate(&no_free_tier(inputs(6_000_000_001, 1_000.0, 1_024))).unwrap();
    assert_eq!(
        above.line(LineItemKind::Compute).unwrap().unrounded_cost,
        exact(6_000_000_000, 166_667) + exact(1, 150_000)
    );
    // 1M GB-s above: + $15.00 (tier 2), not + $16.67 (tier 1).
    let more = estimate(&no_free_tier(inputs(6_001_000_000, 1_000.0, 1_024))).unwrap();
    assert_eq!(more.cents(LineItemKind::Compute), 10_001_520);
    assert!(
        more.line(LineItemKind::Compute)
            .unwrap()
            .arithmetic
            .ends_with(
                ": 6,000,000,000 GB-s × $0.0000166667 + 1,000,000 GB-s × $0.0000150000 = \
             $100,015.20"
            )
    );
}

#[test]
fn x86_second_tier_boundary_is_exact() {
    // 6e9 × $0.0000166667 + 9e9 × $0.000015 = $100,000.20 + $135,000 = $235,000.20
    let at = estimate(&no_free_tier(inputs(15_000_000_000, 1_000.0, 1_024))).unwrap();
    assert_eq!(at.cents(LineItemKind::Compute), 23_500_020);
    // + 1M GB-s × $0.0000133334 = $13.3334 → $235,013.5334 → $235,013.53
    let above = estimate(&no_free_tier(inputs(15_001_000_000, 1_000.0, 1_024))).unwrap();
    assert_eq!(
        above.line(LineItemKind::Compute).unwrap().unrounded_cost,
        exact(6_000_000_000, 166_667) + exact(9_000_000_000, 150_000) + exact(1_000_000, 133_334)
    );
    assert_eq!(above.cents(LineItemKind::Compute), 23_501_353);
}

#[test]
fn arm_tier_boundaries_are_exact() {
    let arm = |requests| {
        let mut arm = no_free_tier(inputs(requests, 1_000.0, 1_024));
        arm.architecture = Architecture::Arm64;
        estimate(&arm).unwrap()
    };
    // Exactly 7.5B GB-s: 7.5e9 × $0.0000133334 = $100,000.50.
    let at = arm(7_500_000_000);
    assert_eq!(at.cents(LineItemKind::Compute), 10_000_050);
    // + 1M GB-s × $0.0000120001 = $12.0001 → $100,012.50 (tier 1 would be $13.33).
    let above = arm(7_501_000_000);
    assert_eq!(above.cents(LineItemKind::Compute), 10_001_250);
    // Exactly 18.75B: $100,000.50 + 11.25e9 × $0.0000120001 = $235,001.625 → $235,001.63
    // (half up; banker's rounding would say .62).
    let second = arm(18_750_000_000);
    assert_eq!(
        second.line(LineItemKind::Compute).unwrap().unrounded_cost,
        exact(7_500_000_000, 133_334) + exact(11_250_000_000, 120_001)
    );
    assert_eq!(second.cents(LineItemKind::Compute), 23_500_163);
    // + 1M GB-s × $0.0000106667 = $10.6667 → $235,012.2917 → $235,012.29
    assert_eq!(arm(18_751_000_000).cents(LineItemKind::Compute), 23_501_229);
}

#[test]
fn tiers_apply_to_billable_gb_s_after_the_free_tier() {
    // 6,000,400,000 GB-s used − 400,000 free = exactly 6B billable: all tier 1.
    let bill = estimate(&inputs(6_000_400_000, 1_000.0, 1_024)).unwrap();
    assert_eq!(
        bill.line(LineItemKind::Compute).unwrap().unrounded_cost,
        exact(6_000_000_000, 166_667)
    );
}

#[test]
fn split_into_tiers_respects_a_start_offset() {
    let boundary = 6_000_000_000u128 * MB_MS_PER_GB_S;
    let segments = split_into_tiers(Architecture::X86_64, boundary - 10, 30);
    assert_eq!(segments.len(), 2);
    assert_eq!(segments[0].mb_ms, 10);
    assert_eq!(segments[1].mb_ms, 20);
    assert!(split_into_tiers(Architecture::Arm64, 5, 0).is_empty());
}

#[test]
fn init_billing_on_and_off() {
    // Example 1 plus 1% cold starts of 130 ms INIT:
    // 30,000 × 130 ms × 1.5 GB = 5,850 GB-s × $0.0000166667 = $0.0975002 → $0.10.
    let mut cold = inputs(3_000_000, 120.0, 1_536);
    cold.cold_starts = Some(ColdStarts {
        rate: 0.01,
        init_duration_ms: 130.0,
    });
    let after = estimate(&cold).unwrap();
    assert_eq!(after.cents(LineItemKind::Init), 10);
    assert_eq!(after.cents(LineItemKind::Compute), 233);
    assert_eq!(after.total_cents, 283);
    assert_eq!(
        after.line(LineItemKind::Init).unwrap().unrounded_cost,
        exact(5_850, 166_667)
    );
    assert!(
        after
            .line(LineItemKind::Init)
            .unwrap()
            .arithmetic
            .starts_with(
                "30,000 cold starts (1% of 3,000,000) × 130 ms INIT × 1,536 MB = 5,850 GB-s"
            )
    );

    cold.init_billed = false;
    let before = estimate(&cold).unwrap();
    assert_eq!(before.cents(LineItemKind::Init), 0);
    assert_eq!(before.total_cents, 273);
    assert!(
        before
            .line(LineItemKind::Init)
            .unwrap()
            .arithmetic
            .contains("not billed before 2025-08-01")
    );
}

#[test]
fn init_and_invoke_are_rounded_up_together() {
    // From a REPORT line: Init 1293.83 ms + Duration 1049.63 ms = 2343.46 → 2344 ms billed.
    assert_eq!(billed_duration_ms(1_049.63, Some(1_293.83)), 2_344);
    // 1.2 + 130.3 = 131.5 → 132 ms, of which 2 ms is the invoke: INIT adds 130 ms (not 131).
    assert_eq!(billed_duration_ms(1.2, Some(130.3)), 132);
    let mut cold = no_free_tier(inputs(1_000_000, 1.2, 1_024));
    cold.cold_starts = Some(ColdStarts {
        rate: 1.0,
        init_duration_ms: 130.3,
    });
    let bill = estimate(&cold).unwrap();
    // 1M × 130 ms × 1 GB = 130,000 GB-s × $0.0000166667 = $2.166671 → $2.17
    assert_eq!(bill.cents(LineItemKind::Init), 217);
}

#[test]
fn init_shares_the_free_tier_after_compute() {
    // Compute: 1M × 100 ms × 1 GB = 100,000 GB-s, all free; 300,000 free GB-s left.
    // INIT: 500,000 × 1,000 ms × 1 GB = 500,000 GB-s − 300,000 = 200,000 × $0.0000166667
    //       = $3.33334 → $3.33.
    let mut cold = inputs(1_000_000, 100.0, 1_024);
    cold.cold_starts = Some(ColdStarts {
        rate: 0.5,
        init_duration_ms: 1_000.0,
    });
    let bill = estimate(&cold).unwrap();
    assert_eq!(bill.cents(LineItemKind::Compute), 0);
    assert_eq!(bill.cents(LineItemKind::Init), 333);
    assert!(
        bill.line(LineItemKind::Init)
            .unwrap()
            .arithmetic
            .contains("− 300,000 free left after compute = 200,000 GB-s")
    );
}

#[test]
fn init_continues_into_the_next_tier() {
    // Compute fills tier 1 exactly; INIT's 1M GB-s pay tier 2.
    let mut cold = no_free_tier(inputs(6_000_000_000, 1_000.0, 1_024));
    cold.cold_starts = Some(ColdStarts {
        rate: 0.0005, // 3,000,000 cold starts
        init_duration_ms: 333.0,
    });
    let bill = estimate(&cold).unwrap();
    // 3M × 333 ms × 1 GB = 999,000 GB-s × $0.000015 = $14.985 → $14.99 (half up)
    assert_eq!(
        bill.line(LineItemKind::Init).unwrap().unrounded_cost,
        exact(999_000, 150_000)
    );
    assert_eq!(bill.cents(LineItemKind::Init), 1_499);
}

#[test]
fn aws_provisioned_concurrency_example() {
    // AWS pricing page, provisioned concurrency example: 1,024 MB, 1,000 concurrency
    // enabled for 2 hours, 1.2M requests of 1 s each, x86_64:
    //   concurrency: 1,000 × 7,200 s × 1 GB = 7,200,000 GB-s × $0.0000041667 = $30.00024
    //   duration:    1.2M × 1 s × 1 GB = 1,200,000 GB-s × $0.0000097222 = $11.66664
    //   requests:    1.2M × $0.20/M = $0.24 (no free tier for provisioned concurrency)
    //   total:       $30.00 + $11.67 + $0.24 = $41.91
    let mut pc = inputs(0, 0.0, 1_024);
    pc.provisioned = Some(ProvisionedConcurrency {
        concurrency: 1_000,
        hours_enabled: 2.0,
        requests: 1_200_000,
        duration_ms: 1_000.0,
    });
    let bill = estimate(&pc).unwrap();
    assert_eq!(bill.cents(LineItemKind::ProvisionedConcurrency), 3_000);
    assert_eq!(bill.cents(LineItemKind::ProvisionedDuration), 1_167);
    assert_eq!(bill.cents(LineItemKind::Requests), 24);
    assert_eq!(bill.cents(LineItemKind::Compute), 0);
    assert_eq!(bill.total_cents, 4_191);
    assert_eq!(
        bill.line(LineItemKind::ProvisionedConcurrency)
            .unwrap()
            .arithmetic,
        "1,000 × 7,200 s (2 h) × 1,024 MB = 7,200,000 GB-s × $0.0000041667 = $30.00 \
         (no free tier)"
    );
}

#[test]
fn provisioned_concurrency_with_on_demand_overflow_on_arm() {
    // By hand from FACTS.md rates: arm64, 2,048 MB, 10 environments for 730 h, serving
    // 20M requests of 50 ms; 2M more overflow on demand at 50 ms; free tier on.
    //   concurrency: 10 × 2,628,000 s × 2 GB = 52,560,000 GB-s × $0.0000033334
    //                = $175.203504 → $175.20
    //   PC duration: 20M × 0.05 s × 2 GB = 2,000,000 GB-s × $0.0000077778 = $15.5556 → $15.56
    //   requests:    (2M − 1M free) + 20M = 21M × $0.20/M = $4.20
    //   compute:     2M × 0.05 s × 2 GB = 200,000 GB-s, inside the free tier → $0.00
    //   total:       $175.20 + $15.56 + $4.20 + $0.00 = $194.96
    let mut pc = inputs(2_000_000, 50.0, 2_048);
    pc.architecture = Architecture::Arm64;
    pc.provisioned = Some(ProvisionedConcurrency {
        concurrency: 10,
        hours_enabled: 730.0,
        requests: 20_000_000,
        duration_ms: 50.0,
    });
    let bill = estimate(&pc).unwrap();
    assert_eq!(bill.cents(LineItemKind::ProvisionedConcurrency), 17_520);
    assert_eq!(bill.cents(LineItemKind::ProvisionedDuration), 1_556);
    assert_eq!(bill.cents(LineItemKind::Requests), 420);
    assert_eq!(bill.cents(LineItemKind::Compute), 0);
    assert_eq!(bill.total_cents, 19_496);
    assert_eq!(
        bill.line(LineItemKind::Requests).unwrap().arithmetic,
        "(2,000,000 − 1,000,000 free) on demand + 20,000,000 provisioned = 21,000,000 \
         requests × $0.20 per 1M = $4.20"
    );
}

#[test]
fn provisioned_time_rounds_up_to_five_minutes() {
    assert_eq!(provisioned_billed_ms(2.0), 7_200_000);
    assert_eq!(provisioned_billed_ms(0.1), 600_000); // 6 min → 10 min
    assert_eq!(provisioned_billed_ms(1.01), 3_900_000); // 60.6 min → 65 min
    assert_eq!(provisioned_billed_ms(0.0), 0);
    // 100 × 3,900 s × 1 GB = 390,000 GB-s × $0.0000041667 = $1.625013 → $1.63
    let mut pc = inputs(0, 0.0, 1_024);
    pc.provisioned = Some(ProvisionedConcurrency {
        concurrency: 100,
        hours_enabled: 1.01,
        requests: 0,
        duration_ms: 0.0,
    });
    let bill = estimate(&pc).unwrap();
    assert_eq!(bill.cents(LineItemKind::ProvisionedConcurrency), 163);
    assert!(
        bill.line(LineItemKind::ProvisionedConcurrency)
            .unwrap()
            .arithmetic
            .contains("3,900 s (1.01 h rounded up to 5 min)")
    );
}

#[test]
fn ephemeral_storage_counts_init_and_provisioned_seconds() {
    // 1M × 100 ms + 10,000 cold starts × 900 ms INIT + 1M PC × 100 ms
    // = 100,000 s + 9,000 s + 100,000 s = 209,000 s × 9.5 GB extra (10,240 − 512 MB)
    // = 1,985,500 GB-s × $0.0000000309 = $0.06135195 → $0.06
    let mut all = inputs(1_000_000, 100.0, 1_024);
    all.ephemeral_storage_mb = 10_240;
    all.cold_starts = Some(ColdStarts {
        rate: 0.01,
        init_duration_ms: 900.0,
    });
    all.provisioned = Some(ProvisionedConcurrency {
        concurrency: 1,
        hours_enabled: 730.0,
        requests: 1_000_000,
        duration_ms: 100.0,
    });
    let bill = estimate(&all).unwrap();
    assert_eq!(
        bill.line(LineItemKind::Ephemeral).unwrap().unrounded_cost,
        exact(1_985_500, 309)
    );
    assert_eq!(bill.cents(LineItemKind::Ephemeral), 6);
}

#[test]
fn line_items_are_rounded_then_summed() {
    // requests: 24,000 × $0.0000002 = $0.0048 → $0.00
    // compute:  24,000 × 10 ms × 1 GB = 240 GB-s × $0.0000166667 = $0.004000008 → $0.00
    // Rounded, then summed: $0.00, although the unrounded sum ($0.0088) rounds to $0.01.
    let bill = estimate(&no_free_tier(inputs(24_000, 10.0, 1_024))).unwrap();
    assert_eq!(bill.cents(LineItemKind::Requests), 0);
    assert_eq!(bill.cents(LineItemKind::Compute), 0);
    assert_eq!(bill.total_cents, 0);
    assert_eq!(
        bill.total_unrounded,
        exact(240, 166_667) + ExactUsd::of_count(24_000, REQUEST_PRICE)
    );
    assert_eq!(bill.total_unrounded.cents_half_up(), 1);
}

#[test]
fn bad_values_are_refused_with_aws_wording() {
    let error = estimate(&inputs(1, 1.0, 20_000)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Value '20000' at 'memorySize' failed to satisfy constraint: Member must have value \
         less than or equal to 10240"
    );
    assert_eq!(
        Field::MemoryMb.check(127.0).unwrap_err().to_string(),
        "Value '127' at 'memorySize' failed to satisfy constraint: Member must have value \
         greater than or equal to 128"
    );
    let mut small_tmp = inputs(1, 1.0, 128);
    small_tmp.ephemeral_storage_mb = 100;
    assert!(matches!(
        estimate(&small_tmp),
        Err(PricingError::BelowMinimum {
            field: Field::EphemeralStorageMb,
            ..
        })
    ));
    assert!(Field::ColdStartRate.check(1.5).is_err());
    assert!(Field::ColdStartRate.check(-0.1).is_err());
    assert!(Field::DurationMs.check(f64::NAN).is_err());
    assert!(Field::DurationMs.check(900_001.0).is_err());
    assert!(Field::MemoryMb.check(1_536.5).is_err());
    assert!(Field::Requests.check(-1.0).is_err());
    assert!(Field::ProvisionedConcurrency.check(0.0).is_err());
    assert!(Field::ProvisionedHours.check(745.0).is_err());
    assert!(Field::InitDurationMs.check(10_001.0).is_err());
}

#[test]
fn provisioned_environments_cannot_be_busier_than_enabled() {
    // 1 environment × 1 h = 3,600,000 ms; 3,601 requests × 1,000 ms do not fit.
    let mut pc = inputs(0, 0.0, 128);
    pc.provisioned = Some(ProvisionedConcurrency {
        concurrency: 1,
        hours_enabled: 1.0,
        requests: 3_601,
        duration_ms: 1_000.0,
    });
    let error = estimate(&pc).unwrap_err();
    assert!(matches!(
        error,
        PricingError::ProvisionedOverCapacity { .. }
    ));
    assert_eq!(
        error.to_string(),
        "3,601 requests × 1,000 ms need 3,601 s of busy time, but 1 provisioned \
         environment(s) enabled for 1 h offer only 3,600 s"
    );
    if let Some(provisioned) = pc.provisioned.as_mut() {
        provisioned.requests = 3_600;
    }
    assert!(estimate(&pc).is_ok());
}

#[test]
fn largest_inputs_do_not_overflow() {
    let mut huge = inputs(MAX_REQUESTS_PER_MONTH, 900_000.0, 10_240);
    huge.ephemeral_storage_mb = 10_240;
    huge.cold_starts = Some(ColdStarts {
        rate: 1.0,
        init_duration_ms: 10_000.0,
    });
    huge.provisioned = Some(ProvisionedConcurrency {
        concurrency: 1_000_000,
        hours_enabled: 744.0,
        requests: 1_000_000_000,
        duration_ms: 900_000.0,
    });
    let bill = estimate(&huge).unwrap();
    assert!(bill.total_cents > 0);
}

#[test]
fn number_formatting() {
    assert_eq!(format::thousands(0), "0");
    assert_eq!(format::thousands(999), "999");
    assert_eq!(format::thousands(1_000), "1,000");
    assert_eq!(format::thousands(6_000_000_000), "6,000,000,000");
    assert_eq!(format::ratio(300_000, 1_024_000, 3), "0.293");
    assert_eq!(format::ratio(1_999_999, 1_000_000, 3), "2");
    assert_eq!(format_cents(10_641), "$106.41");
    assert_eq!(format_cents(5), "$0.05");
    assert_eq!(format_cents(23_500_163), "$235,001.63");
    assert_eq!(format_percent(0.01), "1");
    assert_eq!(format_percent(0.0005), "0.05");
}

#[test]
fn an_asynchronous_event_counts_one_request_per_64_kb_begun_past_256_kb() {
    assert_eq!(requests_per_async_event(0.0), 1);
    assert_eq!(requests_per_async_event(256.0), 1);
    assert_eq!(requests_per_async_event(256.5), 2);
    assert_eq!(requests_per_async_event(320.0), 2);
    assert_eq!(requests_per_async_event(1024.0), 13);
    let mut async_inputs = no_free_tier(inputs(1_000_000, 100.0, 128));
    async_inputs.async_event_kb = Some(1024.0);
    let estimate = estimate(&async_inputs).expect("valid");
    let requests = estimate
        .line_items
        .iter()
        .find(|line| line.kind == LineItemKind::Requests)
        .expect("a requests line");
    assert_eq!(requests.cost_cents, 260);
    assert!(
        requests.arithmetic.contains("1,000,000 events × 13"),
        "{}",
        requests.arithmetic
    );
}
