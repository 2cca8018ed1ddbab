package ai.raif.udfs.judge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.raif.rewards.judge.JudgeException;
import ai.raif.rewards.judge.JudgePrompt;
import ai.raif.rewards.judge.JudgeQuestion;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.model.DefaultModel;
import ai.raif.trainer.sampling.Scorer;
import ai.raif.trainer.text.ChatMessage;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded default model as the judge: the log-likelihood protocol of raif-spec §3.4(c), computed independently. */
class LocalJudgeTest {
  static LanguageModel lm;

  static final JudgeQuestion SECOND_PERSON = new JudgeQuestion("Describe the sea in two sentences, in the second person.",
      "You stand on the shore and watch the waves. You feel the cold spray on your face.",
      "Is every sentence written in the second person?");
  static final JudgeQuestion CAPITAL = new JudgeQuestion("What is the capital of France? Answer in one word.",
      "Berlin", "Does the text name Paris as the capital of France?");

  @BeforeAll
  static void load() {
    assumeTrue(Files.isRegularFile(DefaultModel.path()), "default model not fetched");
    lm = LanguageModel.load("default");
  }

  @AfterAll
  static void close() {
    if (lm != null) lm.close();
  }

  /** The reference's computation written out: render, append the verdict, tokenize whole, score the last m tokens. */
  static double[] directSums(JudgeQuestion q, int m) {
    String prompt = lm.renderChat(List.of(new ChatMessage("system", "You are a helpful assistant."),
        new ChatMessage("user", JudgePrompt.user(q))));
    List<Scorer.Pair> pairs = new java.util.ArrayList<>();
    for (String verdict : new String[] {"YES(是)", "NO(否)"}) {
      int[] ids = lm.tokenizer().encode(prompt + verdict, false);
      pairs.add(new Scorer.Pair(Arrays.copyOf(ids, ids.length - m), Arrays.copyOfRange(ids, ids.length - m, ids.length)));
    }
    List<float[]> lps = lm.score(pairs);
    double[] sums = new double[2];
    for (int i = 0; i < 2; i++) for (float lp : lps.get(i)) sums[i] += lp;
    return sums;
  }

  @Test
  void verdictTokensFollowTheJudgeTokenizer() {
    LocalJudge judge = new LocalJudge(lm);
    int yes = lm.tokenizer().encode("YES(是)", false).length;
    int no = lm.tokenizer().encode("NO(否)", false).length;
    assertEquals(Math.max(1, Math.min(yes, no)), judge.verdictTokens());
    assertTrue(judge.model().startsWith("local:"), judge.model());
  }

  @Test
  void verdictsEqualTheDirectComputationAndRepeat() {
    // Batch size 3 over 4 sequences: one full batch and one partial, both padded.
    LocalJudge judge = new LocalJudge(lm, 1024, 3);
    List<JudgeQuestion> qs = List.of(SECOND_PERSON, CAPITAL);
    List<LocalJudge.Scores> scores = judge.scores(qs);
    int m = judge.verdictTokens();
    for (int i = 0; i < qs.size(); i++) {
      LocalJudge.Scores s = scores.get(i);
      double[] direct = directSums(qs.get(i), m);
      assertEquals(direct[0], s.yes(), 1e-3, "yes " + i);
      assertEquals(direct[1], s.no(), 1e-3, "no " + i);
      assertTrue(s.yes() < 0 && s.no() < 0);
      assertTrue(Math.abs(s.yes() - s.no()) > 1e-2, "a clear preference, not a tie: " + s);
    }
    assertEquals(List.of(scores.get(1).verdict()), judge.verdicts(List.of(CAPITAL)), "deterministic");
    assertEquals(List.of(), judge.verdicts(List.of()));
  }

  @Test
  void concurrentCallersGetTheSameVerdicts() throws Exception {
    LocalJudge judge = new LocalJudge(lm, 1024, 4);
    List<Boolean> alone = judge.verdicts(List.of(CAPITAL));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<List<Boolean>> a = pool.submit(() -> judge.verdicts(List.of(CAPITAL)));
      Future<List<Boolean>> b = pool.submit(() -> judge.verdicts(List.of(CAPITAL)));
      assertEquals(alone, a.get());
      assertEquals(alone, b.get());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aHugeAnswerLosesItsMiddleAndKeepsTheVerdictAtTheEnd() {
    int max = 384;
    LocalJudge judge = new LocalJudge(lm, max, 2);
    String huge = "BEGINNING of the answer. " + "The tide rolls in and out again. ".repeat(3100) + "The END.";
    assertTrue(huge.length() > 100_000);
    JudgeQuestion q = new JudgeQuestion(SECOND_PERSON.instruction(), huge, SECOND_PERSON.question());
    LocalJudge.Sequences s = judge.sequences(q);
    assertTrue(s.truncated());
    assertTrue(s.yes().length <= max && s.no().length <= max, s.yes().length + " / " + s.no().length);
    assertTrue(s.yes().length > max - 20, "the budget is used, not thrown away: " + s.yes().length);
    int m = judge.verdictTokens();
    int[] reference = lm.tokenizer().encode(lm.renderChat(List.of(new ChatMessage("system", JudgePrompt.SYSTEM),
        new ChatMessage("user", JudgePrompt.user(SECOND_PERSON)))) + JudgePrompt.YES, false);
    assertArrayEquals(Arrays.copyOfRange(reference, reference.length - m, reference.length),
        Arrays.copyOfRange(s.yes(), s.yes().length - m, s.yes().length), "the verdict tokens end the sequence");
    String text = lm.tokenizer().decode(s.yes(), false);
    assertTrue(text.endsWith("assistant\nYES(是)"), text.substring(text.length() - 40));
    assertTrue(text.contains("BEGINNING of the answer."), "head kept");
    assertTrue(text.contains("The END.\n\n\nQuestion:\n\n" + SECOND_PERSON.question()), "tail and question kept");
    assertTrue(text.contains(JudgePrompt.ELISION), "the cut is marked");
    assertFalse(judge.sequences(SECOND_PERSON).truncated());
    // And it scores: two finite sums that differ.
    LocalJudge.Scores scores = judge.scores(List.of(q)).get(0);
    assertTrue(Double.isFinite(scores.yes()) && Double.isFinite(scores.no()) && scores.yes() != scores.no(), scores.toString());
  }

  @Test
  void anInstructionThatLeavesNoRoomFailsClearly() {
    LocalJudge judge = new LocalJudge(lm, 300, 2);
    JudgeQuestion q = new JudgeQuestion("Follow these rules. ".repeat(200), "ok", "Is it ok?");
    JudgeException e = assertThrows(JudgeException.class, () -> judge.verdicts(List.of(q)));
    assertTrue(e.getMessage().contains("question 0") && e.getMessage().contains("300"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LocalJudge(lm, lm.config().maxPositions() + 1, 2));
    assertThrows(IllegalArgumentException.class, () -> new LocalJudge(lm, 512, 0));
  }
}
