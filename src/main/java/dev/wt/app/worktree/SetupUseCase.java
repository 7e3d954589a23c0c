package dev.wt.app.worktree;

import dev.wt.core.GeneratedFile;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WorktreeVariables;
import dev.wt.core.WtException;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.wt.app.resource.ResourceProvisioner;
import dev.wt.app.resource.FileProvisioner;
import dev.wt.app.trust.TrustGate;
import dev.wt.app.Repo;
import dev.wt.app.WorktreeTarget;
import dev.wt.app.Services;

/** Provisions the worktree at a path: identity, resources, files, git identity, set-up commands. */
public final class SetupUseCase {

  private final Services services;
  private final List<ResourceProvisioner> resources;
  private final SetupCommands commands;
  private final SetupAhead ahead;

  public SetupUseCase(Services services, List<ResourceProvisioner> resources, TrustGate trust) {
    this.services = services;
    this.resources = List.copyOf(resources);
    this.commands = new SetupCommands(services.commands(), trust);
    this.ahead = new SetupAhead(this, this.resources);
  }

  /**
   * How to run setup.
   *
   * @param identityReserved {@code wt up} recorded the identity in this run, just before it made the
   *     worktree: setup reports the identity created, not found
   */
  public record Options(boolean force, boolean rerunCommands, String createdBy, boolean branchCreated,
      boolean identityReserved) {
    public Options(boolean force, boolean rerunCommands, String createdBy, boolean branchCreated) {
      this(force, rerunCommands, createdBy, branchCreated, false);
    }

    public static Options plain() {
      return new Options(false, false, "setup", false);
    }
  }

  /** Sets up the worktree at {@code dir}, waiting while another wt command sets it up. */
  public SetupResult setup(Path dir, Options options, Reporter reporter) {
    Repo repo = Repo.open(services, dir);
    if (repo.location().isMain()) {
      return setupHeld(repo, options, reporter); // refuses
    }
    return repo.state().lockedWorktree(lockKey(repo), SetupState.waitingNotice(reporter),
        () -> setupHeld(repo, options, reporter));
  }

  /** The slug whose lock a setup here takes: the record's, else the one it is about to get. */
  private String lockKey(Repo repo) {
    return WorktreeTarget.here(repo).map(WorktreeRecord::slug)
        .orElseGet(() -> WorktreeIdentity.derive(identitySource(repo)).slug());
  }

  /** {@link #setup} for a caller that holds the worktree's lock ({@link UpUseCase}). */
  SetupResult setupHeld(Path dir, Options options, Reporter reporter) {
    return setupHeld(Repo.open(services, dir), options, reporter);
  }

  /** {@link #setupHeld(Path, Options, Reporter)} of a repository its caller has opened there already. */
  SetupResult setupHeld(Repo repo, Options options, Reporter reporter) {
    var loc = repo.location();
    if (loc.isMain()) {
      throw WtException.refused("wt setup provisions linked worktrees; " + loc.worktreeRoot() + " is the main worktree",
          "run wt up <branch> to create one, or run wt setup inside a worktree another tool created");
    }
    List<SetupResult.Action> actions = new Reported(reporter);
    WorktreeRecord record = repo.state().locked(() -> freeze(repo, options, actions));
    repo.gitFiles().writeMarker(loc.gitDir(), record.slug());

    for (ResourceProvisioner p : resources) {
      WorktreeRecord current = record;
      record = p.needsLock()
          ? repo.state().locked(() -> p.provision(repo, current, reporter))
          : p.provision(repo, current, reporter);
      repo.state().save(record);
    }

    if (services.disk().isFile(loc.worktreeRoot().resolve(".gitmodules")) && !loc.isMain()) {
      actions.addAll(Submodules.init(services, repo.main(), loc.worktreeRoot()));
    }
    Map<String, String> vars = WorktreeVariables.of(record, repo.config().env().vars());
    FileProvisioner fp = new FileProvisioner(services.git(), services.files(), services.disk());
    List<GeneratedFile> owned = fp.provision(repo.config(), record, vars, actions::add, options.force());
    // every variable is in place now: env, run and db may use them (set-up commands call them too)
    record = record.withFiles(owned).withSetupPending(false);
    repo.state().save(record);
    // info/exclude is shared by every worktree: concurrent setups must not append the same lines twice
    List<String> excluded = repo.state().locked(() -> fp.excludeGenerated(loc.commonDir(), loc.worktreeRoot(), owned));
    for (String added : excluded) {
      actions.add(new SetupResult.Action("exclude", added, SetupResult.Outcome.CREATED, "added to .git/info/exclude"));
    }

    if (repo.config().git().worktreeIdentity()) {
      actions.addAll(gitIdentity(repo));
    }

    List<SetupResult.Skipped> skipped = new ArrayList<>();
    record = commands.run(repo, record, vars, options.rerunCommands(), actions, skipped, reporter);
    repo.state().save(record);

    boolean changed = actions.stream().anyMatch(a -> !a.outcome().quiet());
    return new SetupResult(record, actions, changed, skipped);
  }

  /** The actions of one setup, each told to the user the moment it happens, in order. */
  private static final class Reported extends ArrayList<SetupResult.Action> {
    private static final long serialVersionUID = 1L;
    private final transient Reporter reporter;

    Reported(Reporter reporter) {
      this.reporter = reporter;
    }

    @Override
    public boolean add(SetupResult.Action a) {
      String line = a.step() + " " + a.target() + ": " + a.detail();
      switch (a.outcome()) {
        case UNCHANGED -> reporter.unchanged(line);
        case SKIPPED -> reporter.warn(line);
        default -> reporter.done(line);
      }
      return super.add(a);
    }

    @Override
    public boolean addAll(java.util.Collection<? extends SetupResult.Action> all) {
      all.forEach(this::add);
      return !all.isEmpty();
    }
  }

  /**
   * Refuses templates that name a variable this configuration never gives, before anything is
   * made (otherwise the error would come after {@code git worktree add}).
   */
  public void checkTemplates(Repo repo) {
    Map<String, String> names = new LinkedHashMap<>();
    WorktreeVariables.names().forEach(n -> names.put(n, ""));
    for (ResourceProvisioner p : resources) {
      p.variableNames(repo).forEach(n -> names.put(n, ""));
    }
    // the file is named too: a key alone does not say where to look
    repo.config().env().vars().forEach((k, v) -> dev.wt.core.Template.expand(v, names,
        "env.vars." + k + " (wt.toml or wt.local.toml)"));
    repo.config().env().vars().keySet().forEach(k -> names.put(k, ""));
    if (repo.config().browserSession().enabled()) {
      dev.wt.core.Template.expand(repo.config().browserSession().template(), names,
          "browser_session.template (wt.toml or wt.local.toml)");
    }
    for (var t : repo.config().files().template()) {
      try {
        // the template as this checkout has it; setup checks the worktree's own copy again
        var text = services.disk().read(repo.location().worktreeRoot().resolve(t.source()));
        if (text.isPresent()) {
          dev.wt.core.Template.expand(text.get(), names, "the template " + t.source() + " (files.template)");
        }
      } catch (java.io.IOException e) {
        // unreadable here: setup reads it in the worktree and says why there
      }
    }
  }

  /**
   * Checks, before {@code wt up} makes anything, that setup can succeed for {@code identity}: the
   * templates and what every resource needs ({@link ResourceProvisioner#preflight}).
   */
  public void preflight(Repo repo, WorktreeIdentity identity, Reporter reporter) {
    checkTemplates(repo);
    for (ResourceProvisioner p : resources) {
      p.preflight(repo, identity, reporter);
    }
  }

  /** What {@code wt up} runs of setup ahead, beside git's reads and the checkout. */
  SetupAhead ahead() {
    return ahead;
  }

  /**
   * Checks, under the state lock while {@code wt up} records {@code identity}, that no other
   * worktree holds what a resource derives from it ({@link ResourceProvisioner#checkReservable}).
   */
  void checkReservable(Repo repo, WorktreeIdentity identity) {
    resources.forEach(p -> p.checkReservable(repo, identity));
  }

  /** {@link ResourceProvisioner#reserve} of every resource, under the state lock {@code wt up} records {@code record} under. */
  WorktreeRecord reserve(Repo repo, WorktreeRecord record, Reporter reporter) {
    for (ResourceProvisioner p : resources) {
      record = p.reserve(repo, record, reporter);
    }
    return record;
  }

  private WorktreeRecord freeze(Repo repo, Options options, List<SetupResult.Action> actions) {
    var loc = repo.location();
    Optional<WorktreeRecord> existing = WorktreeTarget.here(repo);
    if (existing.isPresent()) {
      WorktreeRecord r = existing.get();
      if (!r.path().equals(loc.worktreeRoot().toString())) {
        actions.add(new SetupResult.Action("identity", r.slug(), SetupResult.Outcome.UPDATED,
            "worktree moved from " + r.path() + "; identity kept"));
        r = r.withPath(loc.worktreeRoot().toString());
        repo.state().save(r);
      } else {
        actions.add(options.identityReserved()
            ? new SetupResult.Action("identity", r.slug(), SetupResult.Outcome.CREATED,
                "slug " + r.slug() + ", subdomain " + r.identity().subdomain())
            : new SetupResult.Action("identity", r.slug(), SetupResult.Outcome.UNCHANGED, "frozen since " + r.provisionedAt()));
      }
      return r;
    }
    String branch = identitySource(repo);
    WorktreeIdentity identity = WorktreeIdentity.derive(branch);
    Optional<WorktreeRecord> clash = repo.state().bySlug(identity.slug());
    if (clash.isPresent()) {
      WorktreeRecord other = clash.get();
      Optional<Path> otherLive = repo.liveWorktreeOf(other, services.git().worktrees(repo.main()))
          .map(dev.wt.port.Git.WorktreeEntry::path);
      if (!other.identity().branch().equals(branch) || otherLive.isPresent()) {
        throw WtException.refused("identity " + identity.slug() + " is already used by the worktree at "
            + otherLive.map(Path::toString).orElse(other.path()) + " (branch " + other.identity().branch() + ")",
            "tear that one down first (wt down " + other.identity().branch() + ") or use another branch name");
      }
      WorktreeRecord adopted = other.withPath(loc.worktreeRoot().toString());
      repo.state().save(adopted);
      actions.add(new SetupResult.Action("identity", identity.slug(), SetupResult.Outcome.UPDATED,
          "adopted the record of a removed worktree on the same branch"));
      return adopted;
    }
    WorktreeRecord fresh = new WorktreeRecord(WorktreeRecord.CURRENT_VERSION, repo.project(), identity,
        loc.worktreeRoot().toString(), repo.main().toString(), options.createdBy(), options.branchCreated(),
        Instant.now(), List.of(), null).withSetupPending(true);
    repo.state().save(fresh);
    actions.add(new SetupResult.Action("identity", identity.slug(), SetupResult.Outcome.CREATED,
        "slug " + identity.slug() + ", subdomain " + identity.subdomain()));
    return fresh;
  }

  /** The branch name, or for a detached worktree the name its creator gave it. */
  private String identitySource(Repo repo) {
    String branch = repo.location().branch();
    if (branch != null) {
      return branch;
    }
    String conductor = services.env().get("CONDUCTOR_WORKSPACE_NAME");
    if (conductor != null && !conductor.isBlank()) {
      return conductor;
    }
    return repo.location().worktreeRoot().getFileName().toString();
  }

  private List<SetupResult.Action> gitIdentity(Repo repo) {
    List<SetupResult.Action> out = new ArrayList<>();
    for (String key : List.of("user.name", "user.email")) {
      Optional<String> mainValue = services.git().config(repo.main(), key);
      // the worktree's own pin, not the effective value: that one comes from the shared .git/config
      // and would follow a later change made in main
      Optional<String> here = services.git().worktreeConfig(repo.location().worktreeRoot(), key);
      if (mainValue.isEmpty()) {
        out.add(new SetupResult.Action("git", key, SetupResult.Outcome.SKIPPED, "not set in the main worktree"));
      } else if (here.isPresent()) {
        // a pin stays what it was made: main's later changes are exactly what it keeps out
        out.add(new SetupResult.Action("git", key, SetupResult.Outcome.UNCHANGED, "pinned to " + here.get()
            + (here.equals(mainValue) ? "" : " (main has " + mainValue.get() + "; git config --worktree --unset "
                + key + " and wt setup pin that)")));
      } else {
        services.git().setWorktreeConfig(repo.location().worktreeRoot(), key, mainValue.get());
        out.add(new SetupResult.Action("git", key, SetupResult.Outcome.CREATED, "set to " + mainValue.get() + " for this worktree"));
      }
    }
    return out;
  }
}
