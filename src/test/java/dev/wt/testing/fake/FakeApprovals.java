package dev.wt.testing.fake;

import dev.wt.port.CommandApprovals;
import java.util.ArrayList;
import java.util.List;

/** The user's approvals of repositories' commands, in memory. */
public final class FakeApprovals implements CommandApprovals {

  private final List<Approval> approvals = new ArrayList<>();

  @Override
  public synchronized boolean approved(String repoKey, String repository, String digest) {
    return approvals.stream().anyMatch(a -> a.repoKey().equals(repoKey) && a.repository().equals(repository)
        && a.digest().equals(digest));
  }

  @Override
  public java.nio.file.Path witness(String repoKey, String digest) {
    return null; // in memory: nothing for a cache to watch
  }

  @Override
  public synchronized void approve(Approval approval) {
    if (!approved(approval.repoKey(), approval.repository(), approval.digest())) {
      approvals.add(approval);
    }
  }

  @Override
  public synchronized List<Approval> revoke(String repoKey, String repository) {
    List<Approval> gone = approvals.stream().filter(a -> a.repoKey().equals(repoKey) && a.repository().equals(repository))
        .toList();
    approvals.removeAll(gone);
    return gone;
  }

  @Override
  public synchronized List<Approval> all() {
    return List.copyOf(approvals);
  }
}
