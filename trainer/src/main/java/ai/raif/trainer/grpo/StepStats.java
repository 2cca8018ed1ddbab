package ai.raif.trainer.grpo;

/**
 * What one optimizer step did, for {@code train_metrics} and the console.
 *
 * @param loss the value back-propagated: policy + β·KL + bc_coef·BC
 * @param policyLoss the clipped surrogate, aggregated over the whole batch
 * @param klLoss the KL term before β
 * @param bcLoss the behaviour-cloning NLL (token mean over the expert responses), before its coefficient
 * @param meanKl token mean of the KL estimate over the RL response tokens; NaN without a reference
 * @param entropy token mean of the policy's entropy over the RL response tokens; NaN with no RL sequence
 * @param gradNorm global gradient norm before clipping
 * @param rlSequences sequences in the policy-gradient batch (kept or not)
 * @param tokens tokens run forward and backward (prompts included): the throughput numerator
 */
public record StepStats(double loss, double policyLoss, double klLoss, double bcLoss, double meanKl,
                        double clipLowFraction, double clipHighFraction, double meanRatio, double entropy,
                        double gradNorm, double lr, int rlSequences, int expertSequences, int responseTokens,
                        int expertTokens, long tokens, double seconds) {
  public double tokensPerSecond() {
    return seconds > 0 ? tokens / seconds : Double.NaN;
  }
}
