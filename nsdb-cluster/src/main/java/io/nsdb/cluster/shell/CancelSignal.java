package io.nsdb.cluster.shell;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where Ctrl-C goes while a statement runs. The statement registers what stopping it means (cancel
 * an HTTP exchange, unsubscribe, end an import after the current batch) for as long as it runs;
 * Ctrl-C, which arrives on another thread (the terminal's signal handler), runs that. With nothing
 * registered it runs the idle action: nothing in the interactive shell, exit in a script.
 */
final class CancelSignal {

  private final AtomicReference<Runnable> current = new AtomicReference<>();
  private final Runnable idle;

  CancelSignal(Runnable idle) {
    this.idle = idle;
  }

  /** A signal whose Ctrl-C with nothing running does nothing. */
  static CancelSignal ignoringIdle() {
    return new CancelSignal(() -> {});
  }

  /** Runs {@code onCancel} on Ctrl-C until the returned registration is closed. */
  Registration onCancel(Runnable onCancel) {
    Runnable previous = current.getAndSet(onCancel);
    return () -> current.set(previous);
  }

  /** Ctrl-C: stops what runs now. */
  void fire() {
    Runnable action = current.get();
    (action == null ? idle : action).run();
  }

  /** A registration, ended by {@link #close()} (which puts back the one it replaced). */
  interface Registration {
    void close();
  }
}
