package ai.raif.rewards.ifeval;

/**
 * What sets one IFEval-format benchmark's evaluation apart from another's: its instruction registry and how responses
 * are matched to prompts. The loop, the strict and loose modes, the result files and the report are shared.
 */
public record RuleBenchmark(String name, InstructionRegistry registry, ResponseMatching matching) {
  /** Google's IFEval: the 25 instruction ids, {@code evaluation_main}'s exact response matching. */
  public static final RuleBenchmark IFEVAL = new RuleBenchmark("ifeval", new IfevalChecker(), ResponseMatching.EXACT);
}
