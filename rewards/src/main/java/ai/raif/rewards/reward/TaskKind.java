package ai.raif.rewards.reward;

/** How the accuracy reward is computed: IFEval rule checkers, LLM-judge verdicts, or the math verifier. */
public enum TaskKind {
  IFEVAL,
  COMPLEX,
  MATH
}
