package ai.raif.rewards.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * langdetect 1.0.9's character normalisation ({@code NGram.normalize} and {@code NGram.normalize_vi}), driven by its
 * messages.properties tables: Latin punctuation and digits become spaces, kana/bopomofo/hangul collapse to one
 * representative each, CJK ideographs to the representative of their frequency class, and Vietnamese base letter +
 * combining mark to the precomposed letter. Immutable.
 */
final class LangDetectNormalizer {
  private static final int CJK_FIRST = 0x4E00;
  private static final int CJK_LAST = 0x9FFF;

  private final String latin1Excluded;
  private final int[] cjkRepresentative = new int[CJK_LAST - CJK_FIRST + 1];
  private final String viLetters;
  private final String viMarks;
  private final char viMarkMin;
  private final String[] viComposed;
  private final Pattern viLetterAndMark;

  LangDetectNormalizer(String messagesProperties) {
    Properties messages = new Properties();
    try {
      messages.load(new StringReader(messagesProperties));
    } catch (IOException e) {
      throw new UncheckedIOException("langdetect messages.properties is malformed", e);
    }
    latin1Excluded = required(messages, "NGram.LATIN1_EXCLUDE");
    for (String key : messages.stringPropertyNames()) {
      if (!key.startsWith("NGram.KANJI_")) continue;
      String members = messages.getProperty(key);
      int representative = members.codePointAt(0);
      members.codePoints().forEach(cp -> {
        if (cp < CJK_FIRST || cp > CJK_LAST) {
          throw new IllegalArgumentException("langdetect messages.properties: " + key + " holds U+"
              + Integer.toHexString(cp) + ", outside the CJK Unified Ideographs block");
        }
        cjkRepresentative[cp - CJK_FIRST] = representative;
      });
    }
    viLetters = required(messages, "TO_NORMALIZE_VI_CHARS");
    viMarks = required(messages, "DMARK_CLASS");
    viMarkMin = (char) viMarks.chars().min().orElseThrow();
    viComposed = new String[viMarks.length()];
    for (int i = 0; i < viMarks.length(); i++) {
      String key = String.format("NORMALIZED_VI_CHARS_%04X", (int) viMarks.charAt(i));
      viComposed[i] = required(messages, key);
      if (viComposed[i].length() != viLetters.length()) {
        throw new IllegalArgumentException("langdetect messages.properties: " + key + " has " + viComposed[i].length()
            + " letters, TO_NORMALIZE_VI_CHARS has " + viLetters.length());
      }
    }
    viLetterAndMark = Pattern.compile("(" + characterClass(viLetters) + ")(" + characterClass(viMarks) + ")");
  }

  /** NGram.normalize for one code point; the block boundaries are those of langdetect's unicode_block table. */
  int normalize(int ch) {
    if (ch <= 0x7F) return ch < 'A' || (ch > 'Z' && ch < 'a') || ch > 'z' ? ' ' : ch;
    if (ch <= 0xFF) return latin1Excluded.indexOf(ch) >= 0 ? ' ' : ch;
    if (ch >= 0x180 && ch <= 0x24F) {
      // Romanian: comma below becomes cedilla
      if (ch == 0x219) return 0x15F;
      if (ch == 0x21B) return 0x163;
      return ch;
    }
    if (ch >= 0x600 && ch <= 0x6FF) return ch == 0x6CC ? 0x64A : ch; // Farsi yeh -> Arabic yeh
    if (ch >= 0x1E00 && ch <= 0x1EFF) return ch >= 0x1EA0 ? 0x1EC3 : ch;
    if (ch >= 0x2000 && ch <= 0x206F) return ' ';
    if (ch >= 0x3040 && ch <= 0x309F) return 0x3042;
    if (ch >= 0x30A0 && ch <= 0x30FF) return 0x30A2;
    if ((ch >= 0x3100 && ch <= 0x312F) || (ch >= 0x31A0 && ch <= 0x31BF)) return 0x3105;
    if (ch >= CJK_FIRST && ch <= CJK_LAST) {
      int representative = cjkRepresentative[ch - CJK_FIRST];
      return representative != 0 ? representative : ch;
    }
    if (ch >= 0xAC00 && ch <= 0xD7AF) return 0xAC00;
    return ch;
  }

  /** NGram.normalize_vi: letter + combining grave/acute/tilde/hook/dot-below becomes the precomposed letter. */
  String normalizeVi(String text) {
    if (!containsMark(text)) return text; // the usual case: no combining mark, nothing to compose
    Matcher m = viLetterAndMark.matcher(text);
    return m.replaceAll(r -> {
      int letter = viLetters.indexOf(r.group(1));
      int mark = viMarks.indexOf(r.group(2));
      return Matcher.quoteReplacement(String.valueOf(viComposed[mark].charAt(letter)));
    });
  }

  private boolean containsMark(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= viMarkMin && viMarks.indexOf(c) >= 0) return true;
    }
    return false;
  }

  private static String characterClass(String chars) {
    StringBuilder regex = new StringBuilder("[");
    chars.codePoints().forEach(cp -> regex.append("\\x{").append(Integer.toHexString(cp)).append('}'));
    return regex.append(']').toString();
  }

  private static String required(Properties messages, String key) {
    String value = messages.getProperty(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("langdetect messages.properties lacks " + key);
    }
    return value;
  }
}
