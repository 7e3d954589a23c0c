package dev.wt.cli;

import dev.wt.adapter.fs.Json;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The hidden workload the launcher runs once to record a class-data-sharing archive: the classes
 * of a typical command, without touching any repository.
 */
final class Warmup {

  static final String COMMAND = "__warm";

  private Warmup() {}

  static int run(CliEnv env) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    CliEnv quiet = new CliEnv(env.cwd(), Map.of(), sink, sink, false);
    CommandLine cl = Cli.commandLine(quiet);
    cl.execute("--help");
    for (String sub : cl.getSubcommands().keySet()) {
      cl.execute(sub, "--help");
    }
    try {
      WorktreeRecord r = new WorktreeRecord(WorktreeRecord.CURRENT_VERSION, "warm", WorktreeIdentity.derive("feat/warm"),
          "/tmp/warm", "/tmp", "up", true, Instant.now(), List.of(), null);
      String text = Json.mapper().writeValueAsString(r);
      Json.mapper().readValue(text, WorktreeRecord.class);
      new com.fasterxml.jackson.dataformat.toml.TomlMapper().readTree("project = \"warm\"\n[env]\nfile = \"x\"\n");
    } catch (Exception e) {
      return 1;
    }
    return 0;
  }
}
