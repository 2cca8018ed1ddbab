package ai.raif.jobs.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlflowBatchesTest {
  static List<MetricPoint> metrics(int n) {
    List<MetricPoint> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(new MetricPoint("m" + i, i, 1000L + i, i));
    return out;
  }

  static Map<String, String> entries(String prefix, int n) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) out.put(prefix + i, "v" + i);
    return out;
  }

  @Test
  void requestsStayWithinMlflowsLimitsAndKeepTheOrder() {
    // 2345 metrics, 150 params, 30 tags: request 1 takes 100 params + 30 tags + 870 metrics (1000 entities),
    // request 2 the other 50 params + 950 metrics, request 3 the last 2345 - 870 - 950 = 525 metrics
    List<MlflowBatches.Batch> b = MlflowBatches.of(metrics(2345), entries("p", 150), entries("t", 30));
    assertEquals(3, b.size());
    assertEquals(List.of(870, 950, 525), b.stream().map(x -> x.metrics().size()).toList());
    assertEquals(List.of(100, 50, 0), b.stream().map(x -> x.params().size()).toList());
    assertEquals(List.of(30, 0, 0), b.stream().map(x -> x.tags().size()).toList());
    assertEquals(List.of(1000, 1000, 525), b.stream().map(MlflowBatches.Batch::size).toList());
    assertEquals("m870", b.get(1).metrics().get(0).key());
    assertEquals("m2344", b.get(2).metrics().get(524).key());
    assertEquals("p100", b.get(1).params().get(0).getKey());
  }

  @Test
  void manyMetricsAloneFillRequestsOfAThousand() {
    assertEquals(List.of(1000, 1000, 1), MlflowBatches.of(metrics(2001), Map.of(), Map.of()).stream()
        .map(x -> x.metrics().size()).toList());
    assertEquals(List.of(100, 100, 5), MlflowBatches.of(List.of(), Map.of(), entries("t", 205)).stream()
        .map(x -> x.tags().size()).toList());
    assertTrue(MlflowBatches.of(List.of(), Map.of(), Map.of()).isEmpty());
  }

  @Test
  void keysAndValuesAreMadeAcceptable() {
    assertEquals("heldout.chat.prompt_level_strict", MlflowBatches.key("heldout.chat.prompt_level_strict"));
    assertEquals("eval.a_b_c/d e-f", MlflowBatches.key("eval.a:b*c/d e-f"));
    assertEquals(250, MlflowBatches.key("k".repeat(300)).length());
    String cut = MlflowBatches.value("x".repeat(6001), 6000);
    assertEquals(6000, cut.length());
    assertTrue(cut.endsWith("…[cut]") && cut.startsWith("x".repeat(5994)));
    assertEquals("short", MlflowBatches.value("short", 6000));
  }
}
