package ai.raif.rewards.reward;

import ai.raif.rewards.Constraint;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an answer attempts the task at all, which IFEval's rules do not ask: a small model learns that restating the
 * request's rules, or a few words, passes "forbid" rules (no commas, lower case, fewer than N capitals) without doing
 * the task (docs/BENCHMARKS.md, the recipe). Two checks, in the spirit of RAIF's data pipeline, which drops reference
 * answers that leak the prompt or are under length, and of CELLO's copy penalty (raif-spec §7, §8):
 *
 * <ul>
 *   <li><b>copies the request</b>: more than {@code maxCopiedShare} of the answer's word trigrams occur in the
 *       instruction or the response's own reasoning, or it talks about the request's rules the way the cloned
 *       reasoning blocks restate them ({@link #RESTATES_RULES}): a habit that spreads from the reasoning into
 *       answers in every mode, one rephrased sentence at a time, and that no prompt asks for;</li>
 *   <li><b>repeats itself</b>: more than {@value #MAX_REPEATED_SHARE} of its word trigrams repeat an earlier one,
 *       or one trigram occurs {@value #LOOP_COUNT} times or more, as in "[Your Email Address] [Your Email Address]
 *       …": a degenerate loop that passes "forbid" rules and length floors (on with the copy check);</li>
 *   <li><b>too short</b>: fewer than {@code minWords} words, unless a rule asks for a short answer (one of fixed
 *       options, or fewer than N words or sentences).</li>
 * </ul>
 *
 * A rule that asks to repeat the request ({@code combination:repeat_prompt}) has the repeated text taken out first.
 *
 * @param maxCopiedShare in [0, 1]; 1 switches the copy check off
 * @param minWords 0 switches the length check off
 */
public record AnswerSubstance(double maxCopiedShare, int minWords) implements Serializable {
  /** No check: every answer is substantive. */
  public static final AnswerSubstance OFF = new AnswerSubstance(1.0, 0);
  /** The check every held-out evaluation reports, whatever the training used, so that runs compare. */
  public static final AnswerSubstance HELD_OUT = new AnswerSubstance(0.5, 15);

  /** Scripts written without spaces count a character as a word, so a Chinese answer is not one long "word". */
  private static final String UNSPACED = "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsThai}";
  private static final Pattern WORD = Pattern.compile("[" + UNSPACED + "]|[\\p{L}\\p{N}'&&[^" + UNSPACED + "]]+");
  private static final int GRAM = 3;
  /** Ordinary prose repeats a few percent of its trigrams ("one of the"); a looping answer most of them. */
  static final double MAX_REPEATED_SHARE = 0.3;
  /** Below this many trigrams a repeat is as likely a list's pattern as a loop. */
  private static final int MIN_TRIGRAMS_FOR_REPEATS = 10;
  /** A trigram this often in one answer is a loop, however long the text around it. */
  static final int LOOP_COUNT = 5;
  /**
   * "The request comes with 2 rules to follow" and the model's variants of it ("my request came with 1 rule", "the
   * rules to follow"): the opening of the reasoning {@code VerifiedAnswers} writes. Neither the training prompts nor
   * the held-out set speak of rules.
   */
  public static final Pattern RESTATES_RULES = Pattern.compile(
      "(?i)\\b(?:comes|came)\\s+with\\s+(?:\\d+|one|two|three|four|five)\\s+rules?\\b|\\brules?\\s+to\\s+follow\\b");
  private static final String CONSTRAINED_RESPONSE = "detectable_format:constrained_response";
  private static final String REPEAT_PROMPT = "combination:repeat_prompt";

  public enum Verdict { SUBSTANTIVE, COPIES_REQUEST, REPEATS_ITSELF, TOO_SHORT }

  public AnswerSubstance {
    if (!(maxCopiedShare >= 0 && maxCopiedShare <= 1)) {
      throw new IllegalArgumentException("maxCopiedShare must be in [0, 1], got " + maxCopiedShare);
    }
    if (minWords < 0) throw new IllegalArgumentException("minWords must be >= 0, got " + minWords);
  }

  public boolean off() {
    return maxCopiedShare >= 1 && minWords == 0;
  }

  /**
   * @param rules the prompt's active rules (they may allow a short answer or ask for the request repeated)
   * @param sources the texts an answer must not copy: the instruction, and the reasoning of a reasoning rollout (null
   *     entries are skipped)
   */
  public Verdict judge(String answer, List<Constraint> rules, String... sources) {
    if (off() || rules.stream().anyMatch(r -> r.id().equals(CONSTRAINED_RESPONSE))) return Verdict.SUBSTANTIVE;
    String own = withoutRepeatedPrompt(answer, rules);
    if (maxCopiedShare < 1 && (copiedShare(own, sources) > maxCopiedShare || RESTATES_RULES.matcher(own).find())) {
      return Verdict.COPIES_REQUEST;
    }
    if (maxCopiedShare < 1 && loops(own)) return Verdict.REPEATS_ITSELF;
    if (words(own).size() < minWords && !allowsShort(rules)) return Verdict.TOO_SHORT;
    return Verdict.SUBSTANTIVE;
  }

  /** The share of the answer's word trigrams (lower-cased) that occur in any of {@code sources}; 0 below 3 words. */
  static double copiedShare(String answer, String... sources) {
    List<String> grams = trigrams(words(answer));
    if (grams.isEmpty()) return 0;
    Set<String> seen = new HashSet<>();
    for (String s : sources) if (s != null) seen.addAll(trigrams(words(s)));
    long copied = grams.stream().filter(seen::contains).count();
    return (double) copied / grams.size();
  }

  /** The share of the answer's word trigrams that occurred earlier in it; 0 under {@value #MIN_TRIGRAMS_FOR_REPEATS}. */
  static double repeatedShare(String answer) {
    List<String> grams = trigrams(words(answer));
    return repeatedShare(grams.size(), new HashSet<>(grams).size());
  }

  private static double repeatedShare(int grams, int distinct) {
    return grams < MIN_TRIGRAMS_FOR_REPEATS ? 0 : (double) (grams - distinct) / grams;
  }

  /** One pass over the trigrams: a trigram {@value #LOOP_COUNT} times, or too large a share of repeats. */
  private static boolean loops(String answer) {
    List<String> grams = trigrams(words(answer));
    Map<String, Integer> counts = new HashMap<>();
    for (String gram : grams) {
      if (counts.merge(gram, 1, Integer::sum) >= LOOP_COUNT) return true;
    }
    return repeatedShare(grams.size(), counts.size()) > MAX_REPEATED_SHARE;
  }

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) out.add(m.group());
    return out;
  }

  private static List<String> trigrams(List<String> words) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i + GRAM <= words.size(); i++) out.add(String.join(" ", words.subList(i, i + GRAM)));
    return out;
  }

  /** Rules under which a few words are a complete answer: an upper bound on words or sentences. */
  private static boolean allowsShort(List<Constraint> rules) {
    for (Constraint r : rules) {
      boolean bounded = r.id().equals("length_constraints:number_words")
          || r.id().equals("length_constraints:number_sentences");
      if (bounded && "less than".equals(r.kwargs().get("relation"))) return true;
    }
    return false;
  }

  private static String withoutRepeatedPrompt(String answer, List<Constraint> rules) {
    for (Constraint r : rules) {
      if (!r.id().equals(REPEAT_PROMPT) || !(r.kwargs().get("prompt_to_repeat") instanceof String repeated)) continue;
      String text = repeated.strip();
      for (int at = 0; !text.isEmpty() && at + text.length() <= answer.length(); at++) {
        if (answer.regionMatches(true, at, text, 0, text.length())) {
          return answer.substring(0, at) + answer.substring(at + text.length());
        }
      }
    }
    return answer;
  }
}
