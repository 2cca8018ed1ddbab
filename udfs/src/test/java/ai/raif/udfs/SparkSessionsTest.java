package ai.raif.udfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.util.Utils;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.collection.JavaConverters;

class SparkSessionsTest {
  private static final String REDACTED = "*********(redacted)";

  @Test
  void apiKeyVariablesAreRedactedBySparkWhateverTheirNames() {
    SparkConf conf = new SparkConf(false).set("spark.redaction.regex",
        SparkSessions.redactionRegex(SparkSessions.DEFAULT_REDACTION, java.util.Arrays.asList("JUDGE_CREDENTIAL",
            null)));
    Map<String, String> in = new LinkedHashMap<>();
    in.put("spark.executorEnv.JUDGE_CREDENTIAL", "sk-one");  // named by the config: redacted though no word says so
    in.put("spark.executorEnv.OPENAI_API_KEY", "sk-two");    // an API key by its usual name
    in.put("spark.hadoop.fs.s3a.secret.key", "s3-secret");   // Spark's own default still applies
    in.put("spark.hadoop.fs.s3.awsAccessKeyId", "AKIA");
    in.put("spark.executorEnv.RAIF_CACHE", "/tmp/raif");
    in.put("spark.app.name", "raif");
    List<Tuple2<String, String>> kvs = in.entrySet().stream().map(e -> new Tuple2<>(e.getKey(), e.getValue())).toList();
    Map<String, String> out = new LinkedHashMap<>();
    for (Tuple2<String, String> kv : JavaConverters.seqAsJavaList(
        Utils.redact(conf, JavaConverters.asScalaBuffer(kvs).toSeq()))) {
      out.put(kv._1(), kv._2());
    }
    assertEquals(REDACTED, out.get("spark.executorEnv.JUDGE_CREDENTIAL"));
    assertEquals(REDACTED, out.get("spark.executorEnv.OPENAI_API_KEY"));
    assertEquals(REDACTED, out.get("spark.hadoop.fs.s3a.secret.key"));
    assertEquals(REDACTED, out.get("spark.hadoop.fs.s3.awsAccessKeyId"));
    assertEquals("/tmp/raif", out.get("spark.executorEnv.RAIF_CACHE"));
    assertEquals("raif", out.get("spark.app.name"));
    // a user's own regex is kept and extended
    assertEquals("(?i)mine|(?i:api[._-]?key)|\\QX.Y\\E", SparkSessions.redactionRegex("(?i)mine", List.of("X.Y")));
  }
}
