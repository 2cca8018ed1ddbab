package ai.raif.rewards.text;

import static ai.raif.rewards.text.PythonUnicode.NOT_SPACE;
import static ai.raif.rewards.text.PythonUnicode.SPACE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NLTK 3.10.3's {@code PunktSentenceTokenizer.tokenize(text)} with realign_boundaries (the path of
 * {@code nltk.sent_tokenize}): candidate ends are found with the period-context regex, each candidate's context is
 * word-tokenized and annotated (first pass: types; second pass: collocations, orthographic and sentence-starter
 * heuristics), and closing quotes/brackets after a break are moved back onto the sentence. Indices are UTF-16 units;
 * every character the algorithm measures or splits at is in the BMP, so they map one-to-one onto Python's indices.
 */
final class PunktSentenceTokenizer {
  private static final int ORTHO_BEG_UC = 1 << 1;
  private static final int ORTHO_MID_UC = 1 << 2;
  private static final int ORTHO_UNK_UC = 1 << 3;
  private static final int ORTHO_BEG_LC = 1 << 4;
  private static final int ORTHO_MID_LC = 1 << 5;
  private static final int ORTHO_UNK_LC = 1 << 6;
  private static final int ORTHO_UC = ORTHO_BEG_UC + ORTHO_MID_UC + ORTHO_UNK_UC;
  private static final int ORTHO_LC = ORTHO_BEG_LC + ORTHO_MID_LC + ORTHO_UNK_LC;

  private static final Set<String> SENT_END_CHARS = Set.of(".", "?", "!");
  private static final Set<String> PUNCTUATION = Set.of(";", ":", ",", ".", "!", "?");

  // PunktLanguageVars, English: the curly quotes and guillemets count as closing punctuation since NLTK 3.10
  private static final String NON_WORD = "(?:[)\";}\\]*:@'({\\[‘’“”«»?!])";
  private static final String MULTI_CHAR = "(?:-{2,}|\\.{2,}|(?:\\." + SPACE + "){2,}\\.)";
  private static final String WORD_START = "[^(\"`{\\[:;&#*@)}\\]\\-,]";
  /** NLTK's _word_tokenize_fmt regex; {@link #nextWord} finds its matches without running it. */
  static final Pattern WORD_TOKENIZER = Pattern.compile(MULTI_CHAR
      + "|(?=" + WORD_START + ")" + NOT_SPACE + "+?"
      + "(?=" + SPACE + "|$|" + NON_WORD + "|" + MULTI_CHAR
      + "|,(?=$|" + SPACE + "|" + NON_WORD + "|" + MULTI_CHAR + "))"
      + "|" + NOT_SPACE, Pattern.UNIX_LINES);
  /**
   * NLTK's period context regex is [.?!](?=(?P<after_tok>...)): the lookahead part is run with lookingAt right after
   * each end character, which a plain search finds faster than the regex engine.
   */
  private static final Pattern AFTER_END_CHAR = Pattern.compile(
      "(?<afterTok>" + NON_WORD + "|" + SPACE + "+(?<nextTok>" + NOT_SPACE + "+))", Pattern.UNIX_LINES);
  private static final Pattern BOUNDARY_REALIGNMENT = Pattern.compile(
      "[\"')\\]}‘’“”«»]+?(?:" + SPACE + "+|(?=--)|$)", Pattern.UNIX_LINES | Pattern.MULTILINE);

  private enum Ortho { SENT_STARTER, NOT_SENT_STARTER, UNKNOWN }

  /** A candidate sentence end: the end-of-sentence character, where the next sentence would start, and its context. */
  private record EndContext(int matchEnd, int nextStart, String context) {}

  private record Span(int start, int end) {}

  private final PunktParameters params;

  PunktSentenceTokenizer(PunktParameters params) {
    this.params = params;
  }

  List<String> tokenize(String text) {
    List<String> sentences = new ArrayList<>();
    for (Span span : realignBoundaries(text, slicesFromText(text))) {
      sentences.add(PythonUnicode.slice(text, span.start, span.end));
    }
    return sentences;
  }

  private List<Span> slicesFromText(String text) {
    List<Span> slices = new ArrayList<>();
    int lastBreak = 0;
    for (EndContext end : potentialEndContexts(text)) {
      if (containsSentbreak(end.context)) {
        slices.add(new Span(lastBreak, end.matchEnd));
        lastBreak = end.nextStart;
      }
    }
    // the last sentence does not contain trailing whitespace
    slices.add(new Span(lastBreak, PythonUnicode.rstripEnd(text)));
    return slices;
  }

  /**
   * NLTK's _match_potential_end_contexts: a candidate is kept only when the word before it does not overlap the
   * previous candidate's word (e.g. in "acting!!! I" only the last "!" counts). Contexts are built only for kept
   * candidates, so text without whitespace stays linear.
   */
  private List<EndContext> potentialEndContexts(String text) {
    List<EndContext> ends = new ArrayList<>();
    Matcher m = AFTER_END_CHAR.matcher(text);
    Candidate previous = null;
    for (int end = nextEndChar(text, 0); end >= 0; end = nextEndChar(text, end + 1)) {
      if (!m.region(end + 1, text.length()).lookingAt()) continue;
      int previousStart = previous == null ? 0 : previous.wordStart;
      int previousStop = previous == null ? 0 : previous.wordStop;
      int lastSpace = lastAsciiWhitespace(text, previousStop, end);
      // NLTK treats "found at index 0" like "not found" (a falsy 0): the word then reaches back to the previous one
      int wordStart = lastSpace != 0 ? lastSpace + previousStop + 1 : previousStart;
      if (previous != null && previousStop <= wordStart) ends.add(previous.context(text));
      previous = new Candidate(wordStart, end, end + 1, m.end("afterTok"), m.start("nextTok"));
    }
    if (previous != null) ends.add(previous.context(text));
    return ends;
  }

  /** A period-context match: the word before it, the end character and its lookahead groups (nextTokStart -1: none). */
  private record Candidate(int wordStart, int wordStop, int matchEnd, int afterTokEnd, int nextTokStart) {
    /** The context is word + end character + after_tok; the next sentence starts at next_tok, else after the match. */
    EndContext context(String text) {
      String context = text.substring(wordStart, wordStop) + text.substring(matchEnd - 1, afterTokEnd);
      return new EndContext(matchEnd, nextTokStart >= 0 ? nextTokStart : matchEnd, context);
    }
  }

  /** The index of the first '.', '?' or '!' at or after from, or -1. */
  private static int nextEndChar(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.' || c == '?' || c == '!') return i;
    }
    return -1;
  }

  /** Index relative to from of the last character of string.whitespace (ASCII only) in text[from:to], else 0. */
  private static int lastAsciiWhitespace(String text, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      switch (text.charAt(i)) {
        case ' ', '\t', '\n', '\r', 0x0B, '\f' -> { return i - from; }
        default -> { }
      }
    }
    return 0;
  }

  private List<Span> realignBoundaries(String text, List<Span> slices) {
    List<Span> result = new ArrayList<>();
    int realign = 0;
    for (int i = 0; i < slices.size(); i++) {
      Span sentence1 = new Span(slices.get(i).start + realign, slices.get(i).end);
      if (i + 1 == slices.size()) {
        if (sentence1.start < sentence1.end) result.add(sentence1);
        continue;
      }
      Span sentence2 = slices.get(i + 1);
      Matcher m = BOUNDARY_REALIGNMENT.matcher(PythonUnicode.slice(text, sentence2.start, sentence2.end));
      if (m.lookingAt()) {
        int kept = PythonUnicode.rstripEnd(m.group());
        result.add(new Span(sentence1.start, sentence2.start + kept));
        realign = m.end();
      } else {
        realign = 0;
        if (sentence1.start < sentence1.end) result.add(sentence1);
      }
    }
    return result;
  }

  /** True when some token other than the last of the annotated context is a sentence break. */
  private boolean containsSentbreak(String context) {
    List<PunktToken> tokens = tokenizeWords(context);
    for (PunktToken token : tokens) annotateFirstPass(token);
    for (int i = 0; i + 1 < tokens.size(); i++) {
      annotateSecondPass(tokens.get(i), tokens.get(i + 1));
      if (tokens.get(i).sentbreak) return true;
    }
    return false;
  }

  private static List<PunktToken> tokenizeWords(String text) {
    List<PunktToken> tokens = new ArrayList<>();
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int newline = text.indexOf('\n', lineStart);
      int lineEnd = newline < 0 ? text.length() : newline;
      String line = text.substring(lineStart, lineEnd);
      if (!PythonUnicode.strip(line).isEmpty()) {
        for (long word = nextWord(line, 0); word >= 0; word = nextWord(line, (int) word)) {
          tokens.add(new PunktToken(line.substring((int) (word >>> 32), (int) word)));
        }
      }
      lineStart = lineEnd + 1;
    }
    return tokens;
  }

  /**
   * The next match of {@link #WORD_TOKENIZER} in text from {@code from}, as start << 32 | end, or -1: a scanner with
   * the regex's result (PunktWordScannerTest compares them). Its alternatives, tried at each non-space position:
   * a multi-character run; a word starting with a word-start character, extended one code point at a time (\S+?)
   * until the lookahead holds: whitespace, end, non-word punctuation, a multi-character run, or a comma followed by
   * one of those; else a single non-space code point.
   */
  static long nextWord(String text, int from) {
    int n = text.length();
    for (int i = from; i < n; ) {
      int cp = text.codePointAt(i);
      if (PythonUnicode.isSpace(cp)) {
        i++;
        continue;
      }
      int multi = multiCharEnd(text, i);
      if (multi >= 0) return (long) i << 32 | multi;
      int end = i + Character.charCount(cp);
      if (isWordStart(cp)) {
        while (!wordEndsAt(text, end)) end += Character.charCount(text.codePointAt(end));
      }
      return (long) i << 32 | end;
    }
    return -1;
  }

  /** Where MULTI_CHAR, (?:-{2,}|\.{2,}|(?:\.\s){2,}\.), matching at i ends, or -1 when it does not match there. */
  private static int multiCharEnd(String text, int i) {
    int n = text.length();
    if (i + 1 >= n) return -1;
    char c = text.charAt(i);
    char next = text.charAt(i + 1);
    if (c == '-' && next == '-' || c == '.' && next == '.') {
      int end = i + 2;
      while (end < n && text.charAt(end) == c) end++;
      return end;
    }
    if (c != '.') return -1;
    // (\.\s){r} greedily, then a period; backtracking one repetition leaves that repetition's period to end it
    int reps = 0;
    int at = i;
    while (at + 1 < n && text.charAt(at) == '.' && PythonUnicode.isSpace(text.charAt(at + 1))) {
      reps++;
      at += 2;
    }
    if (reps >= 2 && at < n && text.charAt(at) == '.') return at + 1;
    return reps >= 3 ? at - 1 : -1;
  }

  /** The lookahead that ends a word before j. */
  private static boolean wordEndsAt(String text, int j) {
    if (endOfLine(text, j) || PythonUnicode.isSpace(text.charAt(j)) || isNonWord(text.charAt(j))
        || multiCharEnd(text, j) >= 0) {
      return true;
    }
    if (text.charAt(j) != ',') return false;
    int k = j + 1;
    return endOfLine(text, k) || PythonUnicode.isSpace(text.charAt(k)) || isNonWord(text.charAt(k))
        || multiCharEnd(text, k) >= 0;
  }

  /** Python's $ without MULTILINE: the end, or just before a final newline. */
  private static boolean endOfLine(String text, int j) {
    return j >= text.length() || j == text.length() - 1 && text.charAt(j) == '\n';
  }

  /** NON_WORD: [)";}\]*:@'({\[‘’“”«»?!]. */
  private static boolean isNonWord(char c) {
    return ")\";}]*:@'({[‘’“”«»?!".indexOf(c) >= 0;
  }

  /** WORD_START: [^(\"`{\[:;&#*@)}\]\-,]. */
  private static boolean isWordStart(int cp) {
    return cp > 0xFFFF || "(\"`{[:;&#*@)}]-,".indexOf(cp) < 0;
  }

  private void annotateFirstPass(PunktToken token) {
    String tok = token.tok;
    if (SENT_END_CHARS.contains(tok)) {
      token.sentbreak = true;
    } else if (token.isEllipsis()) {
      token.ellipsis = true;
    } else if (token.periodFinal && !tok.endsWith("..")) {
      String base = tok.substring(0, tok.length() - 1).toLowerCase(Locale.ROOT);
      String lastPart = base.substring(base.lastIndexOf('-') + 1);
      if (params.abbrevTypes().contains(base) || params.abbrevTypes().contains(lastPart)) {
        token.abbr = true;
      } else {
        token.sentbreak = true;
      }
    }
  }

  private void annotateSecondPass(PunktToken token, PunktToken next) {
    if (!token.periodFinal) return;
    String type = token.typeNoPeriod();
    String nextType = next.typeNoSentperiod();
    boolean initial = token.isInitial();

    // collocation heuristic: a known "word. Next" pair is an abbreviation, not a break
    if (params.isCollocation(type, nextType)) {
      token.sentbreak = false;
      token.abbr = true;
      return;
    }
    // an abbreviation or ellipsis is also a break if the next word looks like a sentence start
    if ((token.abbr || token.ellipsis) && !initial) {
      if (orthoHeuristic(next) == Ortho.SENT_STARTER) {
        token.sentbreak = true;
        return;
      }
      if (next.firstUpper() && params.sentStarters().contains(nextType)) {
        token.sentbreak = true;
        return;
      }
    }
    // initials and ordinals are abbreviations unless the next word is orthographically a sentence start
    if (initial || type.equals(PunktToken.NUMBER_TYPE)) {
      Ortho ortho = orthoHeuristic(next);
      if (ortho == Ortho.NOT_SENT_STARTER) {
        token.sentbreak = false;
        token.abbr = true;
        return;
      }
      if (ortho == Ortho.UNKNOWN && initial && next.firstUpper() && (params.orthoContext(nextType) & ORTHO_LC) == 0) {
        token.sentbreak = false;
        token.abbr = true;
      }
    }
  }

  private Ortho orthoHeuristic(PunktToken token) {
    if (PUNCTUATION.contains(token.tok)) return Ortho.NOT_SENT_STARTER;
    int context = params.orthoContext(token.typeNoSentperiod());
    if (token.firstUpper() && (context & ORTHO_LC) != 0 && (context & ORTHO_MID_UC) == 0) return Ortho.SENT_STARTER;
    if (token.firstLower() && ((context & ORTHO_UC) != 0 || (context & ORTHO_BEG_LC) == 0)) {
      return Ortho.NOT_SENT_STARTER;
    }
    return Ortho.UNKNOWN;
  }
}
