package dev.wt.app.process;

import dev.wt.core.WorktreeRecord;
import dev.wt.core.WorktreeVariables;
import dev.wt.core.WtException;
import dev.wt.port.ConfigLoader;
import dev.wt.port.EnvCache;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import dev.wt.app.worktree.SetupState;
import dev.wt.app.Repo;
import dev.wt.app.WorktreeTarget;
import dev.wt.app.Services;

/**
 * The variables of the worktree a directory is in: its frozen {@code WT_*} identity, what each
 * resource exposes (ports, URL, databases) and the configured env keys, i.e. what its env file holds.
 *
 * <p>Runs on every {@code cd} for some users, so it first asks the {@link EnvCache}, which reads
 * a few small files; only when that cannot answer does it build the services (JSON, TOML, git).
 */
public final class EnvUseCase {

  private final Supplier<Services> services;
  private final EnvCache cache;

  public EnvUseCase(Supplier<Services> services, EnvCache cache) {
    this.services = services;
    this.cache = cache;
  }

  /** The variables of a provisioned worktree, in env-file order. */
  public record Environment(Map<String, String> variables) {}

  /** The environment of the worktree {@code dir} is in; empty when wt did not provision it. */
  public Optional<Environment> find(Path dir) {
    Optional<EnvCache.Lookup> quick = cache.read(dir);
    if (quick.isPresent()) {
      if (quick.get().mainWorktree()) {
        return Optional.empty();
      }
      if (quick.get().variables().isPresent()) {
        return Optional.of(new Environment(quick.get().variables().get()));
      }
    }
    Repo repo = Repo.open(services.get(), dir);
    if (repo.location().isMain()) {
      return Optional.empty();
    }
    Optional<WorktreeRecord> record = WorktreeTarget.here(repo);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    SetupState.requireSetUp(record.get());
    Map<String, String> vars = WorktreeVariables.of(record.get(), repo.config().env().vars());
    Path root = repo.location().worktreeRoot();
    cache.write(root, record.get().slug(), vars, List.of(
        root.resolve(ConfigLoader.SHARED_FILE), root.resolve(ConfigLoader.LOCAL_FILE),
        repo.main().resolve(ConfigLoader.SHARED_FILE), repo.main().resolve(ConfigLoader.LOCAL_FILE)));
    return Optional.of(new Environment(vars));
  }

  /** The environment of the worktree {@code dir} is in, or a refusal saying how to get one. */
  public Environment require(Path dir) {
    return find(dir).orElseThrow(() -> WtException.refused("no wt environment here: " + dir
        + " is not in a worktree wt provisioned",
        "run wt setup in a linked worktree (or wt up <branch>); the main worktree has no wt environment"));
  }
}
