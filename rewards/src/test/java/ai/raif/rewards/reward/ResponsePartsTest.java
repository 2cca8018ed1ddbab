package ai.raif.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponsePartsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      well formed                 | true  | <think>plan</think><answer>done</answer>
      whitespace everywhere       | true  | \\n <think>\\n plan \\n</think>\\n\\n<answer>\\n done \\n</answer>\\n
      text around the tags        | true  | Sure. <think>plan</think> so <answer>done</answer> bye
      empty blocks                | true  | <think></think><answer></answer>
      missing <think>             | false | plan</think><answer>done</answer>
      missing </think>            | false | <think>plan<answer>done</answer>
      missing <answer>            | false | <think>plan</think>done</answer>
      missing </answer>           | false | <think>plan</think><answer>done
      duplicated <think>          | false | <think>a<think>b</think><answer>done</answer>
      duplicated think block      | false | <think>a</think><think>b</think><answer>done</answer>
      duplicated </answer>        | false | <think>plan</think><answer>done</answer></answer>
      duplicated answer block     | false | <think>plan</think><answer>x</answer><answer>done</answer>
      answer before think         | false | <answer>done</answer><think>plan</think>
      answer inside think         | false | <think>plan<answer>done</answer></think>
      closing before opening      | false | </think><think>plan<answer>done</answer>
      upper-case tags             | false | <THINK>plan</THINK><answer>done</answer>
      spaced tag                  | false | < think>plan</think><answer>done</answer>
      no tags                     | false | just an answer
      """)
  void checksTagsExactlyOnceAndInOrder(String name, boolean formatOk, String output) {
    assertEquals(formatOk, ResponseParts.parse(output.replace("\\n", "\n"), TagLayout.THINK_ANSWER).formatOk());
  }

  @Test
  void extractsStrippedLastBlocks() {
    ResponseParts parts = ResponseParts.parse(
        "<think>\n first </think> x <think> second\n</think><answer> a </answer><answer>\n b \n</answer>",
        TagLayout.THINK_ANSWER);
    assertEquals("second", parts.think());
    assertEquals("b", parts.answer());
    assertFalse(parts.formatOk());
  }

  @Test
  void lazyMatchesSpanAnUnclosedOpenerLikePythonFinditer() {
    // re.finditer(r'<think>(.*?)</think>') matches from the first opener to the nearest closer
    assertEquals("a<think>b", ResponseParts.parse("<think>a<think>b</think>", TagLayout.THINK_ANSWER).think());
    assertNull(ResponseParts.parse("<answer>never closed", TagLayout.THINK_ANSWER).answer());
    assertNull(ResponseParts.parse("</think><think>", TagLayout.THINK_ANSWER).think());
  }

  @Test
  void deepseekLayoutNeedsOnlyThinkTagsAndAnswersAfterTheLastCloser() {
    ResponseParts parts = ResponseParts.parse("<think>plan</think>\n\nThe reply.", TagLayout.THINK_ONLY);
    assertTrue(parts.formatOk());
    assertEquals("plan", parts.think());
    assertEquals("The reply.", parts.answer());
    assertFalse(ResponseParts.parse("<think>a</think><think>b</think>c", TagLayout.THINK_ONLY).formatOk());
    assertNull(ResponseParts.parse("no think at all", TagLayout.THINK_ONLY).answer());
  }

  @Test
  void unformattedTakesTheWholeOutput() {
    ResponseParts parts = ResponseParts.unformatted("  <think>x</think> whole \n");
    assertTrue(parts.formatOk());
    assertNull(parts.think());
    assertEquals("<think>x</think> whole", parts.answer());
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void hostileMegabyteOutputsAreLinear() {
    int n = 1 << 20;
    String openers = "<think>".repeat(n / 7) + "<answer>".repeat(n / 8);
    String pairs = "<think></think>".repeat(n / 15) + "<answer>x</answer>";
    String closersFirst = "</answer></think>".repeat(n / 17) + "<think>";
    assertFalse(ResponseParts.parse(openers, TagLayout.THINK_ANSWER).formatOk());
    assertEquals("x", ResponseParts.parse(pairs, TagLayout.THINK_ANSWER).answer());
    assertNull(ResponseParts.parse(closersFirst, TagLayout.THINK_ANSWER).think());
  }
}
