package ai.raif.trainer.weights;

import java.util.List;
import java.util.Objects;

/**
 * A GGUF metadata array to write: its element type and elements (Java types as for {@link GgufWriter#put}; for
 * nested arrays the elements are GgufArrays themselves).
 */
public record GgufArray(GgufValueType elementType, List<?> values) {
    public GgufArray {
        Objects.requireNonNull(elementType, "elementType");
        values = List.copyOf(values);
    }
}
