package ai.raif.rewards.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.InvalidConstraintException;
import ai.raif.rewards.TimeBoundChecker;
import ai.raif.rewards.ifeval.FollowMode;
import ai.raif.rewards.ifeval.IfevalData;
import ai.raif.rewards.ifeval.IfevalInput;
import ai.raif.rewards.ifeval.Instruction;
import ai.raif.rewards.ifeval.SharedData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every IFEval and IFBench checker on generated hostile responses (very long, deeply nested, pathological whitespace,
 * lone surrogates, huge numbers, JSON nested past parser limits): {@link Instruction} promises never to throw, and a
 * check must stay within the reward's bound. {@code -Draif.fuzz.responses=100000} is the run docs/RELIABILITY.md
 * reports; CI runs fewer.
 */
class CheckerFuzzTest {
  static final int RESPONSES = Integer.getInteger("raif.fuzz.responses", 200);
  /** The bound every rule check runs under in the reward ({@link TimeBoundChecker}). */
  static final long BOUND_NANOS = TimeBoundChecker.DEFAULT_BOUND.toNanos();

  @Test
  void noCheckerThrowsOrRunsPastItsBoundOnAnyResponse() {
    Map<String, Instruction> checks = oneCheckPerId();
    // every registered id but the one whose part-of-speech model no registry carries (it cannot be bound at all)
    assertEquals(IfbenchChecker.ids().size() - 1, checks.size(), "a bound check for every supported id");
    assertEquals(false, checks.containsKey("words:start_verb"));
    // first calls load what a checker needs once per JVM (language profiles, word lists): not a check's cost
    for (Instruction check : checks.values()) check.isFollowedBy("Warm up. The sea is calm, and we sail.");
    SplittableRandom random = new SplittableRandom(20261207);
    List<String> escaped = new ArrayList<>();
    Map<String, long[]> worst = new LinkedHashMap<>();  // id -> {nanos, response length}
    long worstInline = 0;  // the slowest check of a text the reward checks inline (no thread, no bound)
    long checked = 0;
    for (int i = 0; i < RESPONSES; i++) {
      String response = HostileText.next(random);
      // a check is one instruction on one text: the response, and each variant IFEval's loose mode tries
      List<String> texts = FollowMode.LOOSE.candidates(response).stream().distinct().toList();
      for (Map.Entry<String, Instruction> e : checks.entrySet()) {
        for (String text : texts) {
          long start = System.nanoTime();
          try {
            e.getValue().isFollowedBy(text);
          } catch (RuntimeException | StackOverflowError t) {
            if (escaped.size() < 20) escaped.add(e.getKey() + " on " + HostileText.describe(text) + ": " + t);
          }
          long nanos = System.nanoTime() - start;
          checked++;
          if (text.length() <= TimeBoundChecker.INLINE_CHARS) worstInline = Math.max(worstInline, nanos);
          long[] w = worst.computeIfAbsent(e.getKey(), k -> new long[2]);
          if (nanos > w[0]) {
            w[0] = nanos;
            w[1] = text.length();
          }
        }
      }
    }
    List<Map.Entry<String, long[]>> slowest = new ArrayList<>(worst.entrySet());
    slowest.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
    System.out.printf("checker fuzz: %d responses, %d instructions, %d checks (each response and its loose variants);"
        + " slowest:%n", RESPONSES, checks.size(), checked);
    for (Map.Entry<String, long[]> e : slowest.subList(0, 5)) {
      System.out.printf("  %-45s %8.1f ms on %,d chars%n", e.getKey(), e.getValue()[0] / 1e6, e.getValue()[1]);
    }
    System.out.printf("  slowest check of a text of at most %,d chars: %.1f ms%n", TimeBoundChecker.INLINE_CHARS,
        worstInline / 1e6);
    assertEquals(List.of(), escaped, "exceptions that escaped a checker");
    List<String> over = slowest.stream().filter(e -> e.getValue()[0] > BOUND_NANOS)
        .map(e -> e.getKey() + " " + e.getValue()[0] / 1_000_000 + " ms").toList();
    assertEquals(List.of(), over, "checks over the bound");
  }

  /** Each id bound with the kwargs of its first use in the shared IFEval and IFBench test sets. */
  private static Map<String, Instruction> oneCheckPerId() {
    IfbenchChecker registry = new IfbenchChecker();
    Map<String, Instruction> out = new LinkedHashMap<>();
    List<IfevalInput> inputs = new ArrayList<>(IfevalData.readInputs(
        SharedData.benchmarkDir("ifeval").resolve("input_data.jsonl")));
    inputs.addAll(IfevalData.readInputs(SharedData.benchmarkDir("ifbench").resolve("IFBench_test.jsonl")));
    for (IfevalInput input : inputs) {
      for (Constraint c : input.constraints()) {
        if (out.containsKey(c.id())) continue;
        try {
          out.put(c.id(), registry.bind(c));
        } catch (InvalidConstraintException e) {
          // unsupported, or this row's kwargs are not valid: a later row may bind it
        }
      }
    }
    return out;
  }

  /** Responses built to break text code, one family per draw. */
  static final class HostileText {
    private static final String[] WORDS = {"the", "Sea", "IS", "calm", "P.S.", "***", "Section", "1.", "-", "*",
        "<<title>>", "\"", "'", ",", ".", "!", "?", "§", "é", "ß", "İ", "東京", "😀", "\u200b", "0", "42", "-7.5e3",
        "{", "}", "[", "]", "(", ")", "#", ">", "|", "---", "```", "\t", "\n", "\n\n", "\r\n", "\u00a0", "\u2028"};

    private HostileText() {}

    /** Mostly everyday lengths; one response in ten is 10k-200k characters, as no rollout limit would allow. */
    static String next(SplittableRandom r) {
      int family = r.nextInt(100);
      if (family < 40) return words(r, r.nextInt(1, 400));
      if (family < 50) return nested(r, r.nextInt(1, 2_000));
      if (family < 58) return whitespace(r, r.nextInt(1, 2_000));
      if (family < 66) return surrogates(r);
      if (family < 74) return numbers(r, 2_000);
      if (family < 82) return repeated(r, r.nextInt(1, 500));
      if (family < 90) return codePoints(r, r.nextInt(1, 3_000));
      return switch (r.nextInt(5)) {                                    // the long tail
        case 0 -> words(r, r.nextInt(5_000, 40_000));
        case 1 -> nested(r, r.nextInt(2_000, 50_000));
        case 2 -> whitespace(r, r.nextInt(2_000, 50_000));
        case 3 -> numbers(r, 100_000);
        default -> repeated(r, r.nextInt(500, 20_000));
      };
    }

    static String describe(String response) {
      String head = response.length() > 60 ? response.substring(0, 60) + "..." : response;
      return response.length() + " chars \"" + head.replace("\n", "\\n") + "\"";
    }

    private static String words(SplittableRandom r, int n) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) b.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(4) == 0 ? "" : " ");
      return b.toString();
    }

    private static String nested(SplittableRandom r, int depth) {
      String[][] pairs = {{"[", "]"}, {"{\"a\":", "}"}, {"(", ")"}, {"\"", "\""}, {"<<", ">>"}, {"*", "*"},
          {"```\n", "\n```"}, {"  - ", "\n"}, {"> ", "\n"}};
      String[] p = pairs[r.nextInt(pairs.length)];
      return p[0].repeat(depth) + (r.nextBoolean() ? "1" : "") + (r.nextBoolean() ? p[1].repeat(depth) : "");
    }

    private static String whitespace(SplittableRandom r, int n) {
      String[] ws = {" ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u2028", "\u2029", "\u3000", "\u200b", "\u000b",
          "\f", "\u0085", "\ufeff"};
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) b.append(r.nextInt(20) == 0 ? "word" : ws[r.nextInt(ws.length)]);
      return b.toString();
    }

    private static String surrogates(SplittableRandom r) {
      StringBuilder b = new StringBuilder();
      int n = r.nextInt(1, 2_000);
      for (int i = 0; i < n; i++) {
        switch (r.nextInt(5)) {
          case 0 -> b.append('\ud800');
          case 1 -> b.append('\udfff');
          case 2 -> b.append("\udc00\ud800");           // reversed pair
          case 3 -> b.append("😀");
          default -> b.append("Word. ");
        }
      }
      return b.toString();
    }

    private static String numbers(SplittableRandom r, int maxDigits) {
      StringBuilder b = new StringBuilder();
      int n = r.nextInt(1, 20);
      for (int i = 0; i < n; i++) {
        b.append(switch (r.nextInt(6)) {
          case 0 -> "9".repeat(r.nextInt(1, maxDigits));
          case 1 -> "1e" + "9".repeat(r.nextInt(1, 400));
          case 2 -> "-0.000" + "0".repeat(r.nextInt(1, 5_000)) + "1";
          case 3 -> "1,000,000,".repeat(r.nextInt(1, 2_000));
          case 4 -> "NaN Infinity -Infinity 0x1F 1_000 ١٢٣";
          default -> String.valueOf(r.nextLong());
        }).append(' ');
      }
      return b.toString();
    }

    private static String repeated(SplittableRandom r, int times) {
      String[] units = {"******\n", "***\n", "Section 1\n", "SECTION 2 ", "P.S. ", "P.P.S ", "<<a>>", "* point\n",
          "1. item\n", "Any other questions?", "\"", "My answer is yes.", "---\n", "# Heading\n", "| a | b |\n"};
      return units[r.nextInt(units.length)].repeat(times);
    }

    private static String codePoints(SplittableRandom r, int n) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        int cp = switch (r.nextInt(4)) {
          case 0 -> r.nextInt(0x20, 0x7f);
          case 1 -> r.nextInt(0x80, 0x3000);
          case 2 -> r.nextInt(0x3000, 0xd800);
          default -> r.nextInt(0x10000, 0x110000);
        };
        b.appendCodePoint(cp);
      }
      return b.toString();
    }
  }
}
