package ai.raif.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyOutputTest {
  private static final String SYSTEM = "<|im_start|>system\nUse <think> reasoning process here </think>"
      + "<answer> answer here </answer>.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n";

  @ParameterizedTest(name = "prompt ending {0}")
  @CsvSource(textBlock = """
      <think>
      <think>\\n
      <think>\\n\\n
      <think>\\n\\n</think>\\n
      """)
  void keepsTheForcedThinkOpenerOrEmptyBlock(String promptEnd) {
    String forced = promptEnd.replace("\\n", "\n");
    assertEquals(forced + "<answer>hi</answer>", PolicyOutput.of(SYSTEM + forced, "<answer>hi</answer>"));
  }

  @Test
  void theTriggerInTheSystemPromptIsNotPartOfTheOutput() {
    assertEquals("<think>x</think><answer>y</answer>",
        PolicyOutput.of(SYSTEM, "<think>x</think><answer>y</answer>"));
  }

  @Test
  void cutsAtTheFirstStopString() {
    assertEquals("<think>\na</think><answer>b</answer>",
        PolicyOutput.of("<think>\n", "a</think><answer>b</answer><|im_end|>\n<|endoftext|>junk</s>"));
    assertEquals("<think>\nx", PolicyOutput.of("<think>\n", "x<|eot_id|><answer>y</answer>"));
  }

  @Test
  void rejectsMissingResponse() {
    assertThrows(IllegalArgumentException.class, () -> PolicyOutput.of("p", null));
  }
}
