package ai.raif.rewards.bench;

/** What one pass over (part of) a workload gave: how many checks ran and how many of them passed, per mode. */
public record Verdicts(long checks, long passedStrict, long passedLoose) {
  public static final Verdicts NONE = new Verdicts(0, 0, 0);

  public Verdicts plus(Verdicts other) {
    return new Verdicts(checks + other.checks, passedStrict + other.passedStrict, passedLoose + other.passedLoose);
  }
}
