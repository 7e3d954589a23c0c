package dev.wt.app.resource;

import dev.wt.core.WorktreeRecord;
import dev.wt.port.Reporter;
import dev.wt.app.Repo;

/**
 * A resource a worktree owns besides its files (ports, databases): allocated by setup, released
 * by teardown, both idempotent. Its variables come from the record, through
 * {@link dev.wt.core.WorktreeVariables}.
 */
public interface ResourceProvisioner {

  /** A short name for messages and {@code --json}: {@code ports}, {@code databases}. */
  String name();

  /**
   * Allocates or verifies what the worktree needs and returns the record with it frozen in. Runs
   * under the repository's state lock when {@link #needsLock()}.
   */
  WorktreeRecord provision(Repo repo, WorktreeRecord record, Reporter reporter);

  /** Releases everything this provisioner allocated for the record; safe to repeat. */
  WorktreeRecord release(Repo repo, WorktreeRecord record, Reporter reporter);

  /**
   * The names {@link #variables} may give for this repository's configuration, so that templates
   * naming an unknown variable are refused before anything is made.
   */
  default java.util.Set<String> variableNames(Repo repo) {
    return java.util.Set.of();
  }

  /**
   * Checks, before {@code wt up} makes anything (no folder, branch, record or claim yet), that
   * {@link #provision} can succeed for {@code identity}: the configuration is valid, the services
   * it needs answer, the names it would take are free. Makes nothing; a refusal is exit 1, an
   * unreachable environment exit 3.
   * {@code wt up} runs it on a thread of its own while it reads git's refs, and may abandon it: it
   * must take no lock (the state store's re-entrancy is per thread) and report nothing.
   */
  default void preflight(Repo repo, dev.wt.core.WorktreeIdentity identity, Reporter reporter) {
  }

  /**
   * Checks, under the state lock while {@code wt up} records a new identity, that no other worktree
   * already holds what this resource derives from the identity alone (the URL's subdomain): two
   * concurrent ups must not both pass {@link #preflight}. Makes nothing.
   */
  default void checkReservable(Repo repo, dev.wt.core.WorktreeIdentity identity) {
  }

  /**
   * Takes, under the state lock while {@code wt up} records a new worktree (before its checkout),
   * what is handed out from a pool that concurrent ups share (ports), and returns the record with
   * it: of two ups that both passed {@link #preflight}, the one that finds the pool empty is refused
   * here, with nothing made. {@link #provision} then keeps it; {@link #dropEarly} gives it back.
   * Default: nothing.
   */
  default WorktreeRecord reserve(Repo repo, WorktreeRecord record, Reporter reporter) {
    return record;
  }

  /**
   * The part of {@link #provision} that needs no worktree folder, run by {@code wt up} while git
   * checks the folder out, with the configuration read where up runs. {@link #provision} then
   * finishes with the worktree's own configuration and undoes what it does not want. Records each
   * intent before making it, like provision. Default: nothing.
   */
  default WorktreeRecord provisionEarly(Repo repo, WorktreeRecord record, Reporter reporter) {
    return record;
  }

  /**
   * Undoes exactly what {@link #provisionEarly} (or {@link #reserve}) made in this command (never what it found made),
   * for a {@code wt up} whose worktree will not be set up with it: the checkout failed, or the new
   * worktree's configuration cannot be read. Returns the record without it. Default: nothing.
   */
  default WorktreeRecord dropEarly(Repo repo, WorktreeRecord record, Reporter reporter) {
    return record;
  }

  /**
   * Starts, on a daemon thread, what makes this resource's first real step cheaper and changes
   * nothing (loading a driver, a first connection), so it runs while the command's git work does.
   * A failure is ignored here: the real step meets it again and reports it.
   */
  default void warm(Repo repo) {
  }

  /** Whether provision must hold the state lock (it allocates from a shared pool). */
  default boolean needsLock() {
    return false;
  }
}
