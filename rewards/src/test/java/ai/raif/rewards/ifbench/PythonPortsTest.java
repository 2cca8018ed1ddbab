package ai.raif.rewards.ifbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ports of Python libraries the checkers use; expected values are what Python 3.11 and the pinned packages say. */
class PythonPortsTest {
  @Test
  void csvReaderFollowsCpython() {
    assertEquals(List.of(List.of("a", "b"), List.of(), List.of("c")), PyCsv.read("a,b\n\nc", ','));
    assertEquals(List.of(List.of("a", "b\nc", "d")), PyCsv.read("a,\"b\nc\",d", ','));
    assertEquals(List.of(List.of("a", "b"), List.of("c")), PyCsv.read("a,b\r\nc", ','));
    assertEquals(List.of(List.of("x\"y\"", "z")), PyCsv.read("x\"y\",z", ','));
    assertEquals(List.of(List.of("ab", "c")), PyCsv.read("\"a\"b,c", ','));
    assertEquals(List.of(List.of("a\"b", "c")), PyCsv.read("\"a\"\"b\",c", ','));
    assertEquals(List.of(List.of("a", "")), PyCsv.read("a,", ','));
    assertEquals(List.of(), PyCsv.read("", ','));
    assertEquals(List.of(List.of()), PyCsv.read("\n", ','));
    assertEquals(List.of(List.of(" \"a\"", "b")), PyCsv.read(" \"a\",b", ','));
    assertEquals(List.of(List.of("unterminated")), PyCsv.read("\"unterminated", ','));
    assertEquals(List.of(List.of("a")), PyCsv.read("a\r", ','));
    assertEquals(List.of(List.of("a,b", "c")), PyCsv.read("a,b\tc", '\t'));
    assertThrows(PyCsv.Error.class, () -> PyCsv.read("a,b\rc,d", ','));
  }

  @Test
  void syllablesFollowSyllapy072() {
    String[] words = {"cat", "apple", "table", "the", "self-care", "Hello!", "2nd", "rhythm", "queue", "zzyzxle", "be",
        "e", "le", "ble", "-x", "a-", "x-\ny", "Beautiful", "fire-fighter-x", "", "  Strike  ", "naïve"};
    int[] counts = {1, 2, 2, 1, 2, 2, 0, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 3, 4, 0, 1, 1};
    for (int i = 0; i < words.length; i++) assertEquals(counts[i], Syllables.count(words[i]), words[i]);
  }

  @Test
  void packedDataIsTheStandardLists() {
    List<String> stopwords = IfbenchData.lines("stopwords/english");
    assertEquals(179, Set.copyOf(stopwords).size());
    assertEquals(153, stopwords.stream().filter(w -> !w.contains("'")).count());
    assertTrue(stopwords.containsAll(List.of("i", "the", "don", "t", "mustn't", "wouldn")));
    assertEquals(3, Stopwords.count("Don't stop THE music"), "don, t, the");
    assertEquals(5244, Set.copyOf(IfbenchData.lines("emoji/emoji.txt")).size());
    assertTrue(Emoji.is("\u2764") && Emoji.is("\u2764\uFE0F") && Emoji.is("\uD83D\uDE00"));
    assertFalse(Emoji.is("\uFE0F") || Emoji.is("#") || Emoji.is("\uD83C\uDDFA"), "VS16, '#', a regional indicator");
  }
}
