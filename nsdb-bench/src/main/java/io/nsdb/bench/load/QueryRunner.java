package io.nsdb.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs queries over {@code POST /query} on one keep-alive connection: timed from sending the
 * request to the last byte of the answer (parsing not included), each answer reduced to (rows, sum
 * of the {@code value} column) as the peer harness reduces it.
 */
final class QueryRunner implements AutoCloseable {

  /** One run: its wall time and its reduced answer. */
  record Run(double millis, ExpectedAnswers.Answer answer, int bytes) {}

  /** A query measured: its timed runs and the last answer checked against the expected one. */
  record Measured(
      String id,
      String sql,
      List<Double> millis,
      LatencySummary latency,
      ExpectedAnswers.Answer answer,
      ExpectedAnswers.Answer expected,
      int responseBytes) {

    boolean ok() {
      return answer.matches(expected);
    }
  }

  /** When the count query first saw every point; times in seconds from the ingest's start. */
  record Visibility(double sentSeconds, double answeredSeconds, long count, int polls) {}

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final URI query;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  QueryRunner(URI base) {
    this.query = base.resolve("/query");
  }

  Run run(String sql) throws IOException, InterruptedException {
    ObjectNode body = json.createObjectNode();
    body.put("db", "bench").put("namespace", "bench").put("metric", "cpu").put("queryString", sql);
    HttpRequest request =
        HttpRequest.newBuilder(query)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
            .build();
    long sent = System.nanoTime();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    double millis = (System.nanoTime() - sent) / 1e6;
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "query failed [status="
              + response.statusCode()
              + ", sql="
              + sql
              + "]: "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    return new Run(millis, reduce(json.readTree(response.body())), response.body().length);
  }

  /** {@code warmup} untimed runs, then {@code runs} timed ones. */
  Measured measure(String id, String sql, int warmup, int runs, ExpectedAnswers.Answer expected)
      throws IOException, InterruptedException {
    for (int i = 0; i < warmup; i++) {
      run(sql);
    }
    List<Double> millis = new ArrayList<>();
    Run last = null;
    for (int i = 0; i < runs; i++) {
      last = run(sql);
      millis.add(last.millis());
    }
    return new Measured(
        id, sql, millis, LatencySummary.ofMillis(millis), last.answer(), expected, last.bytes());
  }

  /**
   * Polls the count query until it returns {@code expected} (or more, or the timeout passes), as
   * the peer harness does after the last acknowledgement; a failing poll counts as not yet.
   */
  Visibility awaitCount(String countSql, long expected, long startNanos, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int polls = 0;
    while (true) {
      long sent = System.nanoTime();
      long count = -1;
      try {
        count = Math.round(run(countSql).answer().sum());
      } catch (IOException notYet) {
        // e.g. the metric not known yet: poll again.
      }
      polls++;
      long answered = System.nanoTime();
      if (count >= expected || answered > deadline) {
        return new Visibility(
            (sent - startNanos) / 1e9, (answered - startNanos) / 1e9, count, polls);
      }
      Thread.sleep(50);
    }
  }

  /** Rows of {@code records} with a non-null {@code value}, and the sum of those values. */
  static ExpectedAnswers.Answer reduce(JsonNode answer) throws IOException {
    JsonNode records = answer.get("records");
    if (records == null || !records.isArray()) {
      throw new IOException("no records in the answer: " + abbreviate(answer.toString()));
    }
    long rows = 0;
    double sum = 0;
    for (JsonNode record : records) {
      JsonNode value = record.get("value");
      if (value != null && value.isNumber()) {
        rows++;
        sum += value.asDouble();
      }
    }
    return new ExpectedAnswers.Answer(rows, sum);
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  @Override
  public void close() {
    client.close();
  }
}
