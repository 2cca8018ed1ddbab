package ai.raif.rewards.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowModeTest {
  @Test
  void looseCandidatesComeInTheReferenceOrder() {
    assertEquals(List.of("*a*\n b \n*c*\r", "a\n b \nc\r", "b \n*c*", "*a*\n b", "b", "b \nc", "a\n b", "b"),
        FollowMode.LOOSE.candidates("*a*\n b \n*c*\r"));
  }

  @Test
  void aOneLineResponseHasOnlyTwoNonBlankLooseCandidates() {
    assertEquals(List.of("*x*", "x", "", "", "", "", "", ""), FollowMode.LOOSE.candidates("*x*"));
    assertEquals(List.of("a\nb", "a\nb", "b", "a", "", "b", "a", ""), FollowMode.LOOSE.candidates("a\nb"));
  }

  @Test
  void strictTriesTheResponseOnly() {
    assertEquals(List.of(" x "), FollowMode.STRICT.candidates(" x "));
  }

  @Test
  void blankCandidatesAreNeverChecked() {
    List<String> seen = new ArrayList<>();
    Instruction recordAll = response -> {
      seen.add(response);
      return false;
    };
    assertFalse(FollowMode.LOOSE.follows(recordAll, "only line"));
    assertEquals(List.of("only line"), seen); // the "*"-free candidate is the same text, checked once
    assertTrue(FollowMode.LOOSE.follows(r -> r.equals("b"), "a\nb"));
    assertFalse(FollowMode.STRICT.follows(r -> true, " \n\u00a0"));
  }

  @Test
  void eachDistinctNonBlankCandidateIsCheckedOnceInOrder() {
    List<String> seen = new ArrayList<>();
    Instruction recordAll = response -> {
      seen.add(response);
      return false;
    };
    assertFalse(FollowMode.LOOSE.follows(recordAll, "*a*\n b \n*c*\r"));
    assertEquals(List.of("*a*\n b \n*c*\r", "a\n b \nc\r", "b \n*c*", "*a*\n b", "b", "b \nc", "a\n b"), seen);
    seen.clear();
    assertFalse(FollowMode.LOOSE.follows(recordAll, "a\nb"));
    assertEquals(List.of("a\nb", "b", "a"), seen);
  }

  @Test
  void skippingRepeatedCandidatesKeepsEveryVerdict() {
    // verdicts of instructions that pass on exactly one text, for every candidate text of some responses
    for (String response : List.of("*a*\n b \n*c*\r", "a\nb", "x", "*x*", "a\nb\nc", "\n\n*\n")) {
      List<String> candidates = FollowMode.LOOSE.candidates(response);
      for (String target : candidates) {
        boolean expected = candidates.stream().anyMatch(c -> !PyStrings.isBlank(c) && c.equals(target));
        assertEquals(expected, FollowMode.LOOSE.follows(r -> r.equals(target), response), response + " / " + target);
      }
    }
  }
}
