package dev.wt.app.worktree;

import dev.wt.port.Git;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The refs a branch name touches, read in one pass: whether it exists locally, whether a
 * remote-tracking branch has that very name ({@code origin/x}), whether {@code origin} has it,
 * and a ref whose path keeps it from being created ({@code a/b} blocks {@code a/b/c} and the
 * other way round).
 */
record BranchRefs(boolean local, boolean remoteNamed, boolean origin, Optional<String> blocking) {

  static BranchRefs read(Git git, Path repo, String branch) {
    String ref = "refs/heads/" + branch;
    String[] parts = ref.split("/");
    // every ref under the first level below refs/heads/ finds parents and children in the way
    String scope = parts.length >= 3 ? parts[0] + "/" + parts[1] + "/" + parts[2] : ref;
    Set<String> names = git.refNames(repo, List.of(scope, "refs/remotes/" + branch, "refs/remotes/origin/" + branch));
    Optional<String> blocking = names.stream()
        .filter(o -> o.startsWith("refs/heads/") && !o.equals(ref) && (ref.startsWith(o + "/") || o.startsWith(ref + "/")))
        .sorted().findFirst();
    return new BranchRefs(names.contains(ref), names.contains("refs/remotes/" + branch),
        names.contains("refs/remotes/origin/" + branch), blocking);
  }
}
