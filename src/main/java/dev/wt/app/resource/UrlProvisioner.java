package dev.wt.app.resource;

import dev.wt.core.Template;
import dev.wt.core.WorktreeIdentity;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.WorktreeVariables;
import dev.wt.core.WtException;
import dev.wt.core.config.UrlConfig;
import dev.wt.port.Reporter;
import java.util.Optional;
import dev.wt.app.Repo;

/**
 * Gives each worktree its dev URL ({@code WT_URL}) from {@code [url] pattern}, and refuses a URL
 * another worktree already has: two worktrees never share an origin (and so its cookies).
 */
public final class UrlProvisioner implements ResourceProvisioner {

  @Override
  public String name() {
    return "url";
  }

  @Override
  public boolean needsLock() {
    return true;
  }

  @Override
  public WorktreeRecord provision(Repo repo, WorktreeRecord record, Reporter reporter) {
    UrlConfig config = repo.config().url();
    if (record.ports().isEmpty() && config.pattern().equals(UrlConfig.DEFAULT_PATTERN)) {
      return record.url() == null ? record : record.withUrl(null); // ports.count = 0: no port, no URL
    }
    String url = Template.expand(repo.config().url().pattern(), WorktreeVariables.identityAndPorts(record),
        "url.pattern");
    boolean bySubdomain = repo.config().url().usesSubdomain();
    Optional<WorktreeRecord> clash = subdomainHolder(repo, record.identity().subdomain(), record.slug(), bySubdomain);
    if (clash.isPresent()) {
      throw collision("subdomain " + record.identity().subdomain(), clash.get(), true);
    }
    clash = repo.state().all().stream()
        .filter(o -> !o.slug().equals(record.slug()) && url.equals(o.url()))
        .findFirst();
    if (clash.isPresent()) {
      throw collision("dev URL " + url, clash.get(), bySubdomain);
    }
    if (url.equals(record.url())) {
      reporter.unchanged("url " + url);
      return record;
    }
    WorktreeRecord updated = record.withUrl(url);
    repo.state().save(updated);
    reporter.done("url " + url + (record.url() == null ? "" : " (was " + record.url() + ")"));
    return updated;
  }

  /**
   * The other worktree holding {@code subdomain} when URLs are told apart by subdomain (cookies
   * ignore ports, so a subdomain shared on two ports is still a shared origin).
   */
  private static Optional<WorktreeRecord> subdomainHolder(Repo repo, String subdomain, String slug, boolean bySubdomain) {
    if (!bySubdomain) {
      return Optional.empty();
    }
    return repo.state().all().stream()
        // only worktrees that got their URL: a record frozen by a refused setup holds nothing
        .filter(o -> !o.slug().equals(slug) && o.url() != null && o.identity().subdomain().equals(subdomain))
        .findFirst();
  }

  /** The refusal for a URL (or subdomain) another worktree holds. */
  private static WtException collision(String what, WorktreeRecord other, boolean subdomain) {
    String branch = other.identity().branch();
    return WtException.refused(what + " is already used by the worktree of branch " + branch + " at " + other.path(),
        (subdomain
            ? "the subdomain is the last segment of the branch name: pick a branch whose last segment differs, or "
            : "") + "wt down " + branch + " (or wt teardown " + other.path() + ") first");
  }

  @Override
  public void checkReservable(Repo repo, WorktreeIdentity identity) {
    Optional<WorktreeRecord> holder = subdomainHolder(repo, identity.subdomain(), identity.slug(),
        repo.config().url().usesSubdomain());
    if (holder.isPresent()) {
      throw collision("subdomain " + identity.subdomain(), holder.get(), true);
    }
  }

  @Override
  public WorktreeRecord release(Repo repo, WorktreeRecord record, Reporter reporter) {
    return record.url() == null ? record : record.withUrl(null);
  }

  @Override
  public java.util.Set<String> variableNames(Repo repo) {
    return java.util.Set.of("WT_URL");
  }
}
