package ai.raif.rewards.evolve;

import ai.raif.rewards.Constraint;
import ai.raif.rewards.InvalidConstraintException;
import ai.raif.rewards.composition.CompositeLabel;
import ai.raif.rewards.composition.Composition;
import ai.raif.rewards.composition.Step;
import ai.raif.rewards.ifeval.IfevalChecker;
import ai.raif.rewards.reward.RaifReward;
import ai.raif.rewards.reward.ResponseParts;
import ai.raif.rewards.reward.RewardConfig;
import ai.raif.rewards.reward.RewardTask;
import ai.raif.rewards.reward.RolloutMode;
import ai.raif.rewards.reward.TagLayout;
import ai.raif.rewards.reward.TaskKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Evolves seed instructions into prompts with verifiable labels (raif-spec §7, code-verifiable evolution): sample a
 * composition and IFEval constraints, render them into the seed, and keep the prompt only if a {@link Witness}
 * follows every constraint of each branch. With a {@link Teacher}, instructions are also rewritten for fluency (kept
 * only if every literal the checkers read survives), a share of seeds become {@code complex} prompts with judge
 * questions, and expert responses are attached when they pass their own checks.
 *
 * <p>Everything random comes from one {@link SplittableRandom} per (settings seed, seed id, variant), so a prompt does
 * not depend on which other seeds are evolved, in which order or partition. Pure apart from the teacher's I/O.
 */
public final class Evolver {
  /** Constraints that still hold for the whole response when one step's part meets them: a Chain step's choices. */
  static final Set<String> STEP_SAFE = Set.of(Ids.EXISTENCE, Ids.FREQUENCY, Ids.LETTER, Ids.CAPITAL_WORDS,
      Ids.PLACEHOLDERS, Ids.POSTSCRIPT, Ids.HIGHLIGHTS, Ids.SECTIONS, Ids.TITLE, Ids.END_PHRASE, Ids.WORDS,
      Ids.SENTENCES);
  private static final double FULL_REWARD = 3.0;

  private final EvolveSettings settings;
  private final Teacher teacher;
  private final RaifReward reward = new RaifReward(new IfevalChecker(), RewardConfig.paper());

  /** @param teacher null for offline evolution */
  public Evolver(EvolveSettings settings, Teacher teacher) {
    this.settings = settings;
    this.teacher = teacher;
  }

  /** One outcome per variant of the seed, in variant order. */
  public List<Outcome> evolve(SeedInstruction seed) {
    List<Outcome> out = new ArrayList<>();
    for (int v = 0; v < settings.variants(); v++) out.add(variant(seed, v));
    return out;
  }

  public static String promptId(String seedId, int variant) {
    return seedId + "-v" + variant;
  }

  private Outcome variant(SeedInstruction seed, int variant) {
    SplittableRandom r = new SplittableRandom(streamSeed(settings.seed(), seed.seedId(), variant));
    String promptId = promptId(seed.seedId(), variant);
    String split = r.nextDouble() < settings.evalShare() ? "eval" : "train";
    // drawn with or without a teacher, so that a teacher changes nothing about the rule-labelled prompts
    boolean complex = r.nextDouble() < settings.complexShare() && teacher != null;
    long teacherSeed = r.nextLong();
    return complex ? complex(seed, promptId, split, r, teacherSeed) : ruled(seed, promptId, split, r, teacherSeed);
  }

  private Outcome ruled(SeedInstruction seed, String promptId, String split, SplittableRandom r, long teacherSeed) {
    int k = ConstraintSampler.between(r, settings.minConstraints(), settings.maxConstraints());
    Composition composition = composition(r);
    KeywordPicker words = new KeywordPicker(seed.instruction(), r);
    Set<String> all = IfevalChecker.ids();
    Composer.Evolved evolved;
    List<List<Constraint>> branches;
    String conditionWord = null;
    switch (composition) {
      case AND -> {
        evolved = Composer.and(seed.instruction(), ConstraintSampler.sample(r, k, all, List.of(), false, words), r);
        branches = List.of(evolved.label().activeRules());
      }
      case CHAIN -> {
        int first = Math.max(1, (k + 1) / 2);
        List<Constraint> a = ConstraintSampler.sample(r, first, without(STEP_SAFE, Ids.POSTSCRIPT, Ids.END_PHRASE),
            List.of(), true, words);
        List<Constraint> b = ConstraintSampler.sample(r, Math.max(1, k - first), without(STEP_SAFE, Ids.TITLE),
            a.stream().map(Constraint::id).toList(), true, words);
        evolved = Composer.chain(seed.instruction(), a, b, r);
        branches = List.of(evolved.label().activeRules());
      }
      default -> {
        boolean present = r.nextBoolean();
        conditionWord = present ? words.nextFromSeed() : null;
        if (conditionWord == null) {
          present = false;
          conditionWord = words.nextAbsent();
        }
        Set<String> branchIds = without(all, Ids.REPEAT_PROMPT, Ids.CONSTRAINED_RESPONSE);
        int first = Math.max(1, (k + 1) / 2);
        List<Constraint> a = ConstraintSampler.sample(r, first, branchIds, List.of(), false, words);
        List<Constraint> b = ConstraintSampler.sample(r, Math.max(1, k - first), branchIds, List.of(), false, words);
        evolved = Composer.selection(seed.instruction(), conditionWord, present, a, b, r);
        branches = List.of(a, b);
      }
    }
    String name = composition.jsonName();
    for (List<Constraint> branch : branches) {
      Witness.Result witness;
      try {
        witness = Witness.build(branch);
      } catch (InvalidConstraintException e) {
        return Outcome.dropped(promptId, name, Outcome.INVALID_CONSTRAINT, e.getMessage(), List.of());
      }
      if (!witness.passes()) {
        return Outcome.dropped(promptId, name, Outcome.UNSATISFIABLE,
            "no response follows " + String.join(" + ", witness.failed()) + " together with "
                + branch.stream().map(Constraint::id).toList(), witness.failed());
      }
    }
    List<String> notes = new ArrayList<>();
    String text = evolved.text();
    CompositeLabel label = evolved.label();
    if (teacher != null && label.steps().stream().flatMap(s -> s.rules().stream())
        .noneMatch(c -> c.id().equals(Ids.REPEAT_PROMPT))) {
      text = rewrite(text, literals(text, label, conditionWord), teacherSeed, notes);
    }
    String expert = teacher == null ? null : expert(text, label, TaskKind.IFEVAL, teacherSeed, notes);
    return Outcome.kept(name, new EvolvedPrompt(promptId, "ifeval", split, text, label, expert), notes);
  }

  private Outcome complex(SeedInstruction seed, String promptId, String split, SplittableRandom r, long teacherSeed) {
    int k = ConstraintSampler.between(r, settings.minConstraints(), settings.maxConstraints());
    String reply;
    try {
      reply = teacher.chat(TeacherPrompts.DESIGNER, TeacherPrompts.complexRequest(seed.instruction(), k), teacherSeed);
    } catch (Teacher.TeacherException e) {
      return Outcome.dropped(promptId, "complex", Outcome.TEACHER_ERROR, e.getMessage(), List.of());
    }
    var drafted = TeacherPrompts.readComplex(reply);
    if (drafted.isEmpty()) {
      return Outcome.dropped(promptId, "complex", Outcome.TEACHER_BAD_OUTPUT,
          "the reply is not {\"instruction\", \"scoring_questions\": [1-" + TeacherPrompts.MAX_QUESTIONS
              + " questions ending in '?']}", List.of());
    }
    List<String> notes = new ArrayList<>();
    CompositeLabel label = CompositeLabel.ofQuestions(drafted.get().questions());
    String instruction = drafted.get().instruction();
    String expert = expert(instruction, label, TaskKind.COMPLEX, teacherSeed, notes);
    return Outcome.kept("complex", new EvolvedPrompt(promptId, "complex", split, instruction, label, expert), notes);
  }

  private String rewrite(String text, List<String> literals, long teacherSeed, List<String> notes) {
    try {
      var rewritten = TeacherPrompts.readRewrite(
          teacher.chat(TeacherPrompts.EDITOR, TeacherPrompts.rewriteRequest(text), teacherSeed), literals);
      notes.add(rewritten.isPresent() ? "rewrite.applied" : "rewrite.rejected");
      return rewritten.orElse(text);
    } catch (Teacher.TeacherException e) {
      notes.add("rewrite.teacher_error");
      return text;
    }
  }

  /**
   * The teacher's expert response, if it is well-formed and (for rule labels) earns the full reward under the same
   * reward code training uses; null otherwise, with a note saying why.
   */
  private String expert(String instruction, CompositeLabel label, TaskKind kind, long teacherSeed, List<String> notes) {
    String output;
    try {
      output = teacher.chat(settings.expertSystemPrompt(), instruction, teacherSeed).strip();
    } catch (Teacher.TeacherException e) {
      notes.add("expert.teacher_error");
      return null;
    }
    if (!ResponseParts.parse(output, TagLayout.THINK_ANSWER).formatOk()) {
      notes.add("expert.bad_format");
      return null;
    }
    if (kind == TaskKind.IFEVAL && reward.scoreConstraints(RewardTask.of(kind), instruction, output, RolloutMode.THINK,
        label, null).total() < FULL_REWARD) {
      notes.add("expert.failed_checks");
      return null;
    }
    notes.add("expert.kept");
    return output;
  }

  /**
   * What a rewrite must keep word for word: the kwarg values the checkers read, language names and the condition's
   * word, wherever {@code text} spells them out.
   */
  static List<String> literals(String text, CompositeLabel label, String conditionWord) {
    Set<String> out = new LinkedHashSet<>();
    if (conditionWord != null) out.add(conditionWord);
    for (Step step : label.steps()) {
      for (Constraint c : step.rules()) {
        for (Map.Entry<String, Object> e : c.kwargs().entrySet()) {
          Object v = e.getValue();
          if (e.getKey().contains("relation") || v == null) continue;
          if (e.getKey().equals("language")) out.add(FillerText.languageName(v.toString()));
          else if (v instanceof List<?> list) list.forEach(x -> out.add(x.toString()));
          else out.add(v.toString());
        }
      }
    }
    return out.stream().filter(text::contains).toList();
  }

  private Composition composition(SplittableRandom r) {
    int total = settings.andWeight() + settings.chainWeight() + settings.selectionWeight();
    int x = r.nextInt(total);
    if (x < settings.andWeight()) return Composition.AND;
    return x < settings.andWeight() + settings.chainWeight() ? Composition.CHAIN : Composition.SELECTION;
  }

  private static Set<String> without(Set<String> ids, String... except) {
    Set<String> s = new HashSet<>(ids);
    List.of(except).forEach(s::remove);
    return s;
  }

  /** FNV-1a over the seed id and variant, mixed with the evolution seed. */
  static long streamSeed(long seed, String seedId, int variant) {
    long h = 0xcbf29ce484222325L;
    for (byte b : (seedId + '\u0000' + variant).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h ^ (seed * 0x9E3779B97F4A7C15L);
  }
}
