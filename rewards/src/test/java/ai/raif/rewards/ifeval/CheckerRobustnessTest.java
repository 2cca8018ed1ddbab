package ai.raif.rewards.ifeval;

import static ai.raif.rewards.ifeval.Checks.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.InvalidConstraintException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile responses and kwargs: nothing but InvalidConstraintException may escape, and every check is fast. */
class CheckerRobustnessTest {
  private static final int MB = 1 << 20;
  /** Checks that call the NLTK / langdetect ports (package ai.raif.rewards.text), which are slower per megabyte. */
  private static final Set<String> TEXT_PRIMITIVE_IDS = Set.of("length_constraints:number_sentences",
      "length_constraints:number_words", "change_case:capital_word_frequency", "language:response_language",
      "change_case:english_capital", "change_case:english_lowercase");

  /** One valid constraint per registered id, with kwargs taken from IFEval's data. */
  static final List<Constraint> ONE_PER_ID = List.of(
      constraint("keywords:existence", "keywords", List.of("correlated", "experiencing")),
      constraint("keywords:frequency", "keyword", "war", "frequency", 2, "relation", "at least"),
      constraint("keywords:forbidden_words", "forbidden_words", List.of("rock", "station")),
      constraint("keywords:letter_frequency", "letter", "q", "let_frequency", 5, "let_relation", "less than"),
      constraint("language:response_language", "language", "hi"),
      constraint("length_constraints:number_sentences", "num_sentences", 10, "relation", "less than"),
      constraint("length_constraints:number_paragraphs", "num_paragraphs", 3),
      constraint("length_constraints:number_words", "num_words", 300, "relation", "at least"),
      constraint("length_constraints:nth_paragraph_first_word", "num_paragraphs", 4, "nth_paragraph", 2,
          "first_word", "president"),
      constraint("detectable_content:number_placeholders", "num_placeholders", 3),
      constraint("detectable_content:postscript", "postscript_marker", "P.P.S"),
      constraint("detectable_format:number_bullet_lists", "num_bullets", 3),
      constraint("detectable_format:constrained_response"),
      constraint("detectable_format:number_highlighted_sections", "num_highlights", 2),
      constraint("detectable_format:multiple_sections", "section_spliter", "SECTION", "num_sections", 4),
      constraint("detectable_format:json_format"),
      constraint("detectable_format:title"),
      constraint("combination:two_responses"),
      constraint("combination:repeat_prompt", "prompt_to_repeat", "Write a song about miniatures."),
      constraint("startend:end_checker", "end_phrase", "Is there anything else I can help with?"),
      constraint("change_case:capital_word_frequency", "capital_frequency", 20, "capital_relation", "at least"),
      constraint("change_case:english_capital"),
      constraint("change_case:english_lowercase"),
      constraint("punctuation:no_comma"),
      constraint("startend:quotation"));

  @Test
  void oneConstraintPerRegisteredId() {
    assertEquals(IfevalChecker.ids(), Set.copyOf(ONE_PER_ID.stream().map(Constraint::id).toList()));
  }

  @Test
  void randomUnicodeNeverThrows() {
    Random random = new Random(20261123);
    for (int i = 0; i < 300; i++) {
      String response = randomText(random, random.nextInt(300));
      for (Constraint c : ONE_PER_ID) {
        Checks.CHECKER.check(c, "", response);
        Checks.CHECKER.checkLoose(c, "", response);
      }
    }
  }

  @Test
  void emptyResponsesFailEveryInstruction() {
    for (Constraint c : ONE_PER_ID) {
      assertFalse(Checks.CHECKER.check(c, "", ""), c.id());
      assertFalse(Checks.CHECKER.checkLoose(c, "", ""), c.id());
    }
  }

  static Stream<Arguments> hugeResponses() {
    return Stream.of(
        Arguments.of("random text", (Supplier<String>) () -> randomText(new Random(7), MB / 2)),
        Arguments.of("prose", (Supplier<String>) CheckerRobustnessTest::prose),
        Arguments.of("blank lines", (Supplier<String>) () -> "\n".repeat(MB) + "x"),
        Arguments.of("spaces", (Supplier<String>) () -> " ".repeat(MB) + "x"),
        Arguments.of("stars", (Supplier<String>) () -> "*".repeat(MB)),
        Arguments.of("unclosed brackets", (Supplier<String>) () -> "[".repeat(MB)),
        Arguments.of("unclosed titles", (Supplier<String>) () -> "<<".repeat(MB / 2)),
        Arguments.of("nested json", (Supplier<String>) () -> "{\"a\": [".repeat(MB / 7)),
        Arguments.of("nested markdown", (Supplier<String>) CheckerRobustnessTest::nestedMarkdown),
        Arguments.of("separators", (Supplier<String>) () -> "******\n***\n\n".repeat(MB / 12)),
        Arguments.of("P.S. runs", (Supplier<String>) () -> "p. p. p. p. ".repeat(MB / 12)));
  }

  /** The checks written here, on inputs that make naive regex ports quadratic: a few seconds at most. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("hugeResponses")
  void megabyteResponsesAreCheckedInBoundedTime(String name, Supplier<String> make) {
    String response = make.get();
    for (Constraint c : ONE_PER_ID) {
      if (TEXT_PRIMITIVE_IDS.contains(c.id())) continue;
      assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Checks.CHECKER.check(c, "", response), c.id());
    }
  }

  @Test
  void looseModeOnAMegabyteIsBounded() {
    String response = prose();
    for (Constraint c : ONE_PER_ID) {
      if (TEXT_PRIMITIVE_IDS.contains(c.id())) continue;
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Checks.CHECKER.checkLoose(c, "", response), c.id());
    }
  }

  /** The NLTK and langdetect ports are fuzzed by their own tests; here only their use on one megabyte of text. */
  @Test
  void textPrimitiveChecksOnAMegabyteAreBounded() {
    String response = prose();
    for (Constraint c : ONE_PER_ID) {
      if (!TEXT_PRIMITIVE_IDS.contains(c.id())) continue;
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Checks.CHECKER.check(c, "", response), c.id());
    }
  }

  @Test
  void randomKwargsAreValidOrRejectedWithTheirKey() {
    Random random = new Random(42);
    Map<String, List<String>> keys = new HashMap<>();
    for (Constraint c : ONE_PER_ID) keys.put(c.id(), new ArrayList<>(c.kwargs().keySet()));
    int rejected = 0;
    for (int i = 0; i < 5000; i++) {
      Constraint base = ONE_PER_ID.get(random.nextInt(ONE_PER_ID.size()));
      Map<String, Object> kwargs = new HashMap<>(base.kwargs());
      List<String> names = new ArrayList<>(keys.get(base.id()));
      names.add("num_words");
      kwargs.put(names.get(random.nextInt(names.size())), randomValue(random));
      try {
        Instruction instruction = Checks.CHECKER.bind(new Constraint(base.id(), kwargs));
        FollowMode.LOOSE.follows(instruction, randomText(random, 50));
      } catch (InvalidConstraintException e) {
        rejected++;
        assertEquals(base.id(), e.constraintId());
        assertFalse(e.key() == null, e.getMessage());
      }
    }
    assertFalse(rejected == 0);
  }

  private static Object randomValue(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> null;
      case 1 -> random.nextInt(21) - 10;
      case 2 -> random.nextLong();
      case 3 -> random.nextBoolean() ? 2.0 : 2.5;
      case 4 -> random.nextBoolean();
      case 5 -> randomText(random, random.nextInt(4));
      case 6 -> random.nextBoolean() ? "less than" : "at least";
      case 7 -> List.of(randomText(random, 3), randomText(random, 1));
      case 8 -> List.of(1, "a");
      case 9 -> Map.of("a", 1);
      case 10 -> List.of();
      default -> random.nextBoolean() ? "en" : "P.S.";
    };
  }

  /** Code points weighted toward what the checkers look at, plus lone surrogates and astral characters. */
  static String randomText(Random random, int codePoints) {
    String specials = "*-[]<>\"',.!?#\n\n\r\t \u00a0\u2028\u0085{}:0123456789pPsS_\\";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      switch (random.nextInt(6)) {
        case 0, 1 -> b.append(specials.charAt(random.nextInt(specials.length())));
        case 2 -> b.append((char) ('a' + random.nextInt(26)));
        case 3 -> b.append((char) ('A' + random.nextInt(26)));
        case 4 -> b.append((char) random.nextInt(0x10000)); // lone surrogates included
        default -> b.appendCodePoint(random.nextInt(0x110000));
      }
    }
    return b.toString();
  }

  private static String prose() {
    return "The war. P.S. a [b] *c* SECTION 1 <<t>> \"q\" - x\n".repeat(MB / 48);
  }

  private static String nestedMarkdown() {
    StringBuilder b = new StringBuilder();
    for (int depth = 0; b.length() < MB; depth = (depth + 1) % 200) {
      b.append("  ".repeat(depth)).append(depth % 2 == 0 ? "* " : "- ").append("> **item** [x](y) `z`\n");
    }
    return b.toString();
  }
}
