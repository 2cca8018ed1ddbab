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
    ModelKey v0 = ModelKey.policy("run", "default", 0);
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

    ModelLease v1 = cache.acquire(ModelKey.policy("run", "default", 1));
    assertEquals(2, cache.loads());
    assertTrue(first.manager().isOpen(), "tasks still hold version 0");
    for (Future<ModelLease> f : leases) f.get().close();
    assertFalse(first.manager().isOpen(), "version 0 is closed when its last lease ends");

    IllegalStateException stale = assertThrows(IllegalStateException.class, () -> cache.acquire(v0));
    assertTrue(stale.getMessage().contains("already serves version 1"), stale.getMessage());
    try (ModelLease again = cache.acquire(ModelKey.policy("run", "default", 1))) {
      assertSame(v1.model(), again.model());
    }
    IllegalStateException moved = assertThrows(IllegalStateException.class,
        () -> cache.acquire(ModelKey.policy("run", "/elsewhere", 1)));
    assertTrue(moved.getMessage().contains("serves that version from default"), moved.getMessage());
    // a judge on the same file fills its own slot; another run's policy retires this run's once its leases end
    try (ModelLease judge = cache.acquire(ModelKey.fixed("default"))) {
      assertEquals(3, cache.loads());
      assertTrue(judge.model() != v1.model());
    }
    LanguageModel second = v1.model();
    try (ModelLease other = cache.acquire(ModelKey.policy("other-run", "default", 0))) {
      assertEquals(4, cache.loads());
      assertTrue(second.manager().isOpen(), "still leased");
      v1.close();
      assertFalse(second.manager().isOpen(), "the other run's policy took the slot");
      other.model().close();
    }
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
