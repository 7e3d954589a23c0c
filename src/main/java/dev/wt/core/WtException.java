package dev.wt.core;

/** A failure wt reports to the user as one line, a hint, and a documented exit code. */
public class WtException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;
  private final String hint;

  public WtException(ExitCode exitCode, String message, String hint) {
    this(exitCode, message, hint, null);
  }

  public WtException(ExitCode exitCode, String message, String hint, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.hint = hint;
  }

  public static WtException refused(String message, String hint) {
    return new WtException(ExitCode.REFUSED, message, hint);
  }

  public static WtException usage(String message, String hint) {
    return new WtException(ExitCode.USAGE, message, hint);
  }

  public static WtException environment(String message, String hint) {
    return new WtException(ExitCode.ENVIRONMENT, message, hint);
  }

  public static WtException environment(String message, String hint, Throwable cause) {
    return new WtException(ExitCode.ENVIRONMENT, message, hint, cause);
  }

  public static WtException partial(String message, String hint) {
    return new WtException(ExitCode.PARTIAL, message, hint);
  }

  public static WtException internal(String message, Throwable cause) {
    return new WtException(ExitCode.INTERNAL, message, "run again with -v and report the output", cause);
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  /** What the user can do about it; may be null. */
  public String hint() {
    return hint;
  }
}
