package ai.raif.jobs.pipeline;

import static org.apache.spark.sql.functions.col;

import ai.raif.rewards.reward.RolloutMode;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.grpo.ExpertSequence;
import ai.raif.trainer.grpo.RlSequence;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.udfs.SparkValues;
import ai.raif.udfs.rollout.ReasoningPrompt;
import ai.raif.udfs.rollout.RolloutRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An iteration's training data, collected to the driver and tokenized with the policy's tokenizer: the kept
 * reasoning rollouts ({@code samples ⋈ rollouts}) and the expert responses of the run's prompts in the split. A row
 * that cannot be used is skipped, counted by reason, and named in {@link #skippedExamples()}: one bad row never
 * stops training.
 */
public record TrainData(List<RlSequence> rollouts, List<ExpertSequence> experts, Map<String, Long> skipped,
                        List<String> skippedExamples) {

  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  public static TrainData collect(PipelineContext ctx, LanguageModel policy) {
    Builder b = new Builder();
    Dataset<Row> kept = ctx.tables().iteration(RaifTables.Table.SAMPLES, ctx.runId(), ctx.iteration())
        .where(col("kept")).select("prompt_id", "mode", "sample_idx", "advantage");
    Dataset<Row> rows = kept.join(ctx.tables().iteration(RaifTables.Table.ROLLOUTS, ctx.runId(), ctx.iteration())
            .select("prompt_id", "mode", "sample_idx", "prompt_text", "prompt_tokens", "response_token_ids",
                "policy_logprobs"), SparkValues.seq(List.of("prompt_id", "mode", "sample_idx")))
        .orderBy("prompt_id", "mode", "sample_idx");
    for (Row r : rows.collectAsList()) b.rollout(r, policy);

    String source = ctx.config().train().bcSource();
    if (!source.equals("verified")) {
      // every expert response of the run's split, not only the iteration's sample of prompts: behaviour cloning is
      // what teaches the answer format, and the sample (prompts.limit) is sized for rollouts, not for imitation
      Dataset<Row> prompts = ctx.splitPrompts().where(col("expert_response").isNotNull())
          .select("prompt_id", "messages", "expert_response").orderBy("prompt_id");
      for (Row r : prompts.collectAsList()) b.expert(r, policy);
    }
    if (!source.equals("experts")) {
      List<RolloutMode> formats = RolloutMode.listOf(ctx.config().train().bcFormats());
      int n = 0;
      for (VerifiedAnswers.Answer a : VerifiedAnswers.collect(ctx, ctx.config().train().bcVerifiedPerPrompt(),
          ctx.config().train().bcRepair(), ctx.config().train().bcAddedRules())) {
        b.verified(a, formats.get(n++ % formats.size()), policy);  // in turn: each prompt's answers in both formats
      }
    }
    return new TrainData(List.copyOf(b.rl), List.copyOf(b.experts), Map.copyOf(b.skipped), List.copyOf(b.examples));
  }

  /** The token that ends an assistant turn: what a finished expert response is followed by. */
  static int endOfTurn(LanguageModel m) {
    java.util.OptionalInt eos = m.tokenizer().eosId();
    if (eos.isPresent() && m.stopTokenIds().contains(eos.getAsInt())) return eos.getAsInt();
    return m.stopTokenIds().stream().min(Integer::compare).orElseThrow(
        () -> new IllegalStateException(m.source() + " has no stop token to end an expert response with"));
  }

  /** Token ids of {@code text} followed by the end of the assistant's turn: a response the policy finished. */
  static int[] finishedTurn(LanguageModel m, String text) {
    int[] ids = m.tokenizer().encode(text, false);
    int[] out = java.util.Arrays.copyOf(ids, ids.length + 1);
    out[ids.length] = endOfTurn(m);
    return out;
  }

  /** The expert response as the policy would continue the THINK prompt: without the think opener it already has. */
  static String continuation(String prompt, String expert) {
    String e = expert.stripLeading();
    if (e.startsWith("<think>") && prompt.endsWith("<think>\n")) {
      e = e.substring("<think>".length());
      return e.startsWith("\n") ? e.substring(1) : e;
    }
    return e;
  }

  private static final class Builder {
    final List<RlSequence> rl = new ArrayList<>();
    final List<ExpertSequence> experts = new ArrayList<>();
    final Map<String, Long> skipped = new LinkedHashMap<>();
    final List<String> examples = new ArrayList<>();

    void skip(String reason, String row, String detail) {
      skipped.merge(reason, 1L, Long::sum);
      if (examples.size() < 5) examples.add(row + ": " + detail);
    }

    void rollout(Row r, LanguageModel policy) {
      String id = r.getString(r.fieldIndex("prompt_id")) + "/" + r.getString(r.fieldIndex("mode")) + "/"
          + r.getInt(r.fieldIndex("sample_idx"));
      String row = "rollout " + id;
      if (r.isNullAt(r.fieldIndex("prompt_text")) || r.isNullAt(r.fieldIndex("response_token_ids"))) {
        skip("missing_tokens", row, "prompt_text or response_token_ids is null");
        return;
      }
      if (r.isNullAt(r.fieldIndex("policy_logprobs"))) {
        skip("missing_logprobs", row, "policy_logprobs is null (a rollout written before that column existed?)");
        return;
      }
      if (r.isNullAt(r.fieldIndex("advantage"))) {
        skip("missing_advantage", row, "kept but advantage is null");
        return;
      }
      List<Integer> ids = r.getList(r.fieldIndex("response_token_ids"));
      List<Float> lps = r.getList(r.fieldIndex("policy_logprobs"));
      int[] prompt = policy.tokenizer().encode(r.getString(r.fieldIndex("prompt_text")), false);
      int promptTokens = r.getInt(r.fieldIndex("prompt_tokens"));
      if (prompt.length != promptTokens) {
        skip("retokenize_mismatch", row, "prompt_text encodes to " + prompt.length + " tokens, the rollout had "
            + promptTokens + " (a different tokenizer?)");
        return;
      }
      int[] response = new int[ids.size()];
      float[] old = new float[lps.size()];
      for (int i = 0; i < response.length; i++) response[i] = ids.get(i);
      for (int i = 0; i < old.length; i++) old[i] = lps.get(i);
      try {
        rl.add(new RlSequence(id, prompt, response, old, (float) r.getDouble(r.fieldIndex("advantage")), true));
      } catch (IllegalArgumentException e) {
        skip("bad_rollout", row, e.getMessage());
      }
    }

    /**
     * A verified answer as an expert sequence in {@code format}: a rollout of that format that passed as sampled (its
     * own tokens); any other answer written out, after a reasoning block that restates the rules ({@code THINK}) or
     * alone in the model's own chat template ({@code CHAT}).
     */
    void verified(VerifiedAnswers.Answer a, RolloutMode format, LanguageModel policy) {
      String row = "verified rollout " + a.key();
      try {
        if (a.asSampled(format)) {
          experts.add(new ExpertSequence(a.key(), policy.tokenizer().encode(a.promptText(), false), a.responseIds()));
        } else if (format == RolloutMode.THINK) {
          thinkTarget(a.key(), row, "verified", a.messages(),
              prompt -> VerifiedAnswers.continuation(a.rules(), a.answer(), a.key()), policy);
        } else {
          String prompt = ReasoningPrompt.render(policy, a.messages(), RolloutMode.CHAT);
          add(a.key(), row, "verified", policy.tokenizer().encode(prompt, false), finishedTurn(policy, a.answer()),
              policy);
        }
      } catch (RuntimeException e) {
        skip("bad_verified_rollout", row, e.getMessage());
      }
    }

    void expert(Row r, LanguageModel policy) {
      String id = r.getString(r.fieldIndex("prompt_id"));
      String row = "prompt " + id + " field expert_response";
      String expert = r.getString(r.fieldIndex("expert_response"));
      if (expert.isBlank()) {
        skip("empty_expert_response", row, "blank");
        return;
      }
      thinkTarget(id, row, "expert", RolloutRows.messagesOf(r.getList(r.fieldIndex("messages"))),
          prompt -> continuation(prompt, expert), policy);
    }

    /**
     * Adds a behaviour-cloning target on the THINK prompt of {@code messages}: {@code responseText} of that prompt as
     * a finished turn. Skipped, with reason {@code bad_<kind>_prompt} or {@code <kind>_too_long}, when the chat
     * template fails or the sequence exceeds the model context.
     */
    private void thinkTarget(String id, String row, String kind, List<ChatMessage> messages,
                             Function<String, String> responseText, LanguageModel policy) {
      String prompt;
      try {
        prompt = ReasoningPrompt.render(policy, messages, RolloutMode.THINK);
      } catch (RuntimeException e) {
        skip("bad_" + kind + "_prompt", row, "the chat template failed: " + e.getMessage());
        return;
      }
      add(id, row, kind, policy.tokenizer().encode(prompt, false), finishedTurn(policy, responseText.apply(prompt)),
          policy);
    }

    /** Adds a target unless it exceeds the model context (skipped with reason {@code <kind>_too_long}). */
    private void add(String id, String row, String kind, int[] promptIds, int[] response, LanguageModel policy) {
      if (promptIds.length + response.length > policy.config().maxPositions()) {
        skip(kind + "_too_long", row, (promptIds.length + response.length) + " tokens exceed the model context of "
            + policy.config().maxPositions());
        return;
      }
      experts.add(new ExpertSequence(id, promptIds, response));
    }
  }
}
