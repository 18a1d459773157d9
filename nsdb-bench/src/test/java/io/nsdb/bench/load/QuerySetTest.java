package io.nsdb.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuerySetTest {

  @Test
  void theSixQueriesWithTheirParametersFilled() {
    Map<String, String> queries = QuerySet.load(DatasetSpec.of(1000 * 72, 1000, 42).params());
    assertEquals(List.of("q1", "q2", "q3", "q4", "q5", "q6"), List.copyOf(queries.keySet()));
    assertEquals("SELECT avg(value) FROM cpu WHERE host = 'host_0492'", queries.get("q2"));
    assertEquals(
        "SELECT * FROM cpu WHERE host = 'host_0492' AND timestamp >= 1704198600000 AND timestamp"
            + " < 1704202200000 ORDER BY timestamp",
        queries.get("q6"));
  }

  @Test
  void anUnknownPlaceholderFails() {
    assertThrows(IllegalArgumentException.class, () -> QuerySet.fill("{nope}", Map.of()));
  }

  @Test
  void anAnswerIsReducedToRowsAndTheSumOfItsValues() throws Exception {
    var answer =
        new ObjectMapper()
            .readTree(
                """
                {"records": [{"timestamp": 1, "value": 1.5, "dimensions": {}, "tags": {}},
                             {"timestamp": 2, "value": null, "dimensions": {}, "tags": {}},
                             {"timestamp": 3, "value": 2, "dimensions": {}, "tags": {}}]}
                """);
    assertEquals(new ExpectedAnswers.Answer(2, 3.5), QueryRunner.reduce(answer));
  }
}
