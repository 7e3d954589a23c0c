package dev.wt.app.trust;

import dev.wt.core.RepoCommand;
import dev.wt.core.RepoCommands;
import dev.wt.core.WtException;
import dev.wt.port.CommandApprovals;
import dev.wt.port.ConfigLoader;
import dev.wt.port.Consent;
import dev.wt.port.Reporter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.wt.app.Repo;
import dev.wt.app.Services;

/**
 * Lets commands that come from the repository (a cloned {@code wt.toml}, a teammate's commit) run
 * only once the user approved that exact list, like {@code direnv allow}; the user's own
 * {@code wt.local.toml} needs no approval.
 */
public final class TrustGate {

  /** {@code WT_TRUST=1} approves the commands for one run (CI), without recording it. */
  public static final String ENV = "WT_TRUST";

  private final Services services;
  private final CommandApprovals approvals;
  private final Consent consent;

  public TrustGate(Services services, CommandApprovals approvals, Consent consent) {
    this.services = services;
    this.approvals = approvals;
    this.consent = consent;
  }

  /**
   * Whether the commands may run, and why.
   *
   * @param approved true when the repository's commands may run (the user's own always may)
   */
  public record Verdict(RepoCommands commands, boolean approved, String reason) {

    public boolean mayRun(String key) {
      return approved || commands.byKey(key).map(c -> !c.fromRepository()).orElse(false);
    }
  }

  /**
   * The commands of {@code repo}'s configuration, each marked with whether the repository gives
   * it. A {@code wt.local.toml} git tracks was committed by someone: it counts as the repository's.
   */
  public RepoCommands commands(Repo repo) {
    Path root = repo.location().worktreeRoot();
    return RepoCommands.of(repo.config(), userOwn(repo).orElse(null),
        file -> fingerprint(repo, root, file).map(ComposeFingerprint::describe).orElse(null),
        file -> fingerprint(repo, repo.main(), file).map(ComposeFingerprint::describe).orElse(null), services.env());
  }

  /**
   * Whether the repository's {@code [env.vars]} may reach a shell or a program ({@code wt env},
   * {@code wt run}), never asking: a committed {@code PATH} changes what every command typed there
   * does.
   *
   * @param skipped the repository's variables that are not approved (the user's own always pass)
   * @param witness a file whose change may change the answer (the approval's), for a cache, or null
   * @param cacheable whether the answer may be cached: not under WT_TRUST=1 (it holds for one run),
   *     not with variables left out (the warning must show on every run)
   */
  public record EnvVarsVerdict(List<String> skipped, Path witness, boolean cacheable) {
    public EnvVarsVerdict {
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * The {@link EnvVarsVerdict} of {@code repo}: only variables whose names make programs load code
   * or settings ({@link dev.wt.core.config.ReservedVariables}) wait for an approval; cheap when the
   * configuration sets none.
   */
  public EnvVarsVerdict envVars(Repo repo) {
    if (repo.config().env().vars().keySet().stream().noneMatch(dev.wt.core.config.ReservedVariables::reserved)) {
      return new EnvVarsVerdict(List.of(), null, true);
    }
    RepoCommands commands = commands(repo);
    List<String> repository = commands.fromRepository().stream().map(RepoCommand::key)
        .filter(k -> k.startsWith(RepoCommands.envKey(""))).map(k -> k.substring(RepoCommands.envKey("").length()))
        // API_URL = "http://localhost:${WT_PORT}" changes what no program runs: only names that do wait
        .filter(dev.wt.core.config.ReservedVariables::reserved).toList();
    if (repository.isEmpty()) {
      return new EnvVarsVerdict(List.of(), null, true);
    }
    if (onceByEnv()) {
      return new EnvVarsVerdict(List.of(), null, false);
    }
    Path witness = approvals.witness(repo.trustKey(), commands.digest());
    boolean approved = isApproved(repo, commands);
    return new EnvVarsVerdict(approved ? List.of() : repository, witness, approved);
  }

  /**
   * The configuration of the user's own file alone: an untracked {@code wt.local.toml}. A tracked
   * one was committed by someone: it counts as the repository's.
   */
  public Optional<dev.wt.core.config.WtConfig> userOwn(Repo repo) {
    return services.configLoader().userFile(repo.location().worktreeRoot(), repo.main())
        .filter(f -> !services.git().isTracked(f.path())).map(ConfigLoader.UserFile::config);
  }

  /**
   * Decides whether the commands at {@code keys} may run, asking on a terminal when the
   * repository's list is new; a yes there is remembered. When all of them are the user's own,
   * nothing is asked.
   */
  public Verdict check(Repo repo, List<String> keys, Reporter reporter) {
    RepoCommands commands = commands(repo);
    List<RepoCommand> asking = commands.fromRepository();
    if (keys.stream().map(commands::byKey).flatMap(Optional::stream).noneMatch(RepoCommand::fromRepository)) {
      return new Verdict(commands, true, "no commands from the repository");
    }
    if (onceByEnv()) {
      return new Verdict(commands, true, ENV + "=1");
    }
    if (isApproved(repo, commands)) {
      return new Verdict(commands, true, "approved with wt trust");
    }
    Optional<Boolean> answer = consent.ask(heading(repo), asking);
    if (answer.isEmpty()) {
      return new Verdict(commands, false, "not approved, and there is no terminal to ask on");
    }
    if (!answer.get()) {
      return new Verdict(commands, false, "not approved (declined)");
    }
    approve(repo, commands);
    reporter.done("approved " + asking.size() + " command(s) from the repository for " + repo.main());
    return new Verdict(commands, true, "approved on the terminal");
  }

  /**
   * {@link #check} of the one command at {@code key}, throwing {@link #notRun} when it may not run:
   * for a step that cannot go on without it (a compose file, a container, a create command).
   */
  public void require(Repo repo, String key, String rerun, Path dir, Reporter reporter) {
    Verdict v = check(repo, List.of(key), reporter);
    if (!v.mayRun(key)) {
      throw notRun(1, v.reason() + " (" + key + ")", rerun, dir);
    }
  }

  boolean isApproved(Repo repo, RepoCommands commands) {
    return approvals.approved(repo.trustKey(), repository(repo), commands.digest());
  }

  void approve(Repo repo, RepoCommands commands) {
    approvals.approve(new CommandApprovals.Approval(repo.trustKey(), repository(repo), commands.digest(),
        commands.fromRepository(), Instant.now()));
  }

  /** The identity approvals are kept under: the repository's canonical git common dir. */
  static String repository(Repo repo) {
    return repo.location().commonDir().toString();
  }

  static String heading(Repo repo) {
    return "The repository at " + repo.main() + " asks wt to run these commands (from wt.toml):";
  }

  private boolean onceByEnv() {
    String v = services.env().get(ENV);
    return v != null && List.of("1", "true", "yes").contains(v.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * The exit-4 error after commands were skipped: what did not run and the two steps that finish
   * the job. Under Conductor's setup script there is no terminal, so it says where to run them.
   */
  public WtException notRun(int count, String reason, String rerun, Path worktree) {
    String where = services.env().containsKey("CONDUCTOR_WORKSPACE_PATH")
        ? " (both in a terminal in this workspace, " + worktree + ": Conductor's setup script has no terminal to ask on)"
        : " (both in " + worktree + ")";
    return WtException.partial(count + " command(s) from the repository did not run: " + reason
        + "; everything else is in place", "wt trust, then " + rerun + where);
  }

  /**
   * Refuses (exit 1) the compose file {@code file} in {@code base} when an {@code include} of it (or
   * of a file it pulls in) names a remote source: docker would fetch it on every run, so what runs
   * could change after the approval and no hash of wt's can tell.
   */
  public void requireLocalCompose(Repo repo, Path base, String file, String key) {
    List<String> remote = fingerprint(repo, base, file).map(ComposeFingerprint::remote).orElse(List.of());
    if (!remote.isEmpty()) {
      throw WtException.refused(key + " " + file + " includes " + String.join(", ", remote)
          + ": wt cannot approve a remote include (what it holds can change after you approved it)",
          "copy the included file into the repository and include it by its path");
    }
  }

  /** What the compose file {@code file} in {@code base} pulls in, variables as its runs get them. */
  private Optional<ComposeFingerprint> fingerprint(Repo repo, Path base, String file) {
    // untracked files (a .env wt writes, the user's own, what the app writes to a bind mount) are
    // not the repository's: hashing them made every worktree's approval differ, and one change void it
    java.util.Map<Path, Boolean> known = new java.util.HashMap<>();
    return ComposeFingerprint.of(services.disk(), base, file, repo.config().env().vars(),
        p -> known.computeIfAbsent(p, services.git()::isTracked));
  }
}
