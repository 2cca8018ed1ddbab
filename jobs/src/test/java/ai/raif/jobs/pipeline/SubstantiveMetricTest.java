package ai.raif.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.raif.rewards.eval.Metric;
import ai.raif.rewards.ifeval.IfevalInput;
import ai.raif.rewards.ifeval.IfevalResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The held-out metric that counts only passing answers which attempt the task. */
class SubstantiveMetricTest {
  static final String PROMPT = "Write a note to my neighbour asking them to feed my cat while I am away. Do not use"
      + " any commas in your response.";
  static final List<String> NO_COMMA = List.of("punctuation:no_comma");

  @Test
  void passingRestatementsAndFewWordsDoNotCount() {
    List<IfevalInput> inputs = List.of(input("1"), input("2"), input("3"), input("4"));
    String note = "Hi Ana. I am away from Friday to Monday. Could you feed Milo once a day? His food is in the blue"
        + " tin by the door. Thank you so much!";
    List<IfevalResult> strict = List.of(
        result(note, true),
        result("Do not use any commas in your response.", true),  // the rule restated: passes IFEval
        result("Sure thing.", true),                               // passes, says nothing
        result(note + " Love, Sam", false));                      // attempts the task, fails the rule
    Metric m = BenchmarkEval.substantive(inputs, strict);
    assertEquals(BenchmarkEval.SUBSTANTIVE, m.name());
    assertEquals(0.25, m.value(), 1e-12);
    assertEquals(4, m.n());
  }

  private static IfevalInput input(String key) {
    return new IfevalInput(key, PROMPT, NO_COMMA, List.of(Map.of()));
  }

  private static IfevalResult result(String response, boolean followed) {
    return new IfevalResult(NO_COMMA, PROMPT, response, List.of(followed));
  }
}
