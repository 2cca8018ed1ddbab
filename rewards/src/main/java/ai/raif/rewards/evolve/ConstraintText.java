package ai.raif.rewards.evolve;

import ai.raif.rewards.Constraint;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Natural-language instructions for IFEval constraints: IFEval's own description (its {@code build_description}
 * templates) or a plainer paraphrase of it, picked at random. Every number, keyword and phrase a checker reads is
 * written out literally, so that the text and the label say the same thing.
 */
public final class ConstraintText {
  /** IFEval's repeat-prompt description; the request to repeat is everything before it. */
  static final String REPEAT_PROMPT = "First repeat the request word for word without change, then give your answer"
      + " (1. do not say any words or characters before repeating the request; 2. the request you need to repeat"
      + " does not include this sentence)";
  static final String CONSTRAINED_OPTIONS =
      "Answer with one of the following options: \"My answer is yes.\" \"My answer is no.\" \"My answer is maybe.\"";
  private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth");

  private ConstraintText() {}

  public static String render(Constraint c, SplittableRandom r) {
    Map<String, Object> kw = c.kwargs();
    boolean ifeval = r.nextBoolean();
    return switch (c.id()) {
      case Ids.EXISTENCE -> {
        List<?> words = (List<?>) kw.get("keywords");
        String listed = quotedList(words, "and");
        yield ifeval ? "Include the keyword" + plural(words) + " " + listed + " in the response."
            : "Make sure your answer uses the word" + plural(words) + " " + listed + ".";
      }
      case Ids.FREQUENCY -> ifeval
          ? "In your response, the word \"" + kw.get("keyword") + "\" should appear " + kw.get("relation") + " "
              + kw.get("frequency") + " times."
          : "Use the word \"" + kw.get("keyword") + "\" " + relation(kw.get("relation")) + " " + kw.get("frequency")
              + " times.";
      case Ids.FORBIDDEN -> {
        List<?> words = (List<?>) kw.get("forbidden_words");
        yield ifeval ? "Do not include the keyword" + plural(words) + " " + quotedList(words, "or") + " in the response."
            : "Avoid the word" + plural(words) + " " + quotedList(words, "and") + " completely.";
      }
      case Ids.LETTER -> ifeval
          ? "In your response, the letter " + kw.get("letter") + " should appear " + kw.get("let_relation") + " "
              + kw.get("let_frequency") + " times."
          : "Use the letter \"" + kw.get("letter") + "\" " + relation(kw.get("let_relation")) + " "
              + kw.get("let_frequency") + " times in your answer.";
      case Ids.LANGUAGE -> {
        String name = FillerText.languageName(String.valueOf(kw.get("language")));
        yield ifeval ? "Your ENTIRE response should be in " + name + " language, no other language is allowed."
            : "Write your whole answer in " + name + " and use no other language.";
      }
      case Ids.SENTENCES -> ifeval
          ? "Your response should contain " + kw.get("relation") + " " + kw.get("num_sentences") + " sentences."
          : "Write " + relation(kw.get("relation")) + " " + kw.get("num_sentences") + " sentences.";
      case Ids.PARAGRAPHS -> ifeval
          ? "There should be " + kw.get("num_paragraphs") + " paragraphs. Paragraphs are separated with the markdown"
              + " divider: ***"
          : "Organize your answer into " + kw.get("num_paragraphs") + " paragraphs separated by the markdown divider"
              + " ***.";
      case Ids.WORDS -> ifeval
          ? "Answer with " + kw.get("relation") + " " + kw.get("num_words") + " words."
          : "Your answer should be " + relation(kw.get("relation")) + " " + kw.get("num_words") + " words long.";
      case Ids.NTH_PARAGRAPH -> ifeval
          ? "There should be " + kw.get("num_paragraphs") + " paragraphs. Paragraphs and only paragraphs are separated"
              + " with each other by two new lines as if it was '\\n\\n' in python. Paragraph " + kw.get("nth_paragraph")
              + " must start with word " + kw.get("first_word") + "."
          : "Write exactly " + kw.get("num_paragraphs") + " paragraphs separated by blank lines, and begin the "
              + ordinal(kw.get("nth_paragraph")) + " paragraph with the word \"" + kw.get("first_word") + "\".";
      case Ids.PLACEHOLDERS -> ifeval
          ? "The response must contain at least " + kw.get("num_placeholders") + " placeholders represented by square"
              + " brackets, such as [address]."
          : "Leave at least " + kw.get("num_placeholders") + " placeholders in square brackets, like [name], for"
              + " details to fill in later.";
      case Ids.POSTSCRIPT -> ifeval
          ? "At the end of your response, please explicitly add a postscript starting with " + kw.get("postscript_marker")
          : "Add a postscript that starts with " + kw.get("postscript_marker") + " at the end.";
      case Ids.BULLETS -> ifeval
          ? "Your answer must contain exactly " + kw.get("num_bullets") + " bullet points. Use the markdown bullet"
              + " points such as:\n* This is point 1.\n* This is point 2"
          : "Include exactly " + kw.get("num_bullets") + " markdown bullet points, each on its own line starting with"
              + " \"* \".";
      case Ids.CONSTRAINED_RESPONSE -> CONSTRAINED_OPTIONS;
      case Ids.HIGHLIGHTS -> ifeval
          ? "Highlight at least " + kw.get("num_highlights") + " sections in your answer with markdown, i.e."
              + " *highlighted section*."
          : "Use markdown to highlight at least " + kw.get("num_highlights") + " parts of your answer, like"
              + " *this part*.";
      case Ids.SECTIONS -> {
        Object s = kw.get("section_spliter");
        yield ifeval
            ? "Your response must have " + kw.get("num_sections") + " sections. Mark the beginning of each section with "
                + s + " X, such as:\n" + s + " 1\n[content of section 1]\n" + s + " 2\n[content of section 2]"
            : "Split your answer into " + kw.get("num_sections") + " sections and start each one with \"" + s
                + " X\", where X is the section number.";
      }
      case Ids.JSON -> ifeval ? "Entire output should be wrapped in JSON format. You can use markdown ticks such as ```."
          : "Give your whole answer as valid JSON (markdown ticks such as ``` are fine).";
      case Ids.TITLE -> ifeval ? "Your answer must contain a title, wrapped in double angular brackets, such as"
          + " <<poem of joy>>." : "Give your answer a title in double angular brackets, like <<my title>>.";
      case Ids.TWO_RESPONSES -> ifeval ? "Give two different responses. Responses and only responses should be"
          + " separated by 6 asterisk symbols: ******."
          : "Write two different versions of your answer and separate them with six asterisks: ******.";
      case Ids.REPEAT_PROMPT -> REPEAT_PROMPT;
      case Ids.END_PHRASE -> ifeval
          ? "Finish your response with this exact phrase \"" + kw.get("end_phrase") + "\". No other words should follow"
              + " this phrase."
          : "End your answer with the exact words \"" + kw.get("end_phrase") + "\" and add nothing after them.";
      case Ids.CAPITAL_WORDS -> ifeval
          ? "In your response, words with all capital letters should appear " + kw.get("capital_relation") + " "
              + kw.get("capital_frequency") + " times."
          : "Write " + relation(kw.get("capital_relation")) + " " + kw.get("capital_frequency")
              + " words entirely in capital letters.";
      case Ids.CAPITAL -> ifeval ? "Your entire response should be in English, and in all capital letters."
          : "Write your whole answer in English using only capital letters.";
      case Ids.LOWERCASE -> ifeval
          ? "Your entire response should be in English, and in all lowercase letters. No capital letters are allowed."
          : "Write your whole answer in English using only lowercase letters; do not use a single capital letter.";
      case Ids.NO_COMMA -> ifeval ? "In your entire response, refrain from the use of any commas."
          : "Do not use any commas in your answer.";
      case Ids.QUOTATION -> ifeval ? "Wrap your entire response with double quotation marks."
          : "Put your whole answer inside double quotation marks.";
      default -> throw new IllegalArgumentException("no text for instruction id '" + c.id() + "'");
    };
  }

  private static String relation(Object relation) {
    return Ids.LESS_THAN.equals(relation) ? "fewer than" : "at least";
  }

  private static String plural(List<?> words) {
    return words.size() == 1 ? "" : "s";
  }

  private static String quotedList(List<?> words, String conjunction) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      if (i > 0) b.append(i == words.size() - 1 ? " " + conjunction + " " : " ");
      b.append('"').append(words.get(i)).append('"');
    }
    return b.toString();
  }

  private static String ordinal(Object n) {
    int i = n instanceof Number num ? num.intValue() : 0;
    return i >= 1 && i <= ORDINALS.size() ? ORDINALS.get(i - 1) : "number " + n;
  }
}
