package io.nsdb.cluster.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * {@code \import FILE}: streams a line-protocol or CSV file to the server in batches ({@code POST
 * /write}, or {@code POST /data} per metric for CSV), with a progress line, then reports the lines
 * the server or the CSV reader refused. The server takes a batch all or nothing: a refused batch is
 * resent without the lines it names, or, when it names none (a schema conflict), split in halves
 * until the refused lines are alone, so every good line is written and every bad one reported once.
 * Ctrl-C stops after the batch in flight, whose answer is always read.
 */
final class Importer {

  /** Lines listed in the final report; the rest are counted. */
  static final int REPORTED_REJECTS = 20;

  private static final long SCRIPT_PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long TERMINAL_PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** A line of the file to send: its number, its text, and for CSV the point read from it. */
  private record Item(int line, String text, CsvBits.Point point) {}

  /** A refused line and why. */
  record Reject(int line, String reason) {}

  private final ServerClient client;
  private final Session session;
  private final ShellOutput output;
  private final CancelSignal cancel;
  private final LongSupplier nanoTime;

  private final List<Reject> rejects = new ArrayList<>();
  private long points;

  Importer(
      ServerClient client,
      Session session,
      ShellOutput output,
      CancelSignal cancel,
      LongSupplier nanoTime) {
    this.client = client.uncancellable();
    this.session = session;
    this.output = output;
    this.cancel = cancel;
    this.nanoTime = nanoTime;
  }

  /** Imports the file; throws {@code IMPORT_REJECTED} after the report when lines were refused. */
  void run(ImportOptions options) {
    long size;
    try {
      size = Files.size(options.file());
    } catch (IOException e) {
      throw new ShellError(
          ShellError.INVALID_COMMAND, "cannot read the file [file=" + options.file() + "]");
    }
    ProgressBar bar = new ProgressBar(size, nanoTime);
    Progress progress = new Progress(bar);
    AtomicBoolean stop = new AtomicBoolean();
    long lines = 0;
    CancelSignal.Registration registration = cancel.onCancel(() -> stop.set(true));
    try (BufferedReader reader = Files.newBufferedReader(options.file(), StandardCharsets.UTF_8)) {
      CsvBits csv = null;
      List<Item> batch = new ArrayList<>();
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        progress.bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
        if (line.isBlank() || (!options.csv() && line.stripLeading().startsWith("#"))) {
          continue;
        }
        if (options.csv() && csv == null) {
          try {
            csv = CsvBits.header(line, options.metric());
          } catch (IllegalArgumentException e) {
            throw new ShellError(
                ShellError.INVALID_COMMAND,
                "the CSV header cannot be read: "
                    + e.getMessage()
                    + " [file="
                    + options.file()
                    + ", line="
                    + number
                    + "]");
          }
          continue;
        }
        lines++;
        if (options.csv()) {
          try {
            batch.add(new Item(number, line, csv.point(line)));
          } catch (IllegalArgumentException e) {
            rejects.add(new Reject(number, e.getMessage()));
          }
        } else {
          batch.add(new Item(number, line, null));
        }
        if (batch.size() >= options.batchSize()) {
          send(batch, options);
          batch.clear();
          progress.show(false);
          if (stop.get()) {
            break;
          }
        }
      }
      if (!stop.get() && !batch.isEmpty()) {
        send(batch, options);
      }
    } catch (IOException e) {
      throw new ShellError(
          ShellError.INVALID_COMMAND,
          "cannot read the file [file=" + options.file() + ", cause=" + e.getMessage() + "]");
    } finally {
      registration.close();
    }
    progress.show(true);
    report(options, lines, bar.elapsedSeconds(), stop.get());
  }

  private void report(ImportOptions options, long lines, double seconds, boolean stopped) {
    output.notice(
        session,
        (stopped ? "stopped with Ctrl-C: " : "")
            + "imported "
            + points
            + (points == 1 ? " point" : " points")
            + " from "
            + options.file().getFileName()
            + " in "
            + String.format(java.util.Locale.ROOT, "%.1f", seconds)
            + " s, "
            + rejects.size()
            + (rejects.size() == 1 ? " line" : " lines")
            + " rejected");
    if (rejects.isEmpty()) {
      return;
    }
    rejects.sort((a, b) -> Integer.compare(a.line(), b.line()));
    PrintWriter out = output.errors();
    for (Reject reject : rejects.subList(0, Math.min(REPORTED_REJECTS, rejects.size()))) {
      out.println("  line " + reject.line() + ": " + reject.reason());
    }
    if (rejects.size() > REPORTED_REJECTS) {
      out.println("  ... and " + (rejects.size() - REPORTED_REJECTS) + " more");
    }
    out.flush();
    throw new ShellError(
        "IMPORT_REJECTED",
        rejects.size()
            + " of "
            + lines
            + " lines were rejected, the others were written [file="
            + options.file()
            + "]");
  }

  private void send(List<Item> batch, ImportOptions options) {
    if (options.csv()) {
      Map<String, List<Item>> byMetric = new LinkedHashMap<>();
      for (Item item : batch) {
        byMetric.computeIfAbsent(item.point().metric(), m -> new ArrayList<>()).add(item);
      }
      byMetric.forEach((metric, items) -> sendIsolating(items, options));
    } else {
      sendIsolating(batch, options);
    }
  }

  /** Sends {@code items}; on a refusal, sends again without the refused lines. */
  private void sendIsolating(List<Item> items, ImportOptions options) {
    try {
      if (options.csv()) {
        client.insert(
            session.database(),
            session.namespace(),
            items.get(0).point().metric(),
            items.stream().map(i -> i.point().bit()).toList());
      } else {
        client.write(
            session.database(),
            session.namespace(),
            options.precision(),
            items.stream().map(Item::text).collect(Collectors.joining("\n")));
      }
      points += items.size();
    } catch (ShellError e) {
      if (!e.refusedData()) {
        throw e;
      }
      List<Item> rest = new ArrayList<>(items);
      for (var detail : e.details()) {
        int index = detail.path("line").asInt() - 1;
        if (index >= 0 && index < items.size()) {
          Item refused = items.get(index);
          rejects.add(new Reject(refused.line(), inFile(detail.path("reason").asText(), refused)));
          rest.remove(refused);
        }
      }
      if (rest.size() < items.size()) {
        if (!rest.isEmpty()) {
          sendIsolating(rest, options);
        }
      } else if (items.size() == 1) {
        rejects.add(new Reject(items.get(0).line(), inFile(e.getMessage(), items.get(0))));
      } else {
        int half = items.size() / 2;
        sendIsolating(items.subList(0, half), options);
        sendIsolating(items.subList(half, items.size()), options);
      }
    }
  }

  /** A reason with the batch's line number ({@code [line=3, ...}) replaced by the file's. */
  private static String inFile(String reason, Item item) {
    return reason.replaceFirst("\\[line=\\d+", "[line=" + item.line());
  }

  /** Draws the progress line: redrawn in place at a terminal, a line a second in a script. */
  private final class Progress {
    private final ProgressBar bar;
    long bytes;
    private long shownAt = Long.MIN_VALUE;

    Progress(ProgressBar bar) {
      this.bar = bar;
    }

    void show(boolean last) {
      long now = nanoTime.getAsLong();
      long every = output.interactive() ? TERMINAL_PROGRESS_NANOS : SCRIPT_PROGRESS_NANOS;
      if (!last && shownAt != Long.MIN_VALUE && now - shownAt < every) {
        return;
      }
      shownAt = now;
      PrintWriter out = output.errors();
      String line = bar.render(bytes, points);
      if (output.interactive()) {
        out.print("\r" + line + (last ? "\n" : ""));
      } else {
        out.println(line);
      }
      out.flush();
    }
  }
}
