package ai.raif.rewards.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.InvalidConstraintException;
import ai.raif.rewards.ifeval.IfevalChecker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Witnesses are judged by the real checkers: compatible combinations get one, contradictory ones do not. */
class WitnessTest {
  static final IfevalChecker CHECKER = new IfevalChecker();

  static Constraint c(String id, Object... kv) {
    Map<String, Object> kw = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) kw.put((String) kv[i], kv[i + 1]);
    return new Constraint(id, kw);
  }

  static void assertWitnessed(Constraint... rules) {
    Witness.Result r = Witness.build(List.of(rules));
    assertTrue(r.passes(), "failed " + r.failed() + " with:\n" + r.response());
    for (Constraint rule : rules) assertTrue(CHECKER.check(rule, "", r.response()), rule + " on\n" + r.response());
  }

  @Test
  void layoutsThatMustFitTogether() {
    assertWitnessed(c(Ids.NTH_PARAGRAPH, "num_paragraphs", 3, "nth_paragraph", 1, "first_word", "garden"),
        c(Ids.TITLE), c(Ids.POSTSCRIPT, "postscript_marker", "P.P.S"), c(Ids.END_PHRASE, "end_phrase",
            "Any other questions?"), c(Ids.SENTENCES, "num_sentences", 6, "relation", "at least"));
    assertWitnessed(c(Ids.PARAGRAPHS, "num_paragraphs", 4), c(Ids.SECTIONS, "section_spliter", "SECTION",
        "num_sections", 5), c(Ids.BULLETS, "num_bullets", 3), c(Ids.QUOTATION), c(Ids.NO_COMMA),
        c(Ids.CAPITAL_WORDS, "capital_frequency", 4, "capital_relation", "at least"));
    assertWitnessed(c(Ids.LANGUAGE, "language", "de"), c(Ids.SENTENCES, "num_sentences", 4, "relation", "less than"),
        c(Ids.PLACEHOLDERS, "num_placeholders", 2), c(Ids.HIGHLIGHTS, "num_highlights", 3));
    assertWitnessed(c(Ids.JSON), c(Ids.EXISTENCE, "keywords", List.of("river", "bridge")),
        c(Ids.FORBIDDEN, "forbidden_words", List.of("the", "and")));
    assertWitnessed(c(Ids.TWO_RESPONSES), c(Ids.TITLE), c(Ids.LANGUAGE, "language", "fr"), c(Ids.NO_COMMA));
    assertWitnessed(c(Ids.REPEAT_PROMPT, "prompt_to_repeat", "Describe a quiet harbor at night."),
        c(Ids.EXISTENCE, "keywords", List.of("lantern")), c(Ids.TITLE));
    assertWitnessed(c(Ids.WORDS, "num_words", 450, "relation", "at least"),
        c(Ids.SENTENCES, "num_sentences", 5, "relation", "less than"), c(Ids.LOWERCASE),
        c(Ids.LETTER, "letter", "z", "let_frequency", 6, "let_relation", "at least"));
    assertWitnessed(c(Ids.WORDS, "num_words", 120, "relation", "less than"), c(Ids.CAPITAL),
        c(Ids.FREQUENCY, "keyword", "tea", "frequency", 3, "relation", "at least"),
        c(Ids.LETTER, "letter", "q", "let_frequency", 2, "let_relation", "less than"));
    assertWitnessed(c(Ids.CONSTRAINED_RESPONSE));
  }

  @Test
  void contradictionsTheConflictTableMissesAreCaught() {
    // lowercase and "Section X" markers are allowed together by IFEval's table, yet "Section" has a capital
    Witness.Result r = Witness.build(List.of(c(Ids.LOWERCASE),
        c(Ids.SECTIONS, "section_spliter", "Section", "num_sections", 3)));
    assertFalse(r.passes());
    assertEquals(1, r.failed().size(), r.failed().toString());
    // a keyword that is both required and forbidden
    r = Witness.build(List.of(c(Ids.EXISTENCE, "keywords", List.of("harbor")),
        c(Ids.FORBIDDEN, "forbidden_words", List.of("harbor"))));
    assertFalse(r.passes());
    assertTrue(r.failed().contains(Ids.FORBIDDEN) || r.failed().contains(Ids.EXISTENCE), r.failed().toString());
    // a word limit no layout can reach: five exact bullets and six sections in fewer than ten words
    r = Witness.build(List.of(c(Ids.WORDS, "num_words", 10, "relation", "less than"),
        c(Ids.BULLETS, "num_bullets", 5), c(Ids.SECTIONS, "section_spliter", "SECTION", "num_sections", 6)));
    assertEquals(List.of(Ids.WORDS), r.failed());
  }

  static final String EMAIL = "**Subject:** Carpool for away games\n\nDear parents,\n\n"
      + "I would like to set up a carpool rota for the away games this season. Each family drives once a month. "
      + "Please reply with the weekends that suit you.\n\n- Saturday games leave at eight.\n"
      + "Thank you for your help, and see you at the field!\n\nBest regards, Sam";

  @Test
  void anAnswerIsRepairedWithItsOwnSentences() {
    assertEquals(List.of("Subject: Carpool for away games",
        "I would like to set up a carpool rota for the away games this season",
        "Each family drives once a month", "Please reply with the weekends that suit you",
        "Saturday games leave at eight", "Thank you for your help, and see you at the field", "Best regards, Sam"),
        Witness.ownSentences(EMAIL));
    // a looping answer gives each sentence once
    assertEquals(List.of("The team plays away", "We drive at eight"),
        Witness.ownSentences("The team plays away. We drive at eight. The team plays away.\nWe drive at eight!"));

    // lowercase, no commas, an end phrase: the shortest rewrite keeps three of the answer's sentences
    Witness.Result r = Witness.repair(List.of(c(Ids.LOWERCASE), c(Ids.NO_COMMA),
        c(Ids.END_PHRASE, "end_phrase", "Is there anything else I can help with?")), EMAIL, false);
    assertTrue(r.passes(), r.failed().toString());
    assertEquals("subject: carpool for away games. i would like to set up a carpool rota for the away games this "
        + "season. each family drives once a month. is there anything else i can help with?", r.response());

    // quotation and a postscript: the postscript takes the sentence after the body
    r = Witness.repair(List.of(c(Ids.QUOTATION), c(Ids.POSTSCRIPT, "postscript_marker", "P.S.")), EMAIL, false);
    assertTrue(r.passes(), r.failed().toString());
    assertEquals("\"Subject: Carpool for away games. I would like to set up a carpool rota for the away games this "
        + "season. Each family drives once a month.\nP.S. Please reply with the weekends that suit you.\"",
        r.response());

    // two responses take two bodies of three sentences
    r = Witness.repair(List.of(c(Ids.TWO_RESPONSES)), EMAIL, false);
    assertTrue(r.passes(), r.failed().toString());
    assertEquals(2, r.response().split("\n\\*{6}\n").length, r.response());
  }

  @Test
  void aRepairNeverInventsOrRepeatsContent() {
    // an answer that already passes is kept as written
    Witness.Result r = Witness.repair(List.of(c(Ids.EXISTENCE, "keywords", List.of("carpool"))), EMAIL, false);
    assertEquals(EMAIL.strip(), r.response());
    // 468 words cannot come from 6 sentences without repeating them
    r = Witness.repair(List.of(c(Ids.WORDS, "num_words", 468, "relation", "at least"), c(Ids.LOWERCASE)), EMAIL,
        false);
    assertFalse(r.passes());
    assertEquals(List.of(Ids.WORDS, Ids.LOWERCASE), r.failed());
    // a cut answer loses its unfinished sentence, even when what is left passes as written
    r = Witness.repair(List.of(c(Ids.EXISTENCE, "keywords", List.of("rota"))),
        "We need a carpool rota. Each family drives once. The first drive is on Satur", true);
    assertEquals("We need a carpool rota. Each family drives once.", r.response());
    assertTrue(r.passes());
  }

  @Test
  void constraintsTheCheckersCannotReadAreRejected() {
    assertThrows(InvalidConstraintException.class, () -> Witness.build(List.of(c(Ids.WORDS, "num_words", 100))));
    assertThrows(InvalidConstraintException.class, () -> Witness.build(List.of(c("keywords:unknown"))));
  }
}
