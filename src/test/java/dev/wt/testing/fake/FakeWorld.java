package dev.wt.testing.fake;

import dev.wt.adapter.fs.LocalWorktreeFiles;
import dev.wt.adapter.fs.NioLocalFiles;
import dev.wt.adapter.fs.TomlConfigLoader;
import dev.wt.app.Services;
import dev.wt.app.gc.GcServers;
import dev.wt.app.gc.GcUseCase;
import dev.wt.app.process.StopUseCase;
import dev.wt.app.resource.DatabaseProvisioner;
import dev.wt.app.resource.DatabaseServers;
import dev.wt.app.resource.PortProvisioner;
import dev.wt.app.resource.ResourceProvisioner;
import dev.wt.app.resource.UrlProvisioner;
import dev.wt.app.trust.TrustGate;
import dev.wt.app.worktree.DownUseCase;
import dev.wt.app.worktree.SetupUseCase;
import dev.wt.app.worktree.TeardownUseCase;
import dev.wt.app.worktree.UpUseCase;
import dev.wt.core.PgServer;
import dev.wt.port.Consent;
import dev.wt.port.Containers;
import dev.wt.port.PgTools;
import dev.wt.port.Reporter;
import dev.wt.port.WorktreeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The use cases wired as {@code cli.Wiring} wires them, but on fakes: {@link FakeGit},
 * {@link FakeStateStore}, {@link FakePostgres} (one server in url mode), {@link FakePorts},
 * {@link FakeProcessTable} and {@link FakeCommands}. The disk is real but temporary (the folders
 * worktrees live in, the files setup writes), read through the real file adapters. Databases on an
 * embedded cluster or in containers, and pulls, are not faked ({@link Unfaked}).
 */
public final class FakeWorld {

  /** The fake server databases live on (url mode). */
  public static final PgServer PG = PgServer.parse("postgresql://postgres@pg.fake:5432/postgres");

  public final FakeGit git;
  public final FakeStateStore state = new FakeStateStore();
  public final FakePostgres postgres = new FakePostgres().serve(PG);
  public final FakePorts ports = new FakePorts();
  public final FakeProcessTable processes = new FakeProcessTable();
  public final FakeCommands commands = new FakeCommands();
  public final FakeApprovals approvals = new FakeApprovals();
  public final Recorder reporter = new Recorder();
  private final Map<String, String> env = new HashMap<>(Map.of("WT_TRUST", "1"));

  /** A repository at {@code <tmp>/repo} on branch main, with wt.toml {@code toml}. */
  public FakeWorld(Path tmp, String toml) {
    git = new FakeGit(tmp.resolve("repo"), "main");
    config(toml);
  }

  public Path main() {
    return git.main();
  }

  /** Replaces the main checkout's wt.toml. */
  public void config(String toml) {
    try {
      Files.writeString(main().resolve("wt.toml"), toml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git.ignore("wt.toml"); // not the user's work, in any worktree
  }

  public FakeWorld env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public Services services() {
    return new Services(git, new TomlConfigLoader(), common -> state, new InlineDeletes(new LocalWorktreeFiles()),
        new NioLocalFiles(), commands, env);
  }

  public List<ResourceProvisioner> resources() {
    DatabaseServers servers = databaseServers();
    return List.of(new PortProvisioner(ports, env, ports), new UrlProvisioner(),
        new DatabaseProvisioner(servers, Unfaked.of(PgTools.class), services().disk(), env, false));
  }

  public DatabaseServers databaseServers() {
    return new DatabaseServers(postgres, new NoEmbeddedCluster(), Unfaked.of(Containers.class), ports, env,
        new TrustGate(services(), approvals, Consent.NEVER));
  }

  public SetupUseCase setup() {
    return new SetupUseCase(services(), resources(), new TrustGate(services(), approvals, Consent.NEVER));
  }

  public UpUseCase up() {
    return new UpUseCase(services(), setup());
  }

  public TeardownUseCase teardown() {
    return new TeardownUseCase(services(), resources());
  }

  public StopUseCase stop() {
    return new StopUseCase(services(), processes);
  }

  public DownUseCase down() {
    return new DownUseCase(services(), teardown(), List.of(stop().asStopper()));
  }

  public GcUseCase gc() {
    return new GcUseCase(services(), teardown(), down(),
        new GcServers(databaseServers(), Unfaked.of(Containers.class)), ports);
  }

  /** {@code wt up branch} from the main checkout. */
  public UpUseCase.Result up(String branch) {
    return up().up(main(), new UpUseCase.Request(branch, null, null, false), reporter);
  }

  /** {@code wt down branch} from the main checkout. */
  public DownUseCase.Result down(String branch, boolean force) {
    return down().down(main(), new DownUseCase.Request(branch, force, false, main()), reporter);
  }

  /**
   * The real adapter, except that a "detached" deletion happens at once: a test must not leave a
   * process behind, and the folder being gone when the call returns is what a later step sees anyway.
   */
  private static final class InlineDeletes implements WorktreeFiles {
    private final WorktreeFiles real;

    InlineDeletes(WorktreeFiles real) {
      this.real = real;
    }

    @Override
    public Result symlink(Path source, Path worktree, String rel) {
      return real.symlink(source, worktree, rel);
    }

    @Override
    public Result copy(Path source, Path worktree, String rel) {
      return real.copy(source, worktree, rel);
    }

    @Override
    public Result writeGenerated(Path worktree, String rel, String content, boolean privateMode, String owned,
        boolean force) {
      return real.writeGenerated(worktree, rel, content, privateMode, owned, force);
    }

    @Override
    public Optional<String> fingerprint(Path path) {
      return real.fingerprint(path);
    }

    @Override
    public boolean deleteIfUnchanged(Path worktree, String rel, String sha256) {
      return real.deleteIfUnchanged(worktree, rel, sha256);
    }

    @Override
    public int moveAway(Path source, Path target) {
      return real.moveAway(source, target);
    }

    @Override
    public boolean moveAside(Path source, Path target) {
      return real.moveAside(source, target);
    }

    @Override
    public void deleteDetached(Path folder) {
      FakeGit.deleteTree(folder);
    }
  }

  /** Keeps every line a use case reports, by kind. */
  public static class Recorder implements Reporter {
    public final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void done(String message) {
      lines.add("done: " + message);
    }

    @Override
    public synchronized void unchanged(String message) {
      lines.add("unchanged: " + message);
    }

    @Override
    public synchronized void warn(String message) {
      lines.add("warn: " + message);
    }

    @Override
    public synchronized void progress(String message) {
      lines.add("progress: " + message);
    }

    @Override
    public synchronized void commandOutput(String line) {
      lines.add("output: " + line);
    }

    public synchronized boolean said(String fragment) {
      return lines.stream().anyMatch(l -> l.contains(fragment));
    }
  }
}
