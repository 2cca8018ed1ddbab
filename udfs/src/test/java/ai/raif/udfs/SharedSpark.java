package ai.raif.udfs;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Delta-enabled local[2] SparkSession per test JVM, stopped when the JUnit engine finishes. Test classes use
 * {@code @ExtendWith(SharedSpark.class)} and take a {@link SparkSession} parameter.
 */
public final class SharedSpark implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedSpark.class);

  private record Holder(SparkSession spark) implements ExtensionContext.Store.CloseableResource {
    @Override public void close() { spark.stop(); }
  }

  static SparkSession session(ExtensionContext ctx) {
    return ctx.getRoot().getStore(NS)
        .getOrComputeIfAbsent("spark", k -> new Holder(SparkSessions.local(SparkSessions.localMaster("local[2]", 4), "raif-test")), Holder.class)
        .spark();
  }

  @Override public void beforeAll(ExtensionContext ctx) { session(ctx); }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) { return session(e); }
}
