package dev.wt.app.gc;

import dev.wt.core.StateLayout;
import dev.wt.core.ExitCode;
import dev.wt.core.Leftovers;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WtException;
import dev.wt.port.Git;
import dev.wt.port.PortClaims;
import dev.wt.port.Reporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.wt.app.worktree.DownUseCase;
import dev.wt.app.worktree.TeardownUseCase;
import dev.wt.app.Repo;
import dev.wt.app.Services;

/**
 * {@code wt gc}: finds what worktrees that no longer exist left behind (state records, marked
 * databases, pull staging databases, templates of projects no worktree uses, port claims, git's
 * entries, containers, old trash) and, when
 * asked, releases it; with {@code merged}, first brings down clean worktrees whose branch is merged.
 */
public final class GcUseCase {

  /** Kinds of leftovers, in the order they are reported and counted. */
  public static final List<String> KINDS = List.of("merged", "record", "database", "staging", "template", "port",
      "worktree", "container", "trash");

  private final Services services;
  private final TeardownUseCase teardown;
  private final DownUseCase down;
  private final GcServers servers;
  private final PortClaims claims;
  private final LiveWorktrees liveWorktrees;
  private final dev.wt.app.TaskBorrowers borrowers;

  /** @param claims the per-user port claims; null when the user has no state folder */
  public GcUseCase(Services services, TeardownUseCase teardown, DownUseCase down, GcServers servers, PortClaims claims) {
    this.services = services;
    this.teardown = teardown;
    this.down = down;
    this.servers = servers;
    this.claims = claims;
    this.liveWorktrees = new LiveWorktrees(services.git(), services.disk());
    this.borrowers = new dev.wt.app.TaskBorrowers(services);
  }

  /**
   * What the user asked for.
   *
   * @param yes release what is found (without it, gc only lists)
   * @param merged also bring down clean worktrees whose branch is merged into the base
   * @param shellCwd where the shell stands: its worktree is never brought down
   */
  public record Request(boolean yes, boolean merged, Path shellCwd) {}

  /**
   * One leftover.
   *
   * @param kind one of {@link #KINDS}
   * @param outcome what gc did with it
   */
  public record Item(String kind, String name, String detail, Outcome outcome) {}

  /** What gc did with one leftover; in the listing and {@code --json} as its lower-case name. */
  public enum Outcome {
    /** Found in a dry run. */
    FOUND,
    RELEASED,
    /** Left alone; the detail says why. */
    KEPT,
    FAILED;

    @Override
    public String toString() {
      return dev.wt.core.Words.of(this);
    }
  }

  /** Everything gc found or did, and how many of each kind it found or released. */
  public record Result(boolean dryRun, List<Item> items, Map<String, Integer> counts) {

    public boolean failed() {
      return items.stream().anyMatch(i -> i.outcome() == Outcome.FAILED);
    }
  }

  public Result gc(Path cwd, Request request, Reporter reporter) {
    Repo repo = Repo.open(services, cwd);
    PendingDeletions.resume(services, repo.location().commonDir()); // removed worktrees are no one's: no --yes needed
    List<Item> items = new ArrayList<>();
    if (request.merged()) {
      merged(repo, request, items, reporter);
    }
    Git git = services.git();
    List<Git.WorktreeEntry> worktrees = git.worktrees(repo.main());
    Set<String> live = new HashSet<>(liveWorktrees.slugs(repo));
    items.addAll(lentOut(repo, live));
    List<WorktreeRecord> dead = repo.state().all().stream().filter(r -> !live.contains(r.slug())).toList();

    // databases first: a record's teardown may stop the embedded cluster once the last one is gone
    items.addAll(servers.sweep(repo, live, liveWorktrees, new UnusedTemplates(services), request.yes(), reporter));
    // a record's teardown releases its port claims: seen now, so the summary counts them as the dry run did
    List<Item> claimsBefore = request.yes() ? portClaims(repo, live, false) : List.of();
    for (WorktreeRecord r : dead) {
      // an up records its name before its folder exists: released only while no command holds the worktree
      items.add(liveWorktrees.whileDead(repo, r.slug(), () -> record(repo, r, request.yes(), reporter))
          .orElseGet(() -> LiveWorktrees.busy("record", r.slug(), r.slug())));
    }
    List<Item> claims = portClaims(repo, live, request.yes());
    Set<String> claimedStill = new HashSet<>();
    claims.forEach(c -> claimedStill.add(c.name()));
    for (Item before : claimsBefore) {
      if (!claimedStill.contains(before.name())) {
        items.add(new Item("port", before.name(), before.detail() + "; released with its worktree's record", Outcome.RELEASED));
      }
    }
    items.addAll(claims);
    items.addAll(new GitEntries(services).sweep(repo, worktrees, request.yes(), reporter));
    items.addAll(Trash.sweep(services.disk(), StateLayout.trash(repo.location().commonDir()), request.yes()));

    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String kind : KINDS) {
      counts.put(kind, (int) items.stream()
          .filter(i -> i.kind().equals(kind) && (i.outcome() == Outcome.FOUND || i.outcome() == Outcome.RELEASED))
          .count());
    }
    return new Result(!request.yes(), items, counts);
  }

  /**
   * Records of gone worktrees whose ports and databases another repository's worktree of the same
   * task still uses (a task's primary): kept, and counted as live so that nothing of theirs goes.
   */
  private List<Item> lentOut(Repo repo, Set<String> live) {
    List<Item> out = new ArrayList<>();
    for (WorktreeRecord r : repo.state().all()) {
      List<Path> using = live.contains(r.slug()) ? List.of() : borrowers.of(r);
      if (!using.isEmpty()) {
        live.add(r.slug());
        out.add(new Item("record", r.slug(), r.identity().branch() + " at " + r.path() + ": kept, its ports and "
            + "databases are still used by " + String.join(", ", using.stream().map(Path::toString).toList())
            + " (wt down " + dev.wt.core.Shell.quote(r.identity().branch()) + " in the workspace takes the task down)",
            Outcome.KEPT));
      }
    }
    return out;
  }

  private Item record(Repo repo, WorktreeRecord r, boolean yes, Reporter reporter) {
    String detail = r.identity().branch() + " at " + r.path() + (r.ports().isEmpty() ? "" : ", ports " + r.ports());
    if (!yes) {
      return new Item("record", r.slug(), detail, GcUseCase.Outcome.FOUND);
    }
    // read again under the lock: a command that held it may have released or moved the worktree
    Optional<WorktreeRecord> now = repo.state().bySlug(r.slug());
    if (now.isEmpty()) {
      return new Item("record", r.slug(), detail + "; already released", Outcome.RELEASED);
    }
    try {
      teardown.release(repo, now.get(), reporter);
      return new Item("record", r.slug(), detail, GcUseCase.Outcome.RELEASED);
    } catch (WtException e) {
      return new Item("record", r.slug(), detail + ": " + e.getMessage(), GcUseCase.Outcome.FAILED);
    }
  }

  /** Claims of this repository's dead worktrees, and of repositories that no longer exist. */
  private List<Item> portClaims(Repo repo, Set<String> live, boolean yes) {
    List<Item> out = new ArrayList<>();
    if (claims == null) {
      return out;
    }
    String commonDir = repo.location().commonDir().toString();
    for (Map.Entry<Integer, String> claim : claims.all().entrySet()) {
      String owner = claim.getValue();
      Optional<String> slug = Leftovers.claimSlug(owner, commonDir);
      String why;
      if (slug.isPresent()) {
        if (live.contains(slug.get())) {
          continue;
        }
        why = "claimed by " + slug.get() + ", whose worktree is gone";
      } else {
        int hash = owner.lastIndexOf('#');
        if (hash <= 0 || services.disk().isDirectory(Path.of(owner.substring(0, hash)))) {
          continue; // another repository's, alive: not ours to judge
        }
        why = "claimed by a repository that no longer exists (" + owner.substring(0, hash) + ")";
      }
      Runnable release = () -> claims.release(owner, List.of(claim.getKey()));
      Item item = new Item("port", String.valueOf(claim.getKey()), why, yes ? GcUseCase.Outcome.RELEASED : GcUseCase.Outcome.FOUND);
      if (slug.isEmpty()) {
        if (yes) {
          release.run();
        }
        out.add(item);
        continue;
      }
      out.add(liveWorktrees.whileDead(repo, slug.get(), () -> {
        if (yes) {
          release.run();
        }
        return item;
      }).orElseGet(() -> LiveWorktrees.busy("port", String.valueOf(claim.getKey()), slug.get())));
    }
    return out;
  }

  /** Brings down every clean linked worktree whose branch is merged into the base; down refuses dirty ones. */
  private void merged(Repo repo, Request request, List<Item> items, Reporter reporter) {
    Git git = services.git();
    if (!git.refExists(repo.main(), repo.base())) {
      items.add(new Item("merged", repo.base(), "the base does not exist, so nothing counts as merged", Outcome.KEPT));
      return;
    }
    for (Git.WorktreeEntry w : git.worktrees(repo.main())) {
      if (w.main() || w.branch() == null || !services.disk().isDirectory(w.path()) || w.branch().equals(repo.base())
          || !git.isMerged(repo.main(), w.branch(), repo.base())) {
        continue;
      }
      String name = w.path().toString();
      String detail = "branch " + w.branch() + " is merged into " + repo.base();
      if (!git.branchMoved(repo.main(), w.branch())) {
        // never moved since it was made from the base: a worktree just started, not one whose work landed
        items.add(new Item("merged", name, "branch " + w.branch() + " has no commits of its own yet", Outcome.KEPT));
        continue;
      }
      if (!request.yes()) {
        boolean dirty = !git.dirtyPaths(w.path()).isEmpty();
        items.add(new Item("merged", name, detail + (dirty ? "; it has uncommitted changes, so down will refuse it" : ""),
            Outcome.FOUND));
        continue;
      }
      try {
        down.down(repo.main(), new DownUseCase.Request(name, false, false, request.shellCwd()), reporter);
        items.add(new Item("merged", name, detail, Outcome.RELEASED));
      } catch (WtException e) {
        boolean refused = e.exitCode() == ExitCode.REFUSED;
        items.add(new Item("merged", name, detail + ": " + e.getMessage(), refused ? Outcome.KEPT : Outcome.FAILED));
      }
    }
  }
}
