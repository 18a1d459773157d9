package io.nsdb.cluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server's options: each maps to its configuration key; mistakes are usage errors. */
class CommandLineTest {

  @Test
  void optionsMapToTheirConfigurationKeys() {
    CommandLine line =
        CommandLine.parse(
            "--bind", "127.0.0.1", "--http-port", "9100", "--data-dir", "/var/lib/nsdb");

    assertEquals(
        Map.of(
            "nsdb.http.interface", "127.0.0.1",
            "nsdb.http.port", "9100",
            "nsdb.storage.data-dir", "/var/lib/nsdb"),
        line.overrides());
    assertEquals(Optional.empty(), line.configFile());
    assertFalse(line.help());
    assertFalse(line.version());
  }

  @Test
  void optionEqualsValueFormIsTheSame() {
    CommandLine line =
        CommandLine.parse("--bind=0.0.0.0", "--http-port=9200", "--config=conf/other.conf");

    assertEquals(
        Map.of("nsdb.http.interface", "0.0.0.0", "nsdb.http.port", "9200"), line.overrides());
    assertEquals(Optional.of(Path.of("conf/other.conf")), line.configFile());
  }

  @Test
  void valueMayItselfContainEquals() {
    assertEquals(
        "/data/a=b",
        CommandLine.parse("--data-dir=/data/a=b").overrides().get("nsdb.storage.data-dir"));
  }

  @Test
  void helpAndVersionAreFlags() {
    assertTrue(CommandLine.parse("--help").help());
    assertTrue(CommandLine.parse("-h").help());
    assertTrue(CommandLine.parse("--version").version());
    assertTrue(CommandLine.parse().overrides().isEmpty());
  }

  @Test
  void unknownOptionIsAUsageErrorNamingIt() {
    var error =
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("--port", "9000"));

    assertEquals("unknown option '--port'", error.getMessage());
  }

  @Test
  void strayArgumentIsAUsageError() {
    var error =
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("start", "--help"));

    assertEquals("unknown option 'start'", error.getMessage());
  }

  @Test
  void missingValueIsAUsageErrorNamingTheOption() {
    var error =
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("--http-port"));

    assertEquals("option --http-port needs a value", error.getMessage());
  }

  @Test
  void nextOptionIsNotTakenAsAMissingValue() {
    var error =
        assertThrows(
            CommandLine.UsageException.class,
            () -> CommandLine.parse("--bind", "--http-port", "9000"));

    assertEquals("option --bind needs a value", error.getMessage());
  }

  @Test
  void usageListsEveryOption() {
    for (String option :
        new String[] {"--bind", "--http-port", "--data-dir", "--config", "--version", "--help"}) {
      assertTrue(CommandLine.USAGE.contains(option), option);
    }
  }
}
