/**
 * The LLM-judge protocol of raif-spec §3.4 without a model: the {@link ai.raif.rewards.judge.Judge} interface, the
 * judge conversation ({@link ai.raif.rewards.judge.JudgePrompt}) and verdicts read from text
 * ({@link ai.raif.rewards.judge.VerdictText}). Backends (a local model, an OpenAI-compatible endpoint) live in
 * {@code udfs}, next to the model.
 */
package ai.raif.rewards.judge;
