package ai.raif.rewards.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.ifeval.IfevalChecker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conflict table is IFEval's (instructions_registry.py INSTRUCTION_CONFLICTS after conflict_make). */
class ConflictTableTest {
  static final List<String> IDS = List.copyOf(IfevalChecker.ids());

  @Test
  void symmetricAndReflexiveOverAllTwentyFiveIds() {
    assertEquals(25, IDS.size());
    for (String a : IDS) {
      assertTrue(ConflictTable.conflict(a, a), a + " conflicts with itself");
      for (String b : IDS) assertEquals(ConflictTable.conflict(a, b), ConflictTable.conflict(b, a), a + " / " + b);
    }
  }

  @Test
  void twoHundredSixOfTheThreeHundredPairsAreCompatible() {
    // counted with the reference's own conflict_make over its INSTRUCTION_CONFLICTS (google-research, 2024)
    int compatible = 0;
    for (int i = 0; i < IDS.size(); i++) {
      for (int j = i + 1; j < IDS.size(); j++) if (!ConflictTable.conflict(IDS.get(i), IDS.get(j))) compatible++;
    }
    assertEquals(206, compatible);
  }

  @Test
  void theDeclaredConflictsHoldBothWays() {
    String[][] conflicting = {
        {Ids.LANGUAGE, Ids.EXISTENCE}, {Ids.FORBIDDEN, Ids.LANGUAGE}, {Ids.LANGUAGE, Ids.CAPITAL},
        {Ids.SECTIONS, Ids.HIGHLIGHTS}, {Ids.SENTENCES, Ids.PARAGRAPHS}, {Ids.NTH_PARAGRAPH, Ids.PARAGRAPHS},
        {Ids.CAPITAL_WORDS, Ids.LOWERCASE}, {Ids.LOWERCASE, Ids.CAPITAL}, {Ids.TITLE, Ids.QUOTATION},
        {Ids.JSON, Ids.NO_COMMA}, {Ids.REPEAT_PROMPT, Ids.QUOTATION}, {Ids.TWO_RESPONSES, Ids.WORDS},
        {Ids.CONSTRAINED_RESPONSE, Ids.EXISTENCE}};
    for (String[] p : conflicting) {
      assertTrue(ConflictTable.conflict(p[0], p[1]) && ConflictTable.conflict(p[1], p[0]), p[0] + " / " + p[1]);
    }
    String[][] compatible = {
        {Ids.JSON, Ids.EXISTENCE}, {Ids.JSON, Ids.FORBIDDEN}, {Ids.TWO_RESPONSES, Ids.LANGUAGE},
        {Ids.TWO_RESPONSES, Ids.TITLE}, {Ids.REPEAT_PROMPT, Ids.NO_COMMA}, {Ids.LOWERCASE, Ids.SECTIONS},
        {Ids.NTH_PARAGRAPH, Ids.SENTENCES}, {Ids.LANGUAGE, Ids.LETTER}};
    for (String[] p : compatible) assertFalse(ConflictTable.conflict(p[0], p[1]), p[0] + " / " + p[1]);
    for (String id : IDS) {
      assertTrue(ConflictTable.conflict(Ids.CONSTRAINED_RESPONSE, id), "constrained_response stands alone: " + id);
    }
  }

  @Test
  void firstConflictNamesThePairAndUnknownIdsAreRejected() {
    assertEquals(Ids.TITLE + " + " + Ids.QUOTATION, ConflictTable.firstConflict(List.of(Ids.NO_COMMA, Ids.TITLE,
        Ids.QUOTATION)));
    assertNull(ConflictTable.firstConflict(List.of(Ids.NO_COMMA, Ids.TITLE, Ids.WORDS)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConflictTable.conflict("keywords:nope", Ids.TITLE));
    assertTrue(e.getMessage().contains("keywords:nope"), e.getMessage());
  }
}
