package io.nsdb.cluster.shell;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Pattern;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * A person at the interactive shell: a JLine terminal over streams (an xterm, whose line discipline
 * is JLine's own, so Ctrl-C typed as {@code \u0003} raises the interrupt as a real terminal's
 * driver does), a keyboard to type on, and the screen to read, escape sequences left out. The shell
 * runs on its own thread, as {@code ./nsdb shell} runs it; {@link #await(String)} waits until the
 * screen shows something, with a deadline, instead of sleeping.
 */
final class TerminalDriver implements AutoCloseable {

  static final String CTRL_C = "\u0003";
  static final String CTRL_D = "\u0004";

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final Keyboard keyboard = new Keyboard();
  private final Screen screen = new Screen();
  private final Terminal terminal;
  private final Thread shell;
  private volatile Integer exit;
  private volatile Throwable failure;
  private int mark;

  private TerminalDriver(ShellOptions options) {
    try {
      terminal =
          TerminalBuilder.builder()
              .name("test")
              .system(false)
              .provider("exec")
              .streams(keyboard, screen)
              .type("xterm")
              .size(new Size(160, 40))
              .encoding(StandardCharsets.UTF_8)
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    shell =
        new Thread(
            () -> {
              try {
                exit = ShellMain.interactive(options, terminal);
              } catch (Throwable t) {
                failure = t;
              }
            },
            "nsdb-shell-under-test");
    shell.start();
  }

  /** The shell on the test server, in {@code db.ns}, keeping its history in {@code history}. */
  static TerminalDriver start(String db, String ns, Path history, String... args) {
    return startOn(ShellTestServer.get().port(), db, ns, history, args);
  }

  /** The shell on another server, at {@code port} of the loopback address. */
  static TerminalDriver startOn(int port, String db, String ns, Path history, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--database",
                db,
                "--namespace",
                ns));
    all.add("--history");
    all.add(history.toString());
    all.addAll(List.of(args));
    return new TerminalDriver(ShellOptions.parse(all.toArray(String[]::new)));
  }

  /** Presses these keys. */
  void type(String keys) {
    keyboard.type(keys);
  }

  /**
   * Waits until the screen, since the previous {@code await}, shows {@code expected}; returns what
   * it showed up to there, and the next {@code await} looks only after it.
   */
  String await(String expected) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      String text = screen.text();
      int at = text.indexOf(expected, mark);
      if (at >= 0) {
        String shown = text.substring(mark, at + expected.length());
        mark = at + expected.length();
        return shown;
      }
      if (failure != null) {
        fail("the shell failed", failure);
      }
      screen.awaitChange(100);
    }
    return fail(
        "the screen did not show <"
            + expected
            + "> within "
            + DEADLINE
            + "; after the last"
            + " match it shows:\n"
            + screen.text().substring(mark)
            + "\n(the whole screen:)\n"
            + screen.text());
  }

  /** Everything the screen showed so far. */
  String screen() {
    return screen.text();
  }

  /** Waits for the shell to end; its exit status. */
  int awaitExit() {
    try {
      shell.join(DEADLINE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      fail("the shell failed", failure);
    }
    if (exit == null) {
      fail("the shell did not end; the screen shows:\n" + screen.text());
    }
    return exit;
  }

  @Override
  public void close() {
    keyboard.close();
    try {
      shell.join(DEADLINE.toMillis());
      terminal.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keys waiting to be read, then the end of input once closed. */
  private static final class Keyboard extends InputStream {
    private static final int END = -1;
    private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    void type(String text) {
      for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
        keys.add(b & 0xff);
      }
    }

    @Override
    public void close() {
      keys.add(END);
    }

    @Override
    public int read() throws IOException {
      if (ended) {
        return END;
      }
      try {
        int key = keys.take();
        if (key == END) {
          ended = true;
        }
        return key;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for a key", e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      int first = read();
      if (first == END) {
        return END;
      }
      buffer[offset] = (byte) first;
      int count = 1;
      while (count < length && !keys.isEmpty() && keys.peek() != END) {
        buffer[offset + count++] = (byte) (int) keys.poll();
      }
      return count;
    }

    @Override
    public int available() {
      return ended ? 0 : keys.size();
    }
  }

  /**
   * What the terminal wrote, readable while it is written; escapes and carriage returns left out.
   */
  private static final class Screen extends OutputStream {
    private static final Pattern ESCAPES =
        Pattern.compile("\u001b\\[[?0-9;]*[A-Za-z]|\u001b[=>]|\r");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
      notifyAll();
    }

    synchronized String text() {
      return ESCAPES.matcher(bytes.toString(StandardCharsets.UTF_8)).replaceAll("");
    }

    synchronized void awaitChange(long millis) {
      try {
        wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
