package ai.raif.rewards.evolve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words for keyword-type kwargs (keywords:existence, keywords:frequency, keywords:forbidden_words,
 * nth_paragraph_first_word) when no teacher suggests them: content words of the seed instruction first (words an
 * answer to it is likely to use, in a random order), then a built-in list of everyday words. Each word is handed out
 * once per prompt, so no prompt asks for a word and forbids it.
 */
final class KeywordPicker {
  /** Everyday words that fit an answer on most topics; used when the seed has too few content words. */
  static final List<String> BUILT_IN = List.of("balance", "detail", "example", "future", "moment", "practice",
      "reason", "choice", "context", "result", "energy", "journey", "pattern", "season", "habit", "method", "honest",
      "gentle", "support", "value", "simple", "common", "purpose", "quality", "surprise", "weekend", "morning",
      "lesson", "memory", "effort");

  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");
  private static final Set<String> STOPWORDS = Set.of("about", "above", "after", "again", "also", "always", "among",
      "another", "anything", "around", "based", "because", "been", "before", "being", "below", "best", "better",
      "between", "both", "briefly", "could", "describe", "does", "doing", "down", "during", "each", "every", "explain",
      "from", "give", "going", "have", "having", "help", "here", "into", "just", "know", "like", "list", "little",
      "make", "many", "more", "most", "much", "must", "need", "only", "other", "over", "please", "same", "should",
      "show", "some", "something", "such", "tell", "than", "that", "their", "them", "then", "there", "these", "they",
      "thing", "things", "this", "those", "through", "under", "until", "using", "very", "want", "well", "were", "what",
      "when", "where", "which", "while", "will", "with", "without", "would", "write", "your", "yours", "short",
      "really", "maybe", "mine", "ours", "next", "still", "even", "ever", "able", "wants", "made");

  private final String seedLower;
  private final List<String> seedWords;
  private final List<String> fallback;
  private final Set<String> used = new LinkedHashSet<>();

  KeywordPicker(String seedText, SplittableRandom random) {
    this.seedLower = seedText.toLowerCase(Locale.ROOT);
    this.seedWords = shuffled(contentWords(seedText), random);
    List<String> rest = new ArrayList<>(BUILT_IN);
    rest.removeAll(seedWords);
    this.fallback = shuffled(rest, random);
  }

  /** Distinct lower-case words of 4+ letters that are not function words, in order of appearance. */
  static List<String> contentWords(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT);
      if (w.length() >= 4 && !STOPWORDS.contains(w)) out.add(w);
    }
    return List.copyOf(out);
  }

  /** The next unused word: seed words first, then the built-in list. */
  String next() {
    for (List<String> source : List.of(seedWords, fallback)) {
      for (String w : source) {
        if (used.add(w)) return w;
      }
    }
    throw new IllegalStateException("keyword pool exhausted");
  }

  /** A seed word, or null when the seed has none left; for conditions that must hold for this seed. */
  String nextFromSeed() {
    for (String w : seedWords) {
      if (used.add(w)) return w;
    }
    return null;
  }

  /** A built-in word that does not occur in the seed, not even inside another word, for conditions that must fail. */
  String nextAbsent() {
    for (String w : fallback) {
      if (!seedLower.contains(w) && used.add(w)) return w;
    }
    throw new IllegalStateException("keyword pool exhausted");
  }

  private static List<String> shuffled(List<String> words, SplittableRandom random) {
    List<String> out = new ArrayList<>(words);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }
}
