/**
 * AllenAI IFBench (arXiv 2507.02833): its 58 out-of-distribution instruction checkers next to IFEval's 25
 * ({@link ai.raif.rewards.ifbench.IfbenchChecker}), and its {@code run_eval}
 * ({@link ai.raif.rewards.ifbench.IfbenchEvaluation}) through the shared IFEval loop, whose result files are
 * byte-identical to the reference's.
 *
 * <p>Reference: IFBench at commit db69a6f (instructions.py, instructions_util.py, evaluation_lib.py) on Python 3.11
 * with NLTK 3.10.3 (punkt_tab English), the standard 179-word English stopwords list, syllapy 0.7.2 and emoji 2.16.0;
 * bin/fetch-rewards-data packs that data into the jar. All 337 verdicts of the golden run on the repository's
 * sample_output.jsonl match, strict and loose (IfbenchParityTest); so do the 53,694 verdicts of every supported id on
 * every sample response and on 177 rewritten ones (CrossVerdictsTest) and 160 of 161 hand-written edge cases
 * (ReferenceCasesTest), all scored by the reference itself (tools/golden/ifbench_golden.py). Deliberate differences:
 * <ul>
 *   <li>{@code words:start_verb} is unsupported: binding it throws {@link ai.raif.rewards.InvalidConstraintException}.
 *       It needs NLTK's averaged_perceptron_tagger_eng model, which no package registry carries; the golden run
 *       leaves out its 6 rows (keys 257-262) for the same reason.
 *   <li>Kwargs for which the reference draws a random value (missing or negative counts, n or m of 0 in
 *       {@code words:keywords_specific_position}) or crashes (N = 0 in {@code count:words_japanese}) are rejected.
 *   <li>Where the reference raises inside a check, so that its run stops (csv.Error on a "\r" inside an unquoted CSV
 *       field, an IndexError on an empty field in {@code custom:csv_quotes}), the check here answers false.
 *   <li>{@code \w+} words ({@code count:word_count_range}, {@code ratio:stop_words}) use Python's stdlib {@code re}
 *       classes, as the IFEval package does and as NLTK 3.9.2, which IFBench's uv.lock pins, did. NLTK 3.10 uses the
 *       {@code regex} module, which differs on combining marks (Indic scripts, a decomposed "ï"). The golden files
 *       are the same under both (shared README, "Determinism"); one edge case shows the difference.
 *   <li>Unicode tables are Java 17's (Unicode 13) where Python 3.11 has Unicode 14.
 * </ul>
 */
package ai.raif.rewards.ifbench;
