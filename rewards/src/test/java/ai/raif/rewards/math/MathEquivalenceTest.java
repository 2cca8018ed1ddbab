package ai.raif.rewards.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MathEquivalenceTest {
  private static final MathVerifier VERIFIER = new MathVerifier(Duration.ofSeconds(5));

  static Stream<Arguments> matrix() throws IOException {
    try (var in = MathEquivalenceTest.class.getResourceAsStream("/math/equivalence.tsv");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<Arguments> rows = reader.lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("\t"))
          .map(f -> Arguments.of(f[0], f[1], f[2], f[3]))
          .toList();
      return rows.stream();
    }
  }

  @Test
  void matrixIsLargeAndMixed() throws IOException {
    List<Arguments> rows = matrix().toList();
    long equal = rows.stream().filter(a -> a.get()[0].equals("equal")).count();
    assertTrue(rows.size() >= 60, "at least 60 pairs, got " + rows.size());
    assertTrue(equal >= 20 && rows.size() - equal >= 20, "both outcomes well represented");
  }

  @ParameterizedTest(name = "{3}: {1} vs {2} -> {0}")
  @MethodSource("matrix")
  void decidesEquivalenceBothWays(String expected, String predicted, String reference, String what) {
    boolean equal = switch (expected) {
      case "equal" -> true;
      case "different" -> false;
      default -> throw new IllegalArgumentException("bad expectation '" + expected + "' for " + what);
    };
    assertEquals(equal, VERIFIER.equivalent(predicted, reference), predicted + " vs " + reference);
    assertEquals(equal, VERIFIER.equivalent(reference, predicted), reference + " vs " + predicted + " (swapped)");
  }

  @Test
  void emptyOrMissingAnswersAreNeverEqual() {
    assertFalse(VERIFIER.equivalent("", ""));
    assertFalse(VERIFIER.equivalent("  ", "5"));
    assertFalse(VERIFIER.equivalent(null, "5"));
    assertFalse(VERIFIER.equivalent("5", null));
  }

  @Test
  void unparsableAnswersFallBackToNotEqual() {
    assertFalse(VERIFIER.equivalent("\\unknowncommand{3}", "3"));
    assertFalse(VERIFIER.equivalent("x \\ge 3", "x > 3"));
    assertTrue(VERIFIER.equivalent("x \\ge 3", "x\\geq 3"), "identical after normalisation");
  }

  @Test
  void rejectsNonPositiveTimeBound() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new MathVerifier(Duration.ZERO));
    assertTrue(e.getMessage().contains("time bound"));
  }
}
