package dev.wt.app;

import dev.wt.core.Template;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.core.config.WtConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of the worktree a directory is in: its frozen {@code WT_*} identity, what each
 * resource exposes (ports, URL, databases) and the configured env keys, i.e. what its env file holds.
 *
 * <p>Runs on every {@code cd} for some users, so it finds the worktree by reading files (the
 * {@code .git} file, the slug marker, the record) and starts no git process when it can.
 */
public final class EnvUseCase {

  private static final String GITDIR = "gitdir:";

  private final Services services;
  private final SetupUseCase setup;

  public EnvUseCase(Services services, SetupUseCase setup) {
    this.services = services;
    this.setup = setup;
  }

  /** A provisioned worktree and its variables, in env-file order. */
  public record Environment(WorktreeRecord record, Map<String, String> variables) {}

  /** The environment of the worktree {@code dir} is in; empty when wt did not provision it. */
  public Optional<Environment> find(Path dir) {
    Optional<WorktreeRecord> record = quickRecord(dir);
    if (record == null) {
      Repo repo = Repo.open(services, dir);
      record = repo.location().isMain() ? Optional.empty()
          : repo.recordFor(repo.location().worktreeRoot(), repo.location().gitDir());
    }
    return record.map(r -> new Environment(r, variables(r)));
  }

  /** The environment of the worktree {@code dir} is in, or a refusal saying how to get one. */
  public Environment require(Path dir) {
    return find(dir).orElseThrow(() -> WtException.refused("no wt environment here: " + dir
        + " is not in a worktree wt provisioned",
        "run wt setup in a linked worktree (or wt up <branch>); the main worktree has no wt environment"));
  }

  private Map<String, String> variables(WorktreeRecord record) {
    Map<String, String> vars = new LinkedHashMap<>(setup.variables(record));
    WtConfig config = services.configLoader().load(Path.of(record.path()), Path.of(record.mainPath()));
    Map<String, String> base = Map.copyOf(vars);
    for (Map.Entry<String, String> e : config.env().vars().entrySet()) {
      vars.put(e.getKey(), Template.expand(e.getValue(), base, "env.vars." + e.getKey()));
    }
    return vars;
  }

  /**
   * The record found through files alone: the nearest {@code .git} file names the worktree's git
   * dir, which holds the slug marker and (via {@code commondir}) the shared state. Empty in a
   * main worktree (a {@code .git} folder); null when only git can tell.
   */
  @SuppressWarnings("OptionalAssignedToNull")
  private Optional<WorktreeRecord> quickRecord(Path dir) {
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      Path dotGit = d.resolve(".git");
      if (Files.isDirectory(dotGit)) {
        return Optional.empty();
      }
      if (Files.isRegularFile(dotGit)) {
        try {
          String line = Files.readString(dotGit).strip();
          if (!line.startsWith(GITDIR)) {
            return null;
          }
          Path gitDir = d.resolve(line.substring(GITDIR.length()).strip()).normalize();
          Path marker = gitDir.resolve(Repo.MARKER);
          Path commondir = gitDir.resolve("commondir");
          if (!Files.isRegularFile(marker) || !Files.isRegularFile(commondir)) {
            return null;
          }
          Path common = gitDir.resolve(Files.readString(commondir).strip()).normalize();
          Optional<WorktreeRecord> r = services.stateStores().apply(common).bySlug(Files.readString(marker).strip());
          return r.isPresent() ? r : null;
        } catch (IOException e) {
          return null;
        }
      }
    }
    return null;
  }
}
