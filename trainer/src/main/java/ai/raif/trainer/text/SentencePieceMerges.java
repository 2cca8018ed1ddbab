package ai.raif.trainer.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * BPE merges recovered from a SentencePiece vocabulary with scores, for GGUF files that store no merges: every way of
 * cutting a token into two tokens of the vocabulary is a merge, ranked by the score of the token it makes. This is
 * transformers' {@code generate_merges}, which the GGUF loader there uses; ties keep vocabulary order.
 */
final class SentencePieceMerges {

    private record Candidate(String left, String right, double score, int leftLength, int rightLength) {}

    private SentencePieceMerges() {}

    /** {@code ids}: token to id; {@code scores}: each token's score, iterated in vocabulary order. */
    static List<String[]> derive(Map<String, Integer> ids, Map<String, Double> scores) {
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, Double> scored : scores.entrySet()) {
            String token = scored.getKey();
            List<Candidate> local = new ArrayList<>();
            int codePoints = token.codePointCount(0, token.length());
            for (int cut = 1; cut < codePoints; cut++) {
                int offset = token.offsetByCodePoints(0, cut);
                String left = token.substring(0, offset);
                String right = token.substring(offset);
                if (ids.containsKey(left) && ids.containsKey(right)) {
                    local.add(new Candidate(left, right, scored.getValue(), cut, codePoints - cut));
                }
            }
            local.sort(Comparator.comparingInt((Candidate c) -> ids.get(c.left())).thenComparingInt(c -> ids.get(c.right())));
            candidates.addAll(local);
        }
        // best score first; List.sort is stable, like Python's sorted(..., reverse=True)
        candidates.sort(Comparator.comparingDouble(Candidate::score)
                .thenComparingInt(Candidate::leftLength)
                .thenComparingInt(Candidate::rightLength)
                .reversed());
        return candidates.stream().map(c -> new String[] {c.left(), c.right()}).toList();
    }
}
