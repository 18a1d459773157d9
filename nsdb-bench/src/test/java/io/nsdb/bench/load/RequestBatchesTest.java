package io.nsdb.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestBatchesTest {

  private static final Series HOST_42 = new Series("host_0042", "region_2", "dc_2_1");

  @Test
  void lineProtocolAsTheGeneratorWritesIt() {
    LineProtocolBatches batches = new LineProtocolBatches(2);
    batches.point(HOST_42, 1704067200000L, 5327);
    batches.point(HOST_42, 1704067200001L, 5);
    batches.point(HOST_42, 1704067200002L, 10_000);
    batches.finish();
    List<String> bodies =
        batches.bodies().stream().map(b -> new String(b, StandardCharsets.US_ASCII)).toList();
    assertEquals(
        List.of(
            "cpu,host=host_0042,region=region_2,datacenter=dc_2_1 value=53.27 1704067200000\n"
                + "cpu,host=host_0042,region=region_2,datacenter=dc_2_1 value=0.05 1704067200001\n",
            "cpu,host=host_0042,region=region_2,datacenter=dc_2_1 value=100.00 1704067200002\n"),
        bodies);
    assertEquals(3, batches.points());
  }

  @Test
  void dataJsonCarriesTheSamePoints() throws Exception {
    DataJsonBatches batches = new DataJsonBatches(10);
    batches.point(HOST_42, 1704067200000L, 5327);
    batches.point(HOST_42, 1704067200001L, 7);
    batches.finish();
    assertEquals(1, batches.bodies().size());
    JsonNode body = new ObjectMapper().readTree(batches.bodies().get(0));
    assertEquals("cpu", body.get("metric").asText());
    assertEquals("bench", body.get("db").asText());
    assertEquals("bench", body.get("namespace").asText());
    JsonNode first = body.get("bits").get(0);
    assertEquals(1704067200000L, first.get("timestamp").asLong());
    assertEquals("53.27", first.get("value").asText());
    assertEquals(0, first.get("dimensions").size());
    assertEquals(
        Map.of("host", "host_0042", "region", "region_2", "datacenter", "dc_2_1"),
        new ObjectMapper().convertValue(first.get("tags"), Map.class));
    assertEquals("0.07", body.get("bits").get(1).get("value").asText());
  }

  @Test
  void aFileReadBackGivesTheSameBytes(@TempDir Path dir) throws Exception {
    DatasetSpec spec = DatasetSpec.of(30 * 72, 30, 3);
    LineProtocolBatches generated = new LineProtocolBatches(500);
    DatasetGenerator.generate(spec, generated);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (byte[] body : generated.bodies()) {
      file.write(body);
    }
    Path lp = dir.resolve("cpu.lp");
    Files.write(lp, file.toByteArray());

    LineProtocolBatches read = new LineProtocolBatches(500);
    Files.writeString(
        Path.of(lp + ".meta.json"),
        """
        {"points": 2160, "hosts": 30,
         "params": {"probe_host": "host_0007", "probe_region": "region_3",
           "start_ms": 1704067200000, "end_ms": 1704326400000, "last12_from_ms": 1704283200000,
           "w0_ms": 1704198600000, "w1_ms": 1704202200000},
         "expected": {"q1": {"rows": 1, "sum": 2160.0}}}
        """);
    ReferenceFile reference = ReferenceFile.open(lp);
    reference.read(read);
    assertEquals(spec.params(), reference.params());
    assertEquals(new ExpectedAnswers.Answer(1, 2160), reference.expected().get("q1"));
    assertEquals(generated.bodies().size(), read.bodies().size());
    for (int i = 0; i < read.bodies().size(); i++) {
      assertEquals(
          new String(generated.bodies().get(i), StandardCharsets.US_ASCII),
          new String(read.bodies().get(i), StandardCharsets.US_ASCII));
    }
  }
}
