package dev.wt.app.process;

import dev.wt.core.WorktreeRecord;
import dev.wt.core.WorktreeVariables;
import dev.wt.core.WtException;
import dev.wt.port.ConfigLoader;
import dev.wt.port.EnvCache;
import java.nio.file.Path;
import dev.wt.app.trust.TrustGate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  private final Supplier<TrustGate> trust;

  public EnvUseCase(Supplier<Services> services, EnvCache cache, Supplier<TrustGate> trust) {
    this.services = services;
    this.cache = cache;
    this.trust = trust;
  }

  /**
   * The variables of a provisioned worktree, in env-file order.
   *
   * @param skipped the repository's {@code [env.vars]} left out because they are not approved
   */
  public record Environment(Map<String, String> variables, List<String> skipped) {
    public Environment {
      skipped = List.copyOf(skipped);
    }

    /** The one warning line to show when variables were left out, else null. */
    public String warning() {
      return skipped.isEmpty() ? null : "left out " + String.join(", ", skipped)
          + " of [env.vars]: the repository's variables are not approved (run wt trust)";
    }
  }

  /** The environment of the worktree {@code dir} is in; empty when wt did not provision it. */
  public Optional<Environment> find(Path dir) {
    Optional<EnvCache.Lookup> quick = cache.read(dir);
    if (quick.isPresent()) {
      if (quick.get().mainWorktree()) {
        return Optional.empty();
      }
      if (quick.get().variables().isPresent()) {
        return Optional.of(new Environment(quick.get().variables().get(), List.of()));
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
    // the repository's variables reach the user's shell (direnv, mise) and programs only approved
    TrustGate.EnvVarsVerdict verdict = trust.get().envVars(repo);
    Map<String, String> configured = new LinkedHashMap<>(repo.config().env().vars());
    configured.keySet().removeAll(verdict.skipped());
    Map<String, String> vars = WorktreeVariables.of(record.get(), configured);
    Path root = repo.location().worktreeRoot();
    List<Path> inputs = new ArrayList<>(List.of(
        root.resolve(ConfigLoader.SHARED_FILE), root.resolve(ConfigLoader.LOCAL_FILE),
        repo.main().resolve(ConfigLoader.SHARED_FILE), repo.main().resolve(ConfigLoader.LOCAL_FILE)));
    if (verdict.witness() != null) {
      inputs.add(verdict.witness()); // wt trust or a revoke changes the answer
    }
    if (verdict.cacheable()) {
      cache.write(root, record.get().slug(), vars, inputs);
    }
    return Optional.of(new Environment(vars, verdict.skipped()));
  }

  /** The environment of the worktree {@code dir} is in, or a refusal saying how to get one. */
  public Environment require(Path dir) {
    return find(dir).orElseThrow(() -> WtException.refused("no wt environment here: " + dir
        + " is not in a worktree wt provisioned",
        "run wt setup in a linked worktree (or wt up <branch>); the main worktree has no wt environment"));
  }
}
