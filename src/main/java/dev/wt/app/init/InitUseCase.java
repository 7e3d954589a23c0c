package dev.wt.app.init;

import dev.wt.app.Services;
import dev.wt.core.WtException;
import dev.wt.port.ConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code wt init}: looks at a project and writes a commented wt.toml for it, never over one. */
public final class InitUseCase {

  private final Services services;

  public InitUseCase(Services services) {
    this.services = services;
  }

  /** One thing found in the project and the key it led to. */
  public record Finding(String found, String key, String why) {}

  /**
   * What init wrote.
   *
   * @param agentFile the agent tool's hook file written, null when none was asked for
   * @param agentSkipped why that file was not written (it exists), else null
   */
  public record Result(String config, List<Finding> findings, String agentFile, String agentSkipped) {}

  public Result init(Path cwd, Agent agent) {
    Path root = services.git().locate(cwd).worktreeRoot();
    Path target = root.resolve(ConfigLoader.SHARED_FILE);
    if (services.disk().exists(target)) {
      throw WtException.refused(target + " already exists; wt init never overwrites it",
          "edit it (docs/config.md lists every key), or move it away and run wt init again");
    }
    ProjectScan scan = new ProjectScan(services.disk(), root);
    List<Finding> findings = new ArrayList<>();
    String text = TomlDraft.write(scan, findings);
    try {
      services.disk().writeNew(target, text);
    } catch (IOException e) {
      throw WtException.environment("cannot write " + target + ": " + e.getMessage(), "check the folder's permissions");
    }
    try {
      services.configLoader().load(root, root);
    } catch (RuntimeException e) {
      // a draft wt cannot read itself is wt's bug, never the user's file to debug
      throw WtException.internal("wt init wrote a wt.toml its own parser refuses: " + e.getMessage(), e);
    }
    String agentFile = null;
    String skipped = null;
    if (agent != null) {
      Path file = root.resolve(agent.file());
      if (services.disk().exists(file)) {
        skipped = agent.file() + " exists; add wt's hooks to it by hand (docs/integrations.md)";
      } else {
        try {
          services.disk().writeNew(file, agent.content());
          agentFile = file.toString();
        } catch (IOException e) {
          throw WtException.environment("cannot write " + file + ": " + e.getMessage(), "check the folder's permissions");
        }
      }
    }
    return new Result(target.toString(), findings, agentFile, skipped);
  }

  /** The agent tools whose hook file init can write, with the file's content. */
  public enum Agent {
    CLAUDE(".claude/settings.json", """
        {
          "hooks": {
            "WorktreeCreate": [
              {
                "hooks": [
                  { "type": "command", "command": "wt hook claude create" }
                ]
              }
            ],
            "WorktreeRemove": [
              {
                "hooks": [
                  { "type": "command", "command": "wt hook claude remove" }
                ]
              }
            ]
          }
        }
        """),
    CURSOR(".cursor/worktrees.json", """
        {
          "setup-worktree-unix": [
            "wt setup"
          ]
        }
        """),
    CONDUCTOR("conductor.json", """
        {
          "scripts": {
            "setup": "wt setup",
            "run": "wt run -- npm run dev",
            "archive": "wt teardown"
          }
        }
        """);

    private final String file;
    private final String content;

    Agent(String file, String content) {
      this.file = file;
      this.content = content;
    }

    public String file() {
      return file;
    }

    public String content() {
      return content;
    }

    public static Optional<Agent> named(String name) {
      for (Agent a : values()) {
        if (a.name().equalsIgnoreCase(name)) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }
  }
}
