package ai.raif.rewards.evolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What LLM-assisted evolution asks the teacher, and how it reads the replies (raif-spec §7, paper Figs. 9-12 in our
 * own words): a fluency rewrite of a rule-constrained instruction, a complex instruction with soft constraints and
 * one YES/NO scoring question per constraint, and (with RAIF's reasoning trigger as system message, supplied by the
 * caller) an expert response. Replies that do not have the asked-for shape read as empty.
 */
public final class TeacherPrompts {
  static final String EDITOR = "You are a careful editor of instructions for AI assistants.";
  static final String DESIGNER = "You design complex instructions for evaluating AI assistants.";
  static final int MAX_QUESTIONS = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private TeacherPrompts() {}

  static String rewriteRequest(String instruction) {
    return "Rewrite the instruction below so that it reads as one fluent, natural request from a user. Keep every "
        + "requirement and do not add new ones. Copy every number, every quoted word or phrase, and every symbol or "
        + "marker (such as ***, <<title>>, [name], P.S.) exactly as written. Reply with the rewritten instruction "
        + "only.\n\n<instruction>\n" + instruction + "\n</instruction>";
  }

  /** The rewritten instruction, or empty when the reply dropped one of {@code literals} or is blank. */
  static Optional<String> readRewrite(String reply, List<String> literals) {
    String text = reply == null ? "" : reply.strip();
    if (text.startsWith("<instruction>") && text.endsWith("</instruction>")) {
      text = text.substring("<instruction>".length(), text.length() - "</instruction>".length()).strip();
    }
    if (text.isEmpty()) return Optional.empty();
    for (String literal : literals) {
      if (!text.contains(literal)) return Optional.empty();
    }
    return Optional.of(text);
  }

  static String complexRequest(String seed, int constraints) {
    return "Here is a seed request from a user:\n<seed>\n" + seed + "\n</seed>\n\nWrite a new, more demanding "
        + "instruction on the same task that adds " + constraints + " soft constraints a reader can check: for example "
        + "tone, style, audience, role-play, content that must or must not appear, structure. Merge everything into "
        + "one natural instruction. Then write one YES/NO question per constraint, plus one asking whether the main "
        + "task was done, so that a judge reading only the answer can score it. Reply with JSON only, in this form: "
        + "{\"instruction\": \"...\", \"scoring_questions\": [\"Does the response ...?\", \"...\"]}";
  }

  /** A complex instruction with its scoring questions, as the teacher wrote them. */
  record Complex(String instruction, List<String> questions) {}

  /** The instruction and 1-8 questions ending in "?", or empty when the reply is not that JSON. */
  static Optional<Complex> readComplex(String reply) {
    if (reply == null) return Optional.empty();
    int open = reply.indexOf('{');
    int close = reply.lastIndexOf('}');
    if (open < 0 || close < open) return Optional.empty();
    JsonNode n;
    try {
      n = JSON.readTree(reply.substring(open, close + 1));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    JsonNode instruction = n.path("instruction");
    JsonNode qs = n.path("scoring_questions");
    if (!instruction.isTextual() || instruction.asText().isBlank() || !qs.isArray() || qs.isEmpty()
        || qs.size() > MAX_QUESTIONS) {
      return Optional.empty();
    }
    List<String> questions = new ArrayList<>();
    for (JsonNode q : qs) {
      if (!q.isTextual() || !q.asText().strip().endsWith("?")) return Optional.empty();
      questions.add(q.asText().strip());
    }
    return Optional.of(new Complex(instruction.asText().strip(), questions));
  }
}
