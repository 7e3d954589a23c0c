package dev.wt.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.LoggerFactory;

/**
 * Logback set up in code, not from logback.xml (parsing it cost 40–115 ms at start-up): logs go
 * to stderr, warnings only unless {@code -v}, each line masked and escaped like all other output.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class Logging extends ContextAwareBase implements Configurator {

  /** Applies the verbosity chosen on the command line. */
  static void configure(boolean verbose) {
    if (!verbose) {
      return; // the default (warnings) needs no work, and --version stays free of logging
    }
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(verbose ? Level.DEBUG : Level.WARN);
      ctx.getLogger("dev.wt").setLevel(verbose ? Level.DEBUG : Level.WARN);
    }
  }

  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(ctx);
    pattern.setPattern("wt[%level] @@%logger{0}: %msg%n");
    pattern.start();
    // milliseconds since the JVM started, so a -v trace shows where a slow command spends its time
    // (the JVM's own clock: a process's start time from /proc is whole seconds)
    long start = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    SafeLayout layout = new SafeLayout(pattern, start);
    layout.setContext(ctx);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(ctx);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(ctx);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Log lines (stack traces included) go through the same step as stdout and stderr. */
  private static final class SafeLayout extends LayoutBase<ILoggingEvent> {

    private final PatternLayout pattern;
    private final long start;

    SafeLayout(PatternLayout pattern, long start) {
      this.pattern = pattern;
      this.start = start;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
      StringBuilder out = new StringBuilder();
      // with -v each line says when it happened (ms since the JVM started); warnings alone do not
      String at = getContext() instanceof LoggerContext ctx && ctx.getLogger("dev.wt").isDebugEnabled()
          ? "+" + (event.getTimeStamp() - start) + "ms " : "";
      for (String line : pattern.doLayout(event).lines().toList()) {
        String stamped = line.replaceFirst("^(wt\\[\\w+\\] )@@", "$1" + at);
        out.append(SafeOutput.clean(stamped, false)).append('\n');
      }
      return out.toString();
    }
  }
}
