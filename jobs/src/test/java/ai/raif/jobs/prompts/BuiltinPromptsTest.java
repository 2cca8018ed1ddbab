package ai.raif.jobs.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.InvalidConstraintException;
import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.composition.CompositeLabelJson;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.reward.ConstraintVerdict;
import ai.raif.rewards.reward.PolicyOutput;
import ai.raif.rewards.reward.RaifReward;
import ai.raif.rewards.reward.RewardConfig;
import ai.raif.rewards.reward.RewardResult;
import ai.raif.rewards.reward.RewardTask;
import ai.raif.rewards.reward.RolloutMode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in prompt set that {@code raif iterate} and {@code raif demo} train and evaluate on. Every row must be
 * well-typed, every rule label must be valid IFEval, and every expert response must earn the full reward (3.0) under
 * the same reward code the trainer uses, since the expert responses are behaviour-cloning targets.
 */
class BuiltinPromptsTest {
  static final String RESOURCE = "/ai/raif/jobs/prompts/builtin.jsonl";
  static final Set<String> KEYS = Set.of(
      "prompt_id", "source", "split", "messages", "constraints", "reference_answer", "expert_response");
  static final Set<String> SOURCES = Set.of("ifeval", "complex", "math");
  static final Set<String> SPLITS = Set.of("train", "eval");
  static final Set<String> ROLES = Set.of("system", "user", "assistant");
  static final Pattern PROMPT_ID = Pattern.compile("(ifeval|complex|math)-\\d{3}");
  static final int MAX_USER_CHARS = 400;
  static final double FULL_REWARD = 3.0;

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final IfevalChecker CHECKER = new IfevalChecker();
  static final RaifReward REWARD = new RaifReward(CHECKER, RewardConfig.paper());

  static List<JsonNode> rows;

  @BeforeAll
  static void load() throws IOException {
    rows = new ArrayList<>();
    try (InputStream in = BuiltinPromptsTest.class.getResourceAsStream(RESOURCE)) {
      assertNotNull(in, RESOURCE + " is not on the classpath");
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = reader.readLine()) != null) {
        n++;
        assertTrue(!line.isBlank(), "line " + n + " is blank");
        JsonNode row = MAPPER.readTree(line);
        assertTrue(row != null && row.isObject(), "line " + n + " is not a JSON object");
        rows.add(row);
      }
    }
    assertTrue(rows.size() >= 10, "only " + rows.size() + " rows");
  }

  // ---------------------------------------------------------------------------------------------- shape

  @Test
  void everyRowHasExactlyTheKeysWithTheRightTypes() {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String where = "line " + (i + 1) + " (" + row.path("prompt_id").asText("?") + ")";
      Set<String> keys = new HashSet<>();
      row.fieldNames().forEachRemaining(keys::add);
      check(problems, keys.equals(KEYS), where + ": keys " + new TreeSet<>(keys) + ", expected " + new TreeSet<>(KEYS));

      String id = row.path("prompt_id").asText(null);
      String source = row.path("source").asText(null);
      check(problems, row.path("prompt_id").isTextual() && PROMPT_ID.matcher(id).matches(),
          where + ": prompt_id must look like ifeval-001, complex-001 or math-001");
      check(problems, row.path("source").isTextual() && SOURCES.contains(source),
          where + ": source must be one of " + SOURCES);
      check(problems, id == null || source == null || id.startsWith(source + "-"),
          where + ": prompt_id prefix does not match source " + source);
      check(problems, row.path("split").isTextual() && SPLITS.contains(row.path("split").asText()),
          where + ": split must be one of " + SPLITS);
      checkMessages(problems, where, row.path("messages"));

      JsonNode constraints = row.path("constraints");
      JsonNode reference = row.path("reference_answer");
      if ("math".equals(source)) {
        check(problems, constraints.isNull(), where + ": math rows have constraints null");
        check(problems, reference.isTextual() && !reference.asText().isBlank(),
            where + ": math rows need a non-blank reference_answer string");
      } else {
        check(problems, reference.isNull(), where + ": only math rows have a reference_answer");
        Set<String> expected = "ifeval".equals(source)
            ? Set.of("instruction_id_list", "kwargs") : Set.of("scoring_questions");
        Set<String> got = new HashSet<>();
        constraints.fieldNames().forEachRemaining(got::add);
        check(problems, constraints.isObject() && got.equals(expected),
            where + ": constraints must be an object with exactly " + expected + ", got " + got);
      }

      JsonNode expert = row.path("expert_response");
      check(problems, expert.isTextual() && expert.asText().startsWith("<think>")
              && expert.asText().strip().endsWith("</answer>"),
          where + ": expert_response must be a string <think>...</think><answer>...</answer>");
    }
    assertNoProblems(problems);
  }

  private static void checkMessages(List<String> problems, String where, JsonNode messages) {
    if (!messages.isArray() || messages.isEmpty()) {
      problems.add(where + ": messages must be a non-empty array");
      return;
    }
    for (int m = 0; m < messages.size(); m++) {
      JsonNode message = messages.get(m);
      Set<String> keys = new HashSet<>();
      message.fieldNames().forEachRemaining(keys::add);
      String at = where + ": messages[" + m + "]";
      check(problems, message.isObject() && keys.equals(Set.of("role", "content")),
          at + " must have exactly role and content");
      check(problems, message.path("role").isTextual() && ROLES.contains(message.path("role").asText()),
          at + ".role must be one of " + ROLES);
      check(problems, message.path("content").isTextual() && !message.path("content").asText().isBlank(),
          at + ".content must be a non-blank string");
      if ("user".equals(message.path("role").asText())) {
        int length = message.path("content").asText().length();
        check(problems, length < MAX_USER_CHARS,
            at + " is " + length + " characters; the embedded model needs prompts under " + MAX_USER_CHARS);
      }
    }
    check(problems, "user".equals(messages.get(messages.size() - 1).path("role").asText()),
        where + ": the last message must be the user's");
  }

  @Test
  void idsAreUniqueAndEverySourceHasTrainAndEvalRows() {
    Map<String, Integer> seen = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode row : rows) {
      String id = row.path("prompt_id").asText();
      check(problems, seen.merge(id, 1, Integer::sum) == 1, "duplicate prompt_id " + id);
    }
    Map<String, Map<String, Integer>> counts = counts();
    for (String source : SOURCES) {
      for (String split : SPLITS) {
        check(problems, counts.getOrDefault(source, Map.of()).getOrDefault(split, 0) > 0,
            "no " + source + " rows in split " + split);
      }
    }
    assertNoProblems(problems);
  }

  // ---------------------------------------------------------------------------------------------- ifeval

  @Test
  void ifevalLabelsParseAndBindAndAreCompatible() {
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> conflicts = ifevalConflicts();
    for (JsonNode row : rowsOf("ifeval")) {
      String where = row.path("prompt_id").asText();
      CompositeLabel label;
      try {
        label = label(row);
      } catch (IllegalArgumentException e) {
        problems.add(where + ": label does not parse: " + e.getMessage());
        continue;
      }
      List<Constraint> rules = label.activeRules();
      check(problems, label.activeQuestions().isEmpty(), where + ": ifeval rows carry no judge questions");
      check(problems, rules.size() >= 1 && rules.size() <= 3, where + ": has " + rules.size() + " constraints, want 1-3");
      for (Constraint rule : rules) {
        try {
          CHECKER.bind(rule);
        } catch (InvalidConstraintException e) {
          problems.add(where + ": " + e.getMessage());
        }
        check(problems, rule.kwargs().values().stream().allMatch(v -> v != null),
            where + ": " + rule.id() + " has null kwargs; give only the keys the instruction takes");
      }
      List<String> ids = rules.stream().map(Constraint::id).toList();
      for (int a = 0; a < ids.size(); a++) {
        for (int b = a + 1; b < ids.size(); b++) {
          check(problems, !conflicts.getOrDefault(ids.get(a), Set.of()).contains(ids.get(b)),
              where + ": " + ids.get(a) + " and " + ids.get(b) + " conflict under IFEval's INSTRUCTION_CONFLICTS");
        }
      }
    }
    assertNoProblems(problems);
  }

  @Test
  void ifevalPromptsStateTheirTextualArguments() {
    // numeric arguments are phrased in words ("no more than two sentences"), but quoted words and phrases must appear
    List<String> problems = new ArrayList<>();
    for (JsonNode row : rowsOf("ifeval")) {
      String where = row.path("prompt_id").asText();
      String prompt = userPrompt(row);
      String lower = prompt.toLowerCase();
      for (Constraint rule : label(row).activeRules()) {
        Map<String, Object> kw = rule.kwargs();
        List<String> mentioned = new ArrayList<>();
        switch (rule.id()) {
          case "keywords:existence" -> mentioned.addAll(strings(kw.get("keywords")));
          case "keywords:forbidden_words" -> mentioned.addAll(strings(kw.get("forbidden_words")));
          case "keywords:frequency" -> mentioned.add((String) kw.get("keyword"));
          case "keywords:letter_frequency" -> mentioned.add("'" + kw.get("letter") + "'");
          case "startend:end_checker" -> mentioned.add((String) kw.get("end_phrase"));
          case "detectable_content:postscript" -> mentioned.add((String) kw.get("postscript_marker"));
          case "detectable_format:multiple_sections" -> mentioned.add((String) kw.get("section_spliter"));
          case "length_constraints:nth_paragraph_first_word" -> mentioned.add((String) kw.get("first_word"));
          case "combination:repeat_prompt" -> check(problems, prompt.startsWith((String) kw.get("prompt_to_repeat")),
              where + ": prompt_to_repeat must be the opening request of the prompt");
          default -> { }
        }
        for (String text : mentioned) {
          boolean exact = rule.id().equals("detectable_format:multiple_sections");
          check(problems, exact ? prompt.contains(text) : lower.contains(text.toLowerCase()),
              where + ": " + rule.id() + " argument '" + text + "' is not stated in the prompt");
        }
      }
    }
    assertNoProblems(problems);
  }

  @Test
  void ifevalExpertResponsesEarnTheFullReward() {
    List<String> problems = new ArrayList<>();
    RewardTask task = RewardTask.parse("ifeval");
    for (JsonNode row : rowsOf("ifeval")) {
      String where = row.path("prompt_id").asText();
      CompositeLabel label = label(row);
      String output = PolicyOutput.of("", row.path("expert_response").asText());
      RewardResult result = REWARD.scoreConstraints(task, userPrompt(row), output, RolloutMode.THINK, label, List.of());
      String failed = result.verdicts().stream().filter(v -> !v.passed())
          .map(v -> v.constraint().id() + (v.error() == null ? "" : " (" + v.error() + ")"))
          .collect(Collectors.joining(", "));
      check(problems, result.formatOk(), where + ": expert response format is not <think>...</think><answer>...</answer>");
      check(problems, result.verdicts().size() == label.activeRules().size()
              && result.verdicts().stream().allMatch(ConstraintVerdict::passed),
          where + ": expert answer fails " + failed);
      check(problems, result.total() == FULL_REWARD,
          where + ": expert reward " + result.total() + ", want " + FULL_REWARD
              + (result.error() == null ? "" : " (" + result.error() + ")"));
    }
    assertNoProblems(problems);
  }

  @Test
  void ifevalRowsAreDistinctAndVaried() {
    Map<String, String> seen = new HashMap<>();
    Set<String> ids = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode row : rowsOf("ifeval")) {
      Set<String> constraintSet = new TreeSet<>();
      for (Constraint rule : label(row).activeRules()) {
        ids.add(rule.id());
        constraintSet.add(rule.id() + MAPPER.valueToTree(new TreeMap<>(rule.kwargs())));
      }
      String key = constraintSet + "\u0000" + userPrompt(row);
      String previous = seen.putIfAbsent(key, row.path("prompt_id").asText());
      check(problems, previous == null,
          row.path("prompt_id").asText() + " repeats the prompt and constraints of " + previous);
    }
    check(problems, ids.size() >= 8, "only " + ids.size() + " distinct instruction ids: " + ids);
    assertNoProblems(problems);
  }

  // ---------------------------------------------------------------------------------------------- complex

  @Test
  void complexRowsHaveTwoToFourQuestionsAndWellFormedExperts() {
    List<String> problems = new ArrayList<>();
    RewardTask task = RewardTask.parse("complex");
    for (JsonNode row : rowsOf("complex")) {
      String where = row.path("prompt_id").asText();
      CompositeLabel label;
      try {
        label = label(row);
      } catch (IllegalArgumentException e) {
        problems.add(where + ": label does not parse: " + e.getMessage());
        continue;
      }
      List<String> questions = label.activeQuestions();
      check(problems, label.activeRules().isEmpty(), where + ": complex rows carry no rule constraints");
      check(problems, questions.size() >= 2 && questions.size() <= 4,
          where + ": has " + questions.size() + " scoring questions, want 2-4");
      check(problems, new HashSet<>(questions).size() == questions.size(), where + ": repeats a scoring question");
      for (String q : questions) {
        check(problems, q.strip().endsWith("?"), where + ": scoring question is not a question: " + q);
      }
      String output = PolicyOutput.of("", row.path("expert_response").asText());
      check(problems, REWARD.admits(task, output, RolloutMode.THINK),
          where + ": expert response needs a non-empty think and answer in the right format");
      List<Boolean> allYes = Collections.nCopies(questions.size(), Boolean.TRUE);
      RewardResult result = REWARD.scoreConstraints(task, userPrompt(row), output, RolloutMode.THINK, label, allYes);
      check(problems, result.formatOk() && result.total() == FULL_REWARD,
          where + ": an all-YES judge gives the expert " + result.total() + ", want " + FULL_REWARD);
    }
    assertNoProblems(problems);
  }

  // ---------------------------------------------------------------------------------------------- math

  @Test
  void mathExpertResponsesAreBoxedAndCorrect() {
    List<String> problems = new ArrayList<>();
    RewardTask task = RewardTask.parse("math");
    for (JsonNode row : rowsOf("math")) {
      String where = row.path("prompt_id").asText();
      String reference = row.path("reference_answer").asText();
      check(problems, userPrompt(row).contains("\\boxed{}"), where + ": the prompt must ask for \\boxed{}");
      String expert = row.path("expert_response").asText();
      check(problems, expert.contains("\\boxed{" + reference + "}"), where + ": expert answer lacks \\boxed{" + reference + "}");
      RewardResult result = REWARD.scoreMath(task, PolicyOutput.of("", expert), RolloutMode.THINK, reference);
      check(problems, result.formatOk() && result.total() == FULL_REWARD,
          where + ": expert reward " + result.total() + ", want " + FULL_REWARD);
    }
    assertNoProblems(problems);
  }

  // ---------------------------------------------------------------------------------------------- helpers

  static Map<String, Map<String, Integer>> counts() {
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    for (JsonNode row : rows) {
      counts.computeIfAbsent(row.path("source").asText(), s -> new TreeMap<>())
          .merge(row.path("split").asText(), 1, Integer::sum);
    }
    return counts;
  }

  static List<JsonNode> rowsOf(String source) {
    List<JsonNode> of = rows.stream().filter(r -> source.equals(r.path("source").asText())).toList();
    assertTrue(!of.isEmpty(), "no " + source + " rows");
    return of;
  }

  static CompositeLabel label(JsonNode row) {
    try {
      return CompositeLabelJson.parse(MAPPER.writeValueAsString(row.path("constraints")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String userPrompt(JsonNode row) {
    JsonNode messages = row.path("messages");
    return messages.get(messages.size() - 1).path("content").asText();
  }

  static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) for (Object o : list) out.add(String.valueOf(o));
    return out;
  }

  /**
   * Google IFEval's INSTRUCTION_CONFLICTS (instructions_registry.py) after conflict_make: symmetric, and every id
   * conflicts with itself, so an id may not appear twice in one row.
   */
  static Map<String, Set<String>> ifevalConflicts() {
    Set<String> all = IfevalChecker.ids();
    Map<String, Set<String>> c = new HashMap<>();
    conflict(c, "keywords:existence");
    conflict(c, "keywords:frequency");
    conflict(c, "keywords:forbidden_words");
    conflict(c, "keywords:letter_frequency");
    conflict(c, "language:response_language", "detectable_format:multiple_sections", "keywords:existence",
        "keywords:frequency", "keywords:forbidden_words", "startend:end_checker", "change_case:english_capital",
        "change_case:english_lowercase");
    conflict(c, "length_constraints:number_sentences");
    conflict(c, "length_constraints:number_paragraphs", "length_constraints:nth_paragraph_first_word",
        "length_constraints:number_sentences");
    conflict(c, "length_constraints:number_words");
    conflict(c, "length_constraints:nth_paragraph_first_word", "length_constraints:number_paragraphs");
    conflict(c, "detectable_content:number_placeholders");
    conflict(c, "detectable_content:postscript");
    conflict(c, "detectable_format:number_bullet_lists");
    conflict(c, "detectable_format:constrained_response", all.toArray(String[]::new));
    conflict(c, "detectable_format:number_highlighted_sections");
    conflict(c, "detectable_format:multiple_sections", "language:response_language",
        "detectable_format:number_highlighted_sections");
    conflict(c, "detectable_format:json_format", except(all, "keywords:forbidden_words", "keywords:existence"));
    conflict(c, "detectable_format:title");
    conflict(c, "combination:two_responses", except(all, "keywords:forbidden_words", "keywords:existence",
        "language:response_language", "detectable_format:title", "punctuation:no_comma"));
    conflict(c, "combination:repeat_prompt", except(all, "keywords:existence", "detectable_format:title",
        "punctuation:no_comma"));
    conflict(c, "startend:end_checker");
    conflict(c, "change_case:capital_word_frequency", "change_case:english_lowercase", "change_case:english_capital");
    conflict(c, "change_case:english_capital");
    conflict(c, "change_case:english_lowercase", "change_case:english_capital");
    conflict(c, "punctuation:no_comma");
    conflict(c, "startend:quotation", "detectable_format:title");
    assertEquals(all, c.keySet(), "the conflict table covers exactly the registered ids");
    return c;
  }

  private static void conflict(Map<String, Set<String>> c, String id, String... others) {
    c.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(id);
    for (String other : others) {
      c.get(id).add(other);
      c.computeIfAbsent(other, k -> new LinkedHashSet<>()).add(id);
    }
  }

  private static String[] except(Set<String> all, String... kept) {
    Set<String> out = new LinkedHashSet<>(all);
    List.of(kept).forEach(out::remove);
    return out.toArray(String[]::new);
  }

  static void check(List<String> problems, boolean ok, String problem) {
    if (!ok) problems.add(problem);
  }

  static void assertNoProblems(List<String> problems) {
    assertTrue(problems.isEmpty(), problems.size() + " problem(s):\n" + String.join("\n", problems));
  }
}
