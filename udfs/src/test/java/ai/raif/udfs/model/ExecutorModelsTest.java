package ai.raif.udfs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.raif.trainer.LanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class ExecutorModelsTest {
  @Test
  void concurrentTasksShareOneLoadAndANewerVersionReplacesTheOldOnceItsLeasesEnd() throws Exception {
    ExecutorModels cache = new ExecutorModels(LanguageModel::load);
    ModelKey v0 = new ModelKey("default", 0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ModelLease>> leases = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      leases.add(pool.submit(() -> {
        start.await();
        return cache.acquire(v0);
      }));
    }
    start.countDown();
    LanguageModel first = leases.get(0).get().model();
    for (Future<ModelLease> f : leases) assertSame(first, f.get().model());
    pool.shutdown();
    assertEquals(1, cache.loads());

    ModelLease v1 = cache.acquire(new ModelKey("default", 1));
    assertEquals(2, cache.loads());
    assertTrue(first.manager().isOpen(), "tasks still hold version 0");
    for (Future<ModelLease> f : leases) f.get().close();
    assertFalse(first.manager().isOpen(), "version 0 is closed when its last lease ends");

    IllegalStateException stale = assertThrows(IllegalStateException.class, () -> cache.acquire(v0));
    assertTrue(stale.getMessage().contains("already serves version 1"), stale.getMessage());
    try (ModelLease again = cache.acquire(new ModelKey("default", 1))) {
      assertSame(v1.model(), again.model());
    }
    LanguageModel second = v1.model();
    v1.close();
    assertEquals(2, cache.loads());
    second.close();
  }

  @Test
  void torchThreadsAreExecutorCoresDividedByTaskSlots() {
    assertEquals(1, TorchThreads.perTask(new SparkConf().set("spark.master", "local[2]"), 8));
    assertEquals(1, TorchThreads.perTask(new SparkConf().set("spark.master", "local[*]"), 8));
    assertEquals(2, TorchThreads.perTask(new SparkConf().set("spark.executor.cores", "8").set("spark.task.cpus", "2"), 8));
    assertEquals(4, TorchThreads.perTask(new SparkConf().set("spark.executor.cores", "4").set("spark.task.cpus", "4"), 8));
    assertEquals(3, TorchThreads.localCores("local[3,4]", 8));
    assertEquals(8, TorchThreads.localCores("yarn", 8));
  }
}
