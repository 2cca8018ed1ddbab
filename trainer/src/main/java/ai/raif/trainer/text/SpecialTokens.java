package ai.raif.trainer.text;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The ids a model gives special meaning to. {@code stopIds} are the ids that end generation: the eos id followed by
 * any others a {@code generation_config.json} lists (chat models often stop on an end-of-turn token too).
 */
record SpecialTokens(OptionalInt bos, OptionalInt eos, OptionalInt pad, OptionalInt unk, List<Integer> stopIds) {

    SpecialTokens {
        stopIds = List.copyOf(stopIds);
    }

    /** The eos id first, then {@code extraStopIds} in order, without repeats. */
    static SpecialTokens of(OptionalInt bos, OptionalInt eos, OptionalInt pad, OptionalInt unk, List<Integer> extraStopIds) {
        Set<Integer> stops = new LinkedHashSet<>();
        eos.ifPresent(stops::add);
        stops.addAll(extraStopIds);
        return new SpecialTokens(bos, eos, pad, unk, List.copyOf(stops));
    }
}
