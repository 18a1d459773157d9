package io.nsdb.core.commitlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short run of {@link GroupCommitBench} on the real disk; it prints, and asserts no timing. */
class GroupCommitTest {

  @Test
  void concurrentWritersShareFsyncs(@TempDir Path dir) throws Exception {
    GroupCommitBench.Result result = GroupCommitBench.run(dir.resolve("log"), 8, 25, 1000);
    System.out.println("group commit (rough, this machine): " + result);
    assertEquals(200, result.batches());
    // At most one fsync per batch, plus a roll's three if the log rolled: never one per writer
    // per batch and more.
    assertTrue(result.fsyncs() <= result.batches() + 3, result.toString());
  }
}
