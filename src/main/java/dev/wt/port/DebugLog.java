package dev.wt.port;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/**
 * wt's debug logger (the adapters' commands, and the choices {@code -v} explains, such as the base
 * branch), looked up only under {@code -v}: the first lookup starts Logback (30–40 ms of every
 * command that runs git), and without {@code -v} nothing it logs is shown.
 */
public final class DebugLog {

  /** The system property {@code -v} sets before a command runs. */
  public static final String PROPERTY = "wt.debug";

  private DebugLog() {}

  /** The logger of {@code type} under {@code -v}, else one that drops everything. */
  public static Logger of(Class<?> type) {
    return Boolean.getBoolean(PROPERTY) ? LoggerFactory.getLogger(type) : NOPLogger.NOP_LOGGER;
  }
}
