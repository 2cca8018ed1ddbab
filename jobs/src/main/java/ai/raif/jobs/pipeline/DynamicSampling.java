package ai.raif.jobs.pipeline;

import ai.raif.jobs.config.RaifConfig;

/**
 * DAPO's dynamic sampling, in the pipeline's batch form: when the contrast stage leaves fewer than
 * {@code rollout.dynamic_min_groups} prompt groups with a training signal (non-zero reward variance, CoT not beaten),
 * the iteration draws the next {@code prompts.limit} prompts of its cursor and rolls, rewards and contrasts them too,
 * at most {@code rollout.dynamic_max_draws} windows in all. Every decision is read from the tables, so a resumed
 * iteration repeats the same draws and redoes no finished work.
 */
public final class DynamicSampling {
  private DynamicSampling() {}

  /** Windows of prompts one iteration may draw (1 when dynamic sampling is off). */
  static int maxDraws(RaifConfig config) {
    return config.rollout().dynamicMinGroups() > 0 ? config.rollout().dynamicMaxDraws() : 1;
  }

  /** After {@code draws} windows with this contrast summary: whether to draw another. */
  static boolean drawAgain(RaifConfig config, int draws, PipelineMetrics contrast) {
    int min = config.rollout().dynamicMinGroups();
    return min > 0 && draws < maxDraws(config) && contrast.get("kept_prompts") < min;
  }
}
