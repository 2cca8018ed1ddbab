/**
 * Google's IFEval (instruction_following_eval): the 25 registered instruction checkers with the reference's
 * {@code check_following} semantics ({@link ai.raif.rewards.ifeval.IfevalChecker}), its strict and loose modes
 * ({@link ai.raif.rewards.ifeval.FollowMode}), and a drop-in for {@code evaluation_main}
 * ({@link ai.raif.rewards.ifeval.IfevalEvaluation}) whose result files are byte-identical to the reference's.
 *
 * <p>Reference: the lm-eval copy of the checkers (lm-evaluation-harness 4e7e0d47f, PyPI lm-eval 0.4.13), which equals
 * Google's 2026 version; Python 3.11, NLTK 3.10.3, langdetect 1.0.9 with seed 0 for the text primitives of
 * {@code ai.raif.rewards.text}. Known, deliberate differences, all outside IFEval's own data except the second:
 * <ul>
 *   <li>Keywords, forbidden words, section splitters and custom postscript markers are matched literally where the
 *       reference inserts them into regexes unescaped (identical for text without regex metacharacters; the
 *       reference crashes on "C++").
 *   <li>{@code keywords:letter_frequency} with a letter outside a–z (keys 1122 "#" and 1129 "!") counts that character;
 *       the reference scores a random ASCII letter.
 *   <li>Kwargs for which the reference picks a random value (missing, negative counts, nth paragraph out of range),
 *       ill-typed kwargs and unknown ids are rejected with {@link ai.raif.rewards.InvalidConstraintException}.
 *   <li>{@code json_format} answers false for nesting deeper than 1000 levels, where Python raises RecursionError.
 *   <li>Unicode tables are Java 17's (Unicode 13) where Python 3.11 has Unicode 14: code points assigned in 14.0 may
 *       differ in case, whitespace and word-character tests.
 * </ul>
 */
package ai.raif.rewards.ifeval;
