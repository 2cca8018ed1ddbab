package ai.raif.udfs.judge;

import ai.raif.rewards.judge.Judge;
import ai.raif.rewards.judge.JudgeException;
import ai.raif.rewards.judge.JudgePrompt;
import ai.raif.rewards.judge.JudgeQuestion;
import ai.raif.trainer.LanguageModel;
import ai.raif.trainer.sampling.Scorer;
import ai.raif.trainer.text.ChatMessage;
import ai.raif.trainer.text.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A judge that scores by log-likelihood on a local model, as the reference does (raif-spec §3.4(c)), but with the
 * judge's own tokenizer and chat template and without cutting the verdict off long inputs.
 *
 * <p>Each question becomes two sequences: the chat-templated [system, user] conversation up to where the assistant's
 * reply begins, followed by {@code YES(是)} or {@code NO(否)} with no end-of-turn after it (HF's
 * {@code continue_final_message}). The whole string is tokenized at once, and the summed log-probs of its last m tokens
 * are compared, m = max(1, min(|tok(YES(是))|, |tok(NO(否))|)) with the judge's tokenizer: YES iff the YES sum is
 * strictly larger (a tie is NO). A sequence longer than {@code maxInputTokens} loses the middle of the generated text,
 * never its end.
 *
 * <p>Thread-safe: it holds no mutable state and {@link LanguageModel} serves concurrent callers. It does not own the
 * model: {@link #close()} leaves it open.
 */
public final class LocalJudge implements Judge {
  /** Default cap on one judge sequence, in tokens (the reference's generate_max_len for its Qwen runs). */
  public static final int DEFAULT_MAX_INPUT_TOKENS = 4096;
  public static final int DEFAULT_BATCH_SIZE = 8;

  private final LanguageModel lm;
  private final TextTokenizer tokenizer;
  private final int maxInputTokens;
  private final int batchSize;
  private final int verdictTokens;

  /** The two summed verdict log-probs of one question. */
  public record Scores(double yes, double no) {
    public boolean verdict() { return yes > no; }
  }

  /** The two token sequences of one question; {@code truncated} when the generated text lost its middle. */
  public record Sequences(int[] yes, int[] no, boolean truncated) {}

  public LocalJudge(LanguageModel judge) {
    this(judge, Math.min(DEFAULT_MAX_INPUT_TOKENS, judge.config().maxPositions()), DEFAULT_BATCH_SIZE);
  }

  /**
   * @param maxInputTokens the longest sequence scored, at most the model's context
   * @param batchSize sequences per forward pass (each question has two)
   */
  public LocalJudge(LanguageModel judge, int maxInputTokens, int batchSize) {
    this.lm = judge;
    this.tokenizer = judge.tokenizer();
    if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    if (maxInputTokens > judge.config().maxPositions()) {
      throw new IllegalArgumentException("maxInputTokens " + maxInputTokens + " exceeds the judge model's context of "
          + judge.config().maxPositions() + " tokens");
    }
    this.verdictTokens = Math.max(1, Math.min(tokenizer.encode(JudgePrompt.YES, false).length,
        tokenizer.encode(JudgePrompt.NO, false).length));
    if (maxInputTokens <= verdictTokens) {
      throw new IllegalArgumentException("maxInputTokens must exceed the " + verdictTokens + " verdict tokens, got "
          + maxInputTokens);
    }
    this.maxInputTokens = maxInputTokens;
    this.batchSize = batchSize;
    judge.renderChat(List.of(new ChatMessage("user", "x")));  // fails now, not per question, without a chat template
  }

  @Override
  public String model() { return "local:" + lm.source(); }

  /** m: how many trailing tokens of each sequence are scored. */
  public int verdictTokens() { return verdictTokens; }

  public int maxInputTokens() { return maxInputTokens; }

  @Override
  public List<Boolean> verdicts(List<JudgeQuestion> questions) {
    List<Boolean> out = new ArrayList<>(questions.size());
    for (Scores s : scores(questions)) out.add(s.verdict());
    return out;
  }

  /** The two summed log-probs per question, in order. */
  public List<Scores> scores(List<JudgeQuestion> questions) {
    int n = questions.size();
    int[][] seqs = new int[2 * n][];
    for (int i = 0; i < n; i++) {
      Sequences s = sequences(questions.get(i), i);
      seqs[2 * i] = s.yes();
      seqs[2 * i + 1] = s.no();
    }
    // Longest first, so each batch pads its rows to similar lengths.
    Integer[] order = new Integer[seqs.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> seqs[i].length).reversed());
    double[] sums = new double[seqs.length];
    for (int from = 0; from < order.length; from += batchSize) {
      int to = Math.min(order.length, from + batchSize);
      List<Scorer.Pair> pairs = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) pairs.add(split(seqs[order[k]]));
      List<float[]> logprobs = lm.score(pairs);
      for (int k = from; k < to; k++) {
        double sum = 0;
        for (float lp : logprobs.get(k - from)) sum += lp;
        sums[order[k]] = sum;
      }
    }
    List<Scores> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(new Scores(sums[2 * i], sums[2 * i + 1]));
    return out;
  }

  /** The scored split: everything but the last m tokens is the prompt. */
  Scorer.Pair split(int[] seq) {
    int cut = seq.length - verdictTokens;
    return new Scorer.Pair(Arrays.copyOf(seq, cut), Arrays.copyOfRange(seq, cut, seq.length));
  }

  public Sequences sequences(JudgeQuestion q) {
    return sequences(q, 0);
  }

  private Sequences sequences(JudgeQuestion q, int index) {
    Sequences full = encode(q.instruction(), q.answer(), q.question(), false);
    int over = longest(full) - maxInputTokens;
    if (over <= 0) return full;
    // Re-tokenizing the spliced text can merge differently at the cut, so shrink until the whole sequence fits.
    int[] answer = tokenizer.encode(q.answer(), false);
    int keep = answer.length - over;
    while (keep > 0) {
      Sequences cut = encode(q.instruction(), middle(answer, keep), q.question(), true);
      int still = longest(cut) - maxInputTokens;
      if (still <= 0) return cut;
      keep -= still;
    }
    Sequences bare = encode(q.instruction(), JudgePrompt.ELISION.strip(), q.question(), true);
    if (longest(bare) <= maxInputTokens) return bare;
    throw new JudgeException("question " + index + ": the instruction and question alone take " + longest(bare)
        + " tokens of the judge's " + maxInputTokens + "-token limit; nothing is left for the generated text");
  }

  /** The first and last tokens of {@code ids}, {@code keep} in all, as text around {@link JudgePrompt#ELISION}. */
  private String middle(int[] ids, int keep) {
    int head = (keep + 1) / 2;
    int tail = keep - head;
    return tokenizer.decode(Arrays.copyOf(ids, head), false) + JudgePrompt.ELISION
        + tokenizer.decode(Arrays.copyOfRange(ids, ids.length - tail, ids.length), false);
  }

  private Sequences encode(String instruction, String answer, String question, boolean truncated) {
    String prompt = lm.renderChat(List.of(new ChatMessage("system", JudgePrompt.SYSTEM),
        new ChatMessage("user", JudgePrompt.user(instruction, answer, question))));
    return new Sequences(tokenizer.encode(prompt + JudgePrompt.YES, false),
        tokenizer.encode(prompt + JudgePrompt.NO, false), truncated);
  }

  private static int longest(Sequences s) {
    return Math.max(s.yes().length, s.no().length);
  }

  @Override
  public String toString() {
    return "LocalJudge[" + lm.source() + ", m=" + verdictTokens + ", maxInputTokens=" + maxInputTokens + "]";
  }
}
