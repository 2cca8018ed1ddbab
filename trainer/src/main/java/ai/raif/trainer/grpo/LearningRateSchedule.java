package ai.raif.trainer.grpo;

/**
 * The reference's {@code cosine_with_min_lr} shape (spec §4.4) over optimizer steps {@code 0 .. totalSteps - 1}:
 * linear warm-up from 0 at step 0 to {@code peak} at step {@code warmupSteps}, then a half cosine down to
 * {@link #FINAL_FRACTION} of the peak at the final step {@code totalSteps - 1}.
 *
 * <p>Unlike the reference, the final step reaches the floor exactly, and steps past the planned end are an error
 * rather than a silent hold: size the schedule for the steps that will actually run (§10.11).
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps) {
  /** The learning rate at the last step, as a fraction of the peak. */
  public static final double FINAL_FRACTION = 0.1;

  public LearningRateSchedule {
    if (!(peak > 0 && Double.isFinite(peak))) throw new IllegalArgumentException("peak lr must be > 0, got " + peak);
    if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
    if (totalSteps < warmupSteps + 2) {
      throw new IllegalArgumentException("totalSteps (" + totalSteps + ") must leave at least one decay step after "
          + warmupSteps + " warm-up steps, i.e. be >= " + (warmupSteps + 2));
    }
  }

  /** Warm-up over {@code ceil(fraction * totalSteps)} steps, as the reference does with fraction 0.03. */
  public static LearningRateSchedule withWarmupFraction(double peak, double fraction, int totalSteps) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("warm-up fraction must be in [0, 1), got " + fraction);
    }
    return new LearningRateSchedule(peak, (int) Math.ceil(fraction * totalSteps), totalSteps);
  }

  public double lr(int step) {
    if (step < 0 || step >= totalSteps) {
      throw new IllegalArgumentException("step " + step + " is outside the schedule [0, " + (totalSteps - 1) + "]");
    }
    if (step < warmupSteps) return peak * step / warmupSteps;
    double progress = (double) (step - warmupSteps) / (totalSteps - 1 - warmupSteps);
    double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
    return peak * (FINAL_FRACTION + (1 - FINAL_FRACTION) * cosine);
  }
}
