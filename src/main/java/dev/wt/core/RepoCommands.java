package dev.wt.core;

import dev.wt.core.config.DatabaseConfig;
import dev.wt.core.config.PostgresConfig;
import dev.wt.core.config.WtConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every command a configuration would run (set-up commands, then each database's migrate) and the
 * {@code [env.vars]} they run with, each marked with whether the repository gives it; the
 * repository's ones are what the user approves.
 */
public record RepoCommands(List<RepoCommand> all) {

  /** The key of {@code [services] compose_file}: the containers it starts are the repository's commands. */
  public static final String COMPOSE_KEY = "services.compose_file";

  /** Commands run in the worktree's root. */
  public static final String WORKTREE = ".";

  public RepoCommands {
    all = List.copyOf(all);
  }

  /**
   * The commands of {@code merged}; one counts as the user's own when {@code userOwn} (the
   * configuration of the user's own file alone, or null) gives the same text at the same key.
   * Lists replace each other whole when merged, so {@code setup.commands} is all one file's.
   */
  public static RepoCommands of(WtConfig merged, WtConfig userOwn) {
    return of(merged, userOwn, file -> null, file -> null, Map.of());
  }

  /**
   * Like {@link #of(WtConfig, WtConfig)}, with {@code contentHash} describing the content of a
   * compose file the configuration names ({@code sha256 <hash>}, then the files it pulls in; null
   * when unreadable): a compose file runs containers, so what it and every local file it includes
   * say is part of what is approved, not only its path. {@code mainHash} does the same in the main
   * worktree, where the {@code [postgres]} compose service starts; {@code env} is applied to
   * {@code [postgres]} as the run applies it ({@code WT_PG_MODE}, {@code WT_PG_IMAGE}).
   */
  public static RepoCommands of(WtConfig merged, WtConfig userOwn, Function<String, String> contentHash,
      Function<String, String> mainHash, Map<String, String> env) {
    List<RepoCommand> out = new ArrayList<>();
    List<String> setup = merged.setup().commands();
    boolean setupIsOwn = userOwn != null && userOwn.setup().commands().equals(setup);
    for (int i = 0; i < setup.size(); i++) {
      out.add(new RepoCommand(setupKey(i), WORKTREE, setup.get(i), !setupIsOwn));
    }
    for (DatabaseConfig db : merged.databases().effective()) {
      if (db.migrate() != null) {
        boolean own = userOwn != null && userOwn.databases().effective().stream()
            .anyMatch(d -> Objects.equals(d.name(), db.name()) && db.migrate().equals(d.migrate()));
        out.add(new RepoCommand(migrateKey(db.name()), WORKTREE, db.migrate(), !own));
      }
    }
    // where a pull reads its source from: which of the user's variables or files holds a database URL
    for (DatabaseConfig db : merged.databases().effective()) {
      String source = pullSource(db);
      if (source != null) {
        boolean own = userOwn != null && userOwn.databases().effective().stream()
            .anyMatch(d -> Objects.equals(d.name(), db.name()) && source.equals(pullSource(d)));
        out.add(new RepoCommand(pullSourceKey(db.name()), WORKTREE, source, !own));
      }
    }
    // [postgres] mode = "command": commands wt runs to make and drop each database
    String[][] pg = {{"create", merged.postgres().create()}, {"drop", merged.postgres().drop()},
        {"list", merged.postgres().list()}};
    String[] ownPg = userOwn == null ? new String[3]
        : new String[] {userOwn.postgres().create(), userOwn.postgres().drop(), userOwn.postgres().list()};
    for (int i = 0; i < pg.length; i++) {
      if (pg[i][1] != null) {
        out.add(new RepoCommand(postgresKey(pg[i][0]), WORKTREE, pg[i][1], !pg[i][1].equals(ownPg[i])));
      }
    }
    // [postgres] mode = "compose" or "container" starts containers: what docker gets is the user's own
    // only when the user's file (or, without one, the defaults) with the environment gives the same.
    // A compose file is the repository's file whatever chose the mode: WT_PG_MODE=compose applies to
    // every repository the user enters, so only the user's own file choosing compose makes it theirs
    PostgresConfig server = withEnvironment(merged.postgres(), env);
    String docker = dockerServer(server, mainHash);
    if (docker != null) {
      PostgresConfig ownServer = withEnvironment(userOwn == null ? PostgresConfig.defaults() : userOwn.postgres(), env);
      boolean own = docker.equals(dockerServer(ownServer, mainHash)) && (server.serverMode() != ServerMode.COMPOSE
          || userOwn != null && userOwn.postgres().serverMode() == ServerMode.COMPOSE);
      out.add(new RepoCommand(postgresServerKey(server.serverMode()), WORKTREE, docker, !own));
    }
    String compose = merged.services().composeFile();
    if (compose != null) {
      boolean own = userOwn != null && compose.equals(userOwn.services().composeFile());
      String hash = contentHash.apply(compose);
      out.add(new RepoCommand(COMPOSE_KEY, WORKTREE, "docker compose -f " + compose + " up"
          + (hash == null ? " (file not readable here)" : " (file " + hash + ")"), !own));
    }
    List<String> teardown = merged.teardown().commands();
    boolean teardownIsOwn = userOwn != null && userOwn.teardown().commands().equals(teardown);
    for (int i = 0; i < teardown.size(); i++) {
      out.add(new RepoCommand(teardownKey(i), WORKTREE, teardown.get(i), !teardownIsOwn));
    }
    // the variables every command runs with: a committed PATH, LD_PRELOAD or NODE_OPTIONS changes
    // what an approved command does, so they are part of what is approved
    merged.env().vars().forEach((name, value) -> {
      boolean own = userOwn != null && value.equals(userOwn.env().vars().get(name));
      out.add(new RepoCommand(envKey(name), WORKTREE, name + "=" + value, !own));
    });
    return new RepoCommands(out);
  }

  /** The key of the set-up command at {@code index}. */
  public static String setupKey(int index) {
    return "setup.commands[" + index + "]";
  }

  /** The key of the teardown command at {@code index}. */
  public static String teardownKey(int index) {
    return "teardown.commands[" + index + "]";
  }

  /** The key of a variable of {@code [env.vars]}, approved with the commands that see it. */
  public static String envKey(String name) {
    return "env.vars." + name;
  }

  /** The key of a database's migrate command. */
  public static String migrateKey(String database) {
    return "databases." + database + ".migrate";
  }

  /** The key of a database's pull source ({@code source_env}, {@code source_file}, {@code source_key}). */
  public static String pullSourceKey(String database) {
    return "databases." + database + ".source";
  }

  /** The key of a {@code [postgres]} command: {@code postgres.create}, {@code postgres.drop}, {@code postgres.list}. */
  public static String postgresKey(String which) {
    return "postgres." + which;
  }

  /**
   * The key of the Docker server of a {@code [postgres] mode}: {@code postgres.compose_file} for
   * compose, {@code postgres.image} for container, null for any other mode.
   */
  public static String postgresServerKey(ServerMode mode) {
    return switch (mode) {
      case COMPOSE -> postgresKey("compose_file");
      case CONTAINER -> postgresKey("image");
      default -> null;
    };
  }

  /** What a pull of {@code db} reads its source URL from, as the approval shows it; null when it pulls nothing. */
  private static String pullSource(DatabaseConfig db) {
    // a SQLite file's source_file is a file of the checkout it copies, no database URL
    if ("sqlite".equals(db.engine()) || db.sourceEnv() == null && db.sourceFile() == null) {
      return null;
    }
    return "pull a copy of the database whose URL is in " + (db.sourceEnv() == null ? "" : "$" + db.sourceEnv()
        + (db.sourceFile() == null ? "" : ", else in ")) + (db.sourceFile() == null ? ""
        : db.sourceFile() + (db.sourceKey() == null ? "" : " (key " + db.sourceKey() + ")"));
  }

  /** What wt hands docker for the Docker modes, as the approval shows it; null for the other modes. */
  private static String dockerServer(PostgresConfig c, Function<String, String> contentHash) {
    return switch (c.serverMode()) {
      case COMPOSE -> {
        String hash = contentHash.apply(c.composeFile());
        yield "docker compose -f " + c.composeFile() + " up -d " + c.composeService() + " in the main worktree"
            + (hash == null ? " (file not readable here)" : " (file " + hash + ")");
      }
      case CONTAINER -> "docker run -p 127.0.0.1:" + c.basePort() + "+:5432 -e POSTGRES_USER=" + c.user()
          // the password is never shown, but a changed one still asks again: its hash is in the text
          + (c.password() == null ? "" : " -e POSTGRES_PASSWORD=*** (sha256 " + Sha.sha256Hex(c.password())
              .substring(0, 12) + ")") + " " + c.image();
      default -> null;
    };
  }

  /** {@code c} with the environment applied; as written when WT_PG_MODE is no mode (the run refuses it before docker). */
  private static PostgresConfig withEnvironment(PostgresConfig c, Map<String, String> env) {
    try {
      return c.withEnvironment(env);
    } catch (IllegalArgumentException e) {
      return c;
    }
  }

  /** The commands that need the user's approval: those the repository gives. */
  public List<RepoCommand> fromRepository() {
    return all.stream().filter(RepoCommand::fromRepository).toList();
  }

  public Optional<RepoCommand> byKey(String key) {
    return all.stream().filter(c -> c.key().equals(key)).findFirst();
  }

  /**
   * A hash of exactly what is approved: each repository command's key, folder and text, in order;
   * any change to one of them (or one more, or one fewer) makes another digest.
   */
  public String digest() {
    Sha md = Sha.sha256();
    for (RepoCommand c : fromRepository()) {
      for (String part : new String[] {c.key(), c.dir(), c.command()}) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        // length-prefixed, so no choice of text can make two lists hash alike
        md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) ':');
        md.update(bytes);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

}
