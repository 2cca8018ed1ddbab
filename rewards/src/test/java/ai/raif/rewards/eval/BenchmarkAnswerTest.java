package ai.raif.rewards.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BenchmarkAnswerTest {
  @Test
  void theAnswerBlockWhenThereIsOne() {
    assertEquals("Paris.", BenchmarkAnswer.of("<think>\nthe capital</think><answer> Paris. </answer>"));
  }

  @Test
  void whatFollowsTheReasoningWhenTheAnswerIsNotTagged() {
    assertEquals("Paris.", BenchmarkAnswer.of("<think>\nthe capital</think>\nParis."));
    assertEquals("Paris.", BenchmarkAnswer.of("<think>\nthe capital</think><answer>Paris."));
  }

  @Test
  void nothingWhenTheModelNeverLeftItsReasoning() {
    assertEquals("", BenchmarkAnswer.of("<think>\nthe capital of France is, let me think"));
  }

  @Test
  void theWholeOutputWithoutAnyTags() {
    assertEquals("Paris is the capital.", BenchmarkAnswer.of("  Paris is the capital.\n"));
    assertEquals("Paris.", BenchmarkAnswer.of("<answer>Paris."));
  }

  @Test
  void aDirectRolloutsEmptyThinkBlockIsStripped() {
    assertEquals("Paris.", BenchmarkAnswer.of("<think>\n\n</think>\nParis."));
  }
}
