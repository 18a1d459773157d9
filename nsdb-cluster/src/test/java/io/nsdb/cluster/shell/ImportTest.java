package io.nsdb.cluster.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code \import} of line protocol and CSV into a real server, in batches: every good line is
 * written, every refused one reported once with its line number in the file, and the exit status of
 * a script says whether any was refused.
 */
class ImportTest {

  @TempDir Path tmp;

  private final String db = ShellTestServer.freshDb();

  private ScriptRun importing(String command) {
    return ScriptRun.of(db, "hosts", "", "-e", command);
  }

  @Test
  void lineProtocolGoesInBatchesAndMalformedLinesAreReportedWithTheirFileLine() throws IOException {
    Path file =
        write(
            "points.lp",
            """
            # a comment
            cpu,host=a value=1 1000
            cpu,host=b value=abc 2000

            cpu,host=c value=3 3000
            cpu,host=d value=4 4000
            cpu host=e
            cpu,host=f value=6 6000
            """);

    ScriptRun run = importing("\\import --precision ms --batch 2 " + file);

    assertEquals(1, run.exit());
    assertEquals(
        "imported 4 points from points.lp in %s s, 2 lines rejected\n",
        run.out().replaceFirst("in [0-9.]+ s", "in %s s"));
    assertTrue(run.err().contains("[####################] 100%  4 points"), run.err());
    assertTrue(
        run.err()
            .contains(
                """
                  line 3: invalid field value [line=3, field=value, value=abc]
                  line 7: invalid field value [line=7, field=host, value=e]
                error IMPORT_REJECTED: 2 of 6 lines were rejected, the others were written \
                [file=%s]
                """
                    .formatted(file)),
        run.err());
    assertEquals("[1000, 3000, 4000, 6000]", timestamps("select * from cpu").toString());
  }

  @Test
  void csvWithTagsDimensionsAndIsoTimestamps() throws IOException {
    Path file =
        write(
            "points.csv",
            """
            metric,timestamp,value,tag:host,cores,dim:label
            cpu,2024-01-01T00:00:00Z,0.5,web1,8,"8"
            cpu,1704067260000,1.5,web2,,"a, b"
            mem,1704067200000,12,web1,,
            """);

    ScriptRun run = importing("\\import " + file);

    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("imported 3 points from points.csv"), run.out());
    JsonNode cpu = ShellTestServer.get().query(db, "hosts", "select * from cpu");
    assertEquals(
        "{\"timestamp\":1704067200000,\"value\":0.5,\"dimensions\":{\"cores\":8,\"label\":\"8\"},"
            + "\"tags\":{\"host\":\"web1\"}}",
        cpu.get(0).toString());
    assertEquals("a, b", cpu.get(1).path("dimensions").path("label").asText());
    assertEquals(
        12,
        ShellTestServer.get()
            .query(db, "hosts", "select * from mem")
            .get(0)
            .path("value")
            .asLong());
  }

  @Test
  void csvRowsTheReaderOrTheServerRefuseAreIsolatedAndReported() throws IOException {
    Path file =
        write(
            "bad.csv",
            """
            timestamp,value,host
            1000,1,web1
            2000,x,web2
            3000,3
            4000,4,web4
            5000,5,7
            6000,6,web6
            """);

    ScriptRun run = importing("\\import --metric cpu --batch 10 " + file);

    assertEquals(1, run.exit());
    assertTrue(run.out().startsWith("imported 3 points from bad.csv"), run.out());
    assertTrue(
        run.err()
            .contains(
                """
                  line 3: value is not a number [value=x]
                  line 4: expected 3 cells, found 2
                  line 6: bit does not match the metric's schema [metric=%s.hosts.cpu, \
                column=host, stored=VARCHAR, offered=BIGINT]
                """
                    .formatted(db)),
        run.err());
    assertEquals("[1000, 4000, 6000]", timestamps("select * from cpu").toString());
  }

  @Test
  void aCsvWithoutTheRequiredColumnsIsRefusedBeforeAnythingIsSent() throws IOException {
    Path file = write("nometric.csv", "timestamp,value\n1000,1\n");

    ScriptRun run = importing("\\import " + file);

    assertEquals(1, run.exit());
    assertTrue(
        run.err()
            .startsWith(
                "error INVALID_COMMAND: the CSV header cannot be read: the header has no metric"
                    + " column; add one or name the metric with --metric"),
        run.err());
  }

  @Test
  void aMissingFileOrABadOptionIsAnError() {
    ScriptRun missing = importing("\\import " + tmp.resolve("none.lp"));
    ScriptRun bad = importing("\\import --batch 0 x.lp");

    assertEquals(1, missing.exit());
    assertTrue(missing.err().startsWith("error INVALID_COMMAND: cannot read the file"));
    assertTrue(bad.err().startsWith("error INVALID_COMMAND: --batch is at least 1"), bad.err());
  }

  private java.util.List<Long> timestamps(String sql) {
    java.util.List<Long> timestamps = new java.util.ArrayList<>();
    ShellTestServer.get()
        .query(db, "hosts", sql)
        .forEach(row -> timestamps.add(row.path("timestamp").asLong()));
    return timestamps;
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }
}
