package dev.wt.port;

/** Where use cases tell the user what they are doing; the CLI decides how it looks. */
public interface Reporter {

  /** A step that changed something. */
  void done(String message);

  /** A step that found nothing to do. */
  void unchanged(String message);

  /** Something the user should know that does not stop the command. */
  void warn(String message);

  /** Progress of a long step; may be dropped when nobody is watching. */
  void progress(String message);

  /** Output of a command wt runs for the user (post-setup commands), streamed line by line. */
  void commandOutput(String line);

  /** A reporter that drops everything. */
  Reporter SILENT = new Reporter() {
    @Override public void done(String message) {}
    @Override public void unchanged(String message) {}
    @Override public void warn(String message) {}
    @Override public void progress(String message) {}
    @Override public void commandOutput(String line) {}
  };
}
