package io.nsdb.ws.lineprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FastDecimal must equal Double.parseDouble bit for bit on every float the grammar accepts. */
class FastDecimalTest {

  private static double fast(String text) {
    byte[] bytes = ("<" + text + ">").getBytes(StandardCharsets.US_ASCII);
    return FastDecimal.parse(bytes, 1, bytes.length - 1);
  }

  private static void assertSameAsJdk(String text) {
    double expected = Double.parseDouble(text);
    double actual = fast(text);
    assertEquals(
        Double.doubleToRawLongBits(expected),
        Double.doubleToRawLongBits(actual),
        () -> text + ": expected " + expected + " but was " + actual);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "0.1",
        "0.2",
        "0.3",
        "1",
        "1.5",
        "57.31",
        "1e-5",
        "1E5",
        "1e+5",
        "-2e3",
        "0.000001",
        "123456789012345.67",
        "12345678901234567",
        "9007199254740992",
        "9007199254740993",
        "9007199254740991.5",
        "0.12345678901234567890",
        "1.0000000000000000000000",
        "00042.500",
        "0000000000000000000000000000001.25",
        "-0",
        "-0.0",
        "0.0",
        ".5",
        "5.",
        "-.5",
        "3.141592653589793",
        "2.718281828459045",
        "1.7976931348623157e308",
        "4.9e-324",
        "2.2250738585072014E-308",
        "999999999999999.9",
        "0.9999999999999999",
        "100000000000000000000",
        "1234567.000000000000000000001",
        "0.0000000000000000000001",
        "0.00000000000000000000001"
      })
  void edgeCasesEqualTheJdk(String text) {
    assertSameAsJdk(text);
  }

  @Test
  void negativeZeroKeepsItsSign() {
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(fast("-0.0")));
  }

  @Test
  void randomDecimalsEqualTheJdk() {
    long seed = Long.getLong("tests.seed", new Random().nextLong());
    Random random = new Random(seed);
    for (int i = 0; i < 200_000; i++) {
      String text = randomDecimal(random);
      double expected = Double.parseDouble(text);
      double actual = fast(text);
      if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
        throw new AssertionError(
            "decimal differs [text="
                + text
                + ", expected="
                + expected
                + ", actual="
                + actual
                + ", seed="
                + seed
                + "]");
      }
    }
  }

  private static String randomDecimal(Random random) {
    StringBuilder text = new StringBuilder();
    if (random.nextBoolean()) {
      text.append('-');
    }
    int integerDigits = random.nextInt(18);
    for (int i = 0; i < integerDigits; i++) {
      text.append((char) ('0' + random.nextInt(10)));
    }
    int fractionDigits =
        random.nextInt(integerDigits == 0 ? 24 : 20) + (integerDigits == 0 ? 1 : 0);
    if (fractionDigits > 0 || random.nextBoolean()) {
      text.append('.');
    }
    for (int i = 0; i < fractionDigits; i++) {
      text.append((char) ('0' + random.nextInt(10)));
    }
    if (random.nextInt(10) == 0) {
      text.append('e').append(random.nextInt(40) - 20);
    }
    return text.toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-",
        ".",
        "-.",
        "1e",
        "1e+",
        "e5",
        "1.2.3",
        "1,5",
        "+1",
        "0x1p3",
        "1f",
        "1d",
        "NaN",
        "Infinity",
        " 1",
        "1 "
      })
  void textOutsideTheGrammarIsInvalid(String text) {
    assertTrue(Double.isNaN(fast(text)), text);
  }
}
