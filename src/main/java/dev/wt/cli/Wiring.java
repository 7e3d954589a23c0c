package dev.wt.cli;

import dev.wt.adapter.docker.DockerCli;
import dev.wt.adapter.fs.FileEnvCache;
import dev.wt.adapter.fs.JsonStateStore;
import dev.wt.adapter.fs.LocalWorktreeFiles;
import dev.wt.adapter.fs.NioLocalFiles;
import dev.wt.adapter.fs.TomlConfigLoader;
import dev.wt.adapter.fs.UserCommandApprovals;
import dev.wt.adapter.fs.UserPortClaims;
import dev.wt.adapter.git.GitCli;
import dev.wt.adapter.process.GroupLauncher;
import dev.wt.adapter.process.LinuxProcesses;
import dev.wt.adapter.process.LocalPortProbe;
import dev.wt.adapter.process.LsofProcesses;
import dev.wt.adapter.process.ShellCommandRunner;
import dev.wt.adapter.postgres.EmbeddedCluster;
import dev.wt.adapter.postgres.JdbcPostgres;
import dev.wt.adapter.postgres.PgClientTools;
import dev.wt.app.resource.DatabaseProvisioner;
import dev.wt.app.resource.DatabaseServers;
import dev.wt.app.database.DbFillUseCase;
import dev.wt.app.database.DbStatusUseCase;
import dev.wt.app.worktree.DownUseCase;
import dev.wt.port.PgTools;
import dev.wt.port.ProcessTable;
import dev.wt.app.process.EnvUseCase;
import dev.wt.app.gc.GcServers;
import dev.wt.app.gc.GcUseCase;
import dev.wt.app.worktree.ListUseCase;
import dev.wt.app.resource.PortProvisioner;
import dev.wt.app.resource.ResourceProvisioner;
import dev.wt.app.process.RunUseCase;
import dev.wt.app.Services;
import dev.wt.app.worktree.SetupUseCase;
import dev.wt.app.process.StopUseCase;
import dev.wt.app.worktree.TeardownUseCase;
import dev.wt.app.trust.TrustGate;
import dev.wt.app.trust.TrustUseCase;
import dev.wt.app.worktree.UpUseCase;
import dev.wt.app.resource.UrlProvisioner;
import dev.wt.app.resource.RedisProvisioner;
import dev.wt.app.resource.CommandDatabases;
import dev.wt.adapter.redis.RespRedis;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * Composition root: builds adapters and use cases on first use (so {@code --version} and
 * completion load none of them) and hands them to commands through their constructors.
 */
public final class Wiring implements CommandLine.IFactory, AutoCloseable {

  private final CliEnv env;
  private Services services;
  private DatabaseServers databaseServers;
  private boolean forceDbPull;

  Wiring(CliEnv env) {
    this.env = env;
  }

  public CliEnv env() {
    return env;
  }

  /** The directory commands act in: the process's, or the one given with {@code -C}. */
  Path cwd(CommandLine.Model.CommandSpec spec) {
    WtCommand root = spec.root().commandLine().getCommand();
    return cwd(root.directory());
  }

  /** The directory commands act in, given the {@code -C} folder or null. */
  Path cwd(Path dir) {
    if (dir == null) {
      return env.cwd();
    }
    Path resolved = env.cwd().resolve(dir).toAbsolutePath().normalize();
    if (!java.nio.file.Files.isDirectory(resolved)) {
      throw dev.wt.core.WtException.usage("-C " + dir + ": " + (java.nio.file.Files.exists(resolved)
          ? "not a directory" : "no such directory"), "pass a folder inside a git repository");
    }
    return resolved;
  }

  Services services() {
    if (services == null) {
      Ui ui = new Ui(env);
      services = new Services(new GitCli(processes(), ui.reporter()::progress), new TomlConfigLoader(),
          dir -> new JsonStateStore(dir, ui.reporter()::progress), new LocalWorktreeFiles(), new NioLocalFiles(),
          new ShellCommandRunner(), env.env());
    }
    return services;
  }

  List<ResourceProvisioner> resources() {
    // ports before the URL (the URL pattern may name ${WT_PORT}); databases last, released first
    return List.of(new PortProvisioner(new LocalPortProbe(), env.env(), UserPortClaims.forUser(env.env())), new UrlProvisioner(),
        redisProvisioner(), composeServices(), databaseProvisioner());
  }

  dev.wt.app.resource.ComposeServices composeServices() {
    return new dev.wt.app.resource.ComposeServices(new dev.wt.adapter.docker.DockerCompose(env.env()), trustGate(),
        services().disk());
  }

  RedisProvisioner redisProvisioner() {
    Path base = dev.wt.adapter.fs.UserStateDir.of(env.env());
    // database numbers are claimed per server, as ports are, so two repositories never share one
    return new RedisProvisioner(new RespRedis(),
        server -> base == null ? null : new UserPortClaims(base.resolve("redis").resolve(RespRedis.claimKey(server))));
  }

  DatabaseServers databaseServers() {
    if (databaseServers == null) {
      databaseServers = new DatabaseServers(new dev.wt.adapter.postgres.ReusedSessions(new JdbcPostgres()), new EmbeddedCluster(env.env()),
          new DockerCli(env.env()), new LocalPortProbe(), env.env(), trustGate());
    }
    return databaseServers;
  }

  /** Ends what the command holds beyond its run: its use of the embedded cluster. */
  @Override
  public void close() {
    if (databaseServers != null) {
      databaseServers.close();
    }
  }

  PgTools pgTools() {
    return new PgClientTools(env.env(), null);
  }

  /** Set by --force-db-pull before the use case is built. */
  void forceDbPull(boolean force) {
    this.forceDbPull = force;
  }

  DbStatusUseCase dbStatus() {
    return new DbStatusUseCase(services(), databaseServers(), pgTools(), trustGate());
  }

  DbFillUseCase dbFill() {
    return new DbFillUseCase(services(), databaseServers(), pgTools(), databaseProvisioner());
  }

  DatabaseProvisioner databaseProvisioner() {
    return new DatabaseProvisioner(databaseServers(), pgTools(), services().disk(), env.env(), forceDbPull,
        new CommandDatabases(services(), trustGate()));
  }

  List<DownUseCase.WorktreeStopper> stoppers() {
    return List.of(stop().asStopper());
  }

  StopUseCase stop() {
    return new StopUseCase(services(), processes());
  }

  /** This machine's process table: /proc where there is one, else ps and lsof. */
  ProcessTable processes() {
    return LinuxProcesses.available() ? new LinuxProcesses() : new LsofProcesses();
  }

  EnvUseCase environment() {
    // not services(): a warm wt env reads a few files and loads no JSON, TOML or git; a class, not
    // this::services, so that path sets up no lambda (milliseconds of method handles at start-up)
    return new EnvUseCase(new java.util.function.Supplier<Services>() {
      @Override
      public Services get() {
        return services();
      }
    }, new FileEnvCache(), new java.util.function.Supplier<TrustGate>() {
      @Override
      public TrustGate get() {
        return trustGate();
      }
    });
  }

  RunUseCase run() {
    return new RunUseCase(services(), environment(), new GroupLauncher());
  }

  SetupUseCase setup() {
    return new SetupUseCase(services(), resources(), trustGate());
  }

  TrustGate trustGate() {
    return new TrustGate(services(), UserCommandApprovals.forUser(env.env()), new TerminalConsent(env));
  }

  TrustUseCase trust() {
    return new TrustUseCase(services(), trustGate(), UserCommandApprovals.forUser(env.env()), new TerminalConsent(env));
  }

  UpUseCase up() {
    return new UpUseCase(services(), setup());
  }

  TeardownUseCase teardown() {
    return new TeardownUseCase(services(), resources(), trustGate());
  }

  DownUseCase down() {
    return new DownUseCase(services(), teardown(), stoppers());
  }

  GcUseCase gc() {
    return new GcUseCase(services(), teardown(), down(), new GcServers(databaseServers(), new DockerCli(env.env()),
        new CommandDatabases(services(), trustGate()), composeServices()),
        UserPortClaims.forUser(env.env()));
  }

  dev.wt.app.task.TaskUseCase task() {
    return new dev.wt.app.task.TaskUseCase(new dev.wt.adapter.fs.TomlWorkspaceLoader(), this::up, this::down, this::list,
        services());
  }

  ListUseCase list() {
    return new ListUseCase(services());
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    for (Constructor<?> c : cls.getDeclaredConstructors()) {
      if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Wiring.class) {
        c.setAccessible(true);
        return cls.cast(c.newInstance(this));
      }
    }
    return CommandLine.defaultFactory().create(cls);
  }
}
