package ai.raif.rewards.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.reward.RaifReward;
import ai.raif.rewards.reward.RewardConfig;
import ai.raif.rewards.reward.RewardTask;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.rewards.reward.TaskKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * LLM-assisted evolution with a scripted teacher: rewrites are kept only when every literal survives, complex prompts
 * carry the teacher's questions, and expert responses are kept only when they pass their own checks.
 */
class TeacherEvolutionTest {
  static final String SYSTEM = "You are a helpful assistant who thinks first.";
  static final RaifReward REWARD = new RaifReward(new IfevalChecker(), RewardConfig.paper());

  /** Rewrites by greeting (or, when the text has digits, by spelling them out badly); experts answer with a witness. */
  static final class ScriptedTeacher implements Teacher {
    final Map<String, CompositeLabel> labels;
    final List<String> systems = new ArrayList<>();

    ScriptedTeacher(Map<String, CompositeLabel> labels) {
      this.labels = labels;
    }

    @Override
    public String chat(String system, String user, long seed) {
      systems.add(system);
      if (system.equals(TeacherPrompts.EDITOR)) {
        String text = user.substring(user.indexOf("<instruction>\n") + 14, user.lastIndexOf("\n</instruction>"));
        return text.matches("(?s).*\\d.*") ? text.replaceAll("\\d", "#") : "Hi. " + text;
      }
      if (system.equals(TeacherPrompts.DESIGNER)) {
        if (user.contains("umbrella")) throw new TeacherException("teacher request: HTTP 503 after 5 attempt(s)");
        if (user.contains("landlord")) return "Sure! Here you go: the instruction is to write politely.";
        return "```json\n{\"instruction\": \"Write it as a pirate.\", \"scoring_questions\": [\"Is it written like a"
            + " pirate?\", \"Does it answer the request?\"]}\n```";
      }
      String instruction = user.startsWith("Hi. ") ? user.substring(4) : user;
      CompositeLabel label = labels.get(instruction);
      if (label == null) return "<think>A pirate would say arr.</think><answer>Arr, it be done.</answer>";
      if (seed % 3 == 0) return "<think>I will keep it short.</think><answer>ok</answer>";
      return "<think>I list the constraints and follow each.</think><answer>"
          + Witness.build(label.activeRules()).response() + "</answer>";
    }
  }

  @Test
  void rewritesComplexPromptsAndExpertsPassTheirChecksOrAreLeftOut() {
    EvolveSettings settings = new EvolveSettings(5, 6, 1, 4, 2, 1, 1, 0.0, 0.3, SYSTEM);
    Map<String, Outcome> offline = new HashMap<>();
    Map<String, CompositeLabel> labels = new HashMap<>();
    for (SeedInstruction seed : EvolverTest.SEEDS) {
      for (Outcome o : new Evolver(settings, null).evolve(seed)) {
        offline.put(o.promptId(), o);
        if (o.isKept()) labels.put(o.prompt().instruction(), o.prompt().label());
      }
    }
    ScriptedTeacher teacher = new ScriptedTeacher(labels);
    Map<String, Integer> counts = new TreeMap<>();
    for (SeedInstruction seed : EvolverTest.SEEDS) {
      for (Outcome o : new Evolver(settings, teacher).evolve(seed)) {
        counts.merge(o.isKept() ? "kept." + o.prompt().source() : "dropped." + o.dropReason(), 1, Integer::sum);
        o.notes().forEach(n -> counts.merge(n, 1, Integer::sum));
        if (!o.isKept()) {
          if (!o.composition().equals("complex")) assertEquals(offline.get(o.promptId()), o, "the same drop offline");
          continue;
        }
        EvolvedPrompt p = o.prompt();
        if (p.source().equals("complex")) {
          assertEquals(List.of("Is it written like a pirate?", "Does it answer the request?"), p.label().activeQuestions());
          assertEquals("Write it as a pirate.", p.instruction());
          continue;
        }
        Outcome without = offline.get(o.promptId());
        assertEquals(without.prompt().label(), p.label(), "a teacher changes no rule label");
        String template = without.prompt().instruction();
        if (o.notes().contains("rewrite.applied")) assertEquals("Hi. " + template, p.instruction());
        else assertEquals(template, p.instruction(), o.notes().toString());
        if (template.matches("(?s).*\\d.*") && !o.notes().contains("rewrite.applied")) {
          assertTrue(o.notes().contains("rewrite.rejected") || p.label().activeRules().stream()
              .anyMatch(c -> c.id().equals(Ids.REPEAT_PROMPT)), o.notes().toString());
        }
        if (p.expertResponse() != null) {
          double reward = REWARD.scoreConstraints(RewardTask.of(TaskKind.IFEVAL), p.instruction(), p.expertResponse(),
              RolloutMode.THINK, p.label(), null).total();
          assertEquals(3.0, reward, "a kept expert response earns the full reward: " + p.expertResponse());
        } else {
          assertTrue(o.notes().contains("expert.failed_checks"), o.notes().toString());
        }
      }
    }
    for (String key : List.of("kept.ifeval", "kept.complex", "dropped.teacher_error", "dropped.teacher_bad_output",
        "rewrite.applied", "rewrite.rejected", "expert.kept", "expert.failed_checks")) {
      assertTrue(counts.getOrDefault(key, 0) > 0, key + " never happened: " + counts);
    }
    assertTrue(teacher.systems.contains(SYSTEM), "experts are asked under the configured system message");
  }

  @Test
  void repliesOfTheWrongShapeReadAsEmpty() {
    assertEquals(Optional.of(new TeacherPrompts.Complex("Do X.", List.of("Is X done?"))),
        TeacherPrompts.readComplex("Here: {\"instruction\": \"Do X.\", \"scoring_questions\": [\"Is X done?\"]}"));
    assertEquals(Optional.empty(), TeacherPrompts.readComplex("{\"instruction\": \"Do X.\", \"scoring_questions\": []}"));
    assertEquals(Optional.empty(), TeacherPrompts.readComplex("{\"instruction\": \"Do X.\", \"scoring_questions\": [\"Done.\"]}"));
    assertEquals(Optional.empty(), TeacherPrompts.readComplex("no json at all"));
    assertEquals(Optional.empty(), TeacherPrompts.readComplex(null));
    assertEquals(Optional.of("Write 3 lines with \"moon\"."),
        TeacherPrompts.readRewrite("<instruction>\nWrite 3 lines with \"moon\".\n</instruction>", List.of("3", "moon")));
    assertEquals(Optional.empty(), TeacherPrompts.readRewrite("Write three lines with moon.", List.of("3", "moon")));
    assertEquals(Optional.empty(), TeacherPrompts.readRewrite("  ", List.of()));
    assertNull(TeacherPrompts.readRewrite(null, List.of()).orElse(null));
  }
}
