package ai.raif.trainer.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Stop strings found in incrementally decoded text end a sequence at the same token, with the same text, as decoding
 * the whole answer at every token did, and cost decoding work linear in the answer's length.
 */
class SequenceStopStringsTest {
  /**
   * Byte-level tokens, as GPT-2's BPE: ids below 256 are one byte, so a character of two bytes spans two tokens; 300
   * is ":" with the first byte of "é", 301 its second byte with "b".
   */
  static final Function<int[], String> BYTES = ids -> {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (int id : ids) {
      if (id == 300) b.writeBytes(new byte[] {':', (byte) 0xC3});
      else if (id == 301) b.writeBytes(new byte[] {(byte) 0xA9, 'b'});
      else b.write(id);
    }
    return b.toString(StandardCharsets.UTF_8);
  };
  /** 'a', 'b', ' ', '\n', the two bytes of 'é', and the two tokens that split it after ":" and before "b". */
  static final int[] ALPHABET = {'a', 'b', ' ', '\n', 0xC3, 0xA9, 300, 301};

  @Test
  void stopsAreFoundAtTheSameTokenWithTheSameTextAsByDecodingEverythingEachToken() {
    SplittableRandom random = new SplittableRandom(7);
    List<List<String>> stopSets = List.of(List.of("ab a"), List.of("é\né"), List.of("bb", " é"), List.of("aaaa"),
        List.of("\n\n", "éb"), List.of(":"), List.of("a:"));
    int stopped = 0;
    for (int trial = 0; trial < 2_000; trial++) {
      int[] stream = new int[40];
      for (int i = 0; i < stream.length; i++) stream[i] = ALPHABET[random.nextInt(ALPHABET.length)];
      List<String> stops = stopSets.get(trial % stopSets.size());
      SamplingParams p = new SamplingParams(1, 1, 0, stream.length, null, stops);
      Sequence seq = new Sequence(0, stream.length);
      for (int t : stream) {
        seq.accept(t, 0f, 0f, null, p, BYTES);
        if (seq.finish != null) break;
      }
      // the reference: the whole text decoded after every token
      int end = -1;
      String text = null;
      for (int n = 1; n <= stream.length && end < 0; n++) {
        String all = BYTES.apply(Arrays.copyOf(stream, n));
        int cut = Sequence.firstStop(all, stops);
        if (cut >= 0) {
          end = n;
          text = all.substring(0, cut);
        }
      }
      if (end < 0) {
        assertEquals(FinishReason.LENGTH, seq.finish, "trial " + trial);
        assertNull(seq.text);
      } else {
        stopped++;
        assertEquals(FinishReason.STOP, seq.finish, "trial " + trial);
        assertEquals(end, seq.n, "trial " + trial + ": stopped at the same token");
        assertEquals(text, seq.text, "trial " + trial);
      }
    }
    assertTrue(stopped > 500 && stopped < 1_900, "both outcomes exercised: " + stopped);
  }

  @Test
  void aStopEndingInATokenThatAlsoStartsACharacterEndsTheAnswerAtThatToken() {
    SamplingParams p = new SamplingParams(1, 1, 0, 3, null, List.of(":"));
    Sequence seq = new Sequence(0, 3);
    seq.accept('a', 0f, 0f, null, p, BYTES);
    seq.accept(300, 0f, 0f, null, p, BYTES);  // ":" and half of "é": the stop is complete in this token
    assertEquals(FinishReason.STOP, seq.finish);
    assertEquals(2, seq.n);
    assertEquals("a", seq.text);
  }

  @Test
  void decodingWorkGrowsLinearlyWithTheAnswer() {
    AtomicLong decodedTokens = new AtomicLong();
    Function<int[], String> counting = ids -> {
      decodedTokens.addAndGet(ids.length);
      return BYTES.apply(ids);
    };
    int length = 2_000;
    SamplingParams p = new SamplingParams(1, 1, 0, length, null, List.of("never"));
    Sequence seq = new Sequence(0, length);
    for (int i = 0; i < length; i++) seq.accept(i % 2 == 0 ? 'a' : ' ', 0f, 0f, null, p, counting);
    assertEquals(FinishReason.LENGTH, seq.finish);
    // whole decodes at every token: length^2 / 2 = 2,000,000 tokens; incrementally about 3 a token
    assertTrue(decodedTokens.get() <= 4L * length, decodedTokens.get() + " tokens decoded");
  }
}
