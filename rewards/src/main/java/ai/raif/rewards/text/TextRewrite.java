package ai.raif.rewards.text;

/** One step of a rewriting cascade (a regex substitution, or a scanner doing the same substitution faster). */
@FunctionalInterface
interface TextRewrite {
  String apply(String text);
}
