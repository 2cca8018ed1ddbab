/**
 * The reward-check benchmark behind {@code raif bench rewards}: IFEval rows, each response and simple variants of it
 * ({@link ai.raif.rewards.bench.ResponseVariant}), checked strictly and loosely with
 * {@link ai.raif.rewards.ifeval.IfevalChecker} ({@link ai.raif.rewards.bench.RewardsBenchmark}). The data is not
 * shipped: {@link ai.raif.rewards.bench.RewardsWorkload#load} reads it from files. {@code
 * tools/bench/ifeval_reference_bench.py} runs the same workload with the Python reference.
 */
package ai.raif.rewards.bench;
