package dev.wt.adapter.fs;

import dev.wt.core.WtException;
import dev.wt.port.CommandApprovals;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Approvals as one JSON file per approved list in the user's state folder
 * ({@code <state>/wt/trust/<repo key>-<digest>.json}): they belong to the user, not to the
 * repository, so nothing a repository ships or a teammate commits can approve itself.
 */
public final class UserCommandApprovals implements CommandApprovals {

  private final Path dir;
  private final RecordBinding binding = RecordBinding.lenient();

  /** @param dir the folder holding the approvals; null when the user has no home to keep them in */
  public UserCommandApprovals(Path dir) {
    this.dir = dir;
  }

  /** The approvals of the user of {@code env}. */
  public static UserCommandApprovals forUser(Map<String, String> env) {
    Path base = UserStateDir.of(env);
    return new UserCommandApprovals(base == null ? null : base.resolve("trust"));
  }

  @Override
  public boolean approved(String repoKey, String repository, String digest) {
    if (dir == null) {
      return false;
    }
    return read(file(repoKey, digest))
        .filter(a -> a.repository().equals(repository) && a.digest().equals(digest))
        .isPresent();
  }

  @Override
  public Path witness(String repoKey, String digest) {
    return dir == null ? null : file(repoKey, digest);
  }

  @Override
  public void approve(Approval approval) {
    if (dir == null) {
      throw WtException.environment("no folder to keep approvals in: neither XDG_STATE_HOME nor HOME is set",
          "set HOME, or approve for one run with WT_TRUST=1");
    }
    Path target = file(approval.repoKey(), approval.digest());
    try {
      Files.createDirectories(dir);
      Path tmp = TempFiles.create(dir, ".approval", ".tmp");
      try {
        Files.writeString(tmp, PlainJson.write(binding.toPlain(approval)));
        LocalWorktreeFiles.move(tmp, target);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw WtException.environment("cannot write the approval to " + dir + ": " + e.getMessage(),
          "check that the folder is writable, or approve for one run with WT_TRUST=1");
    }
  }

  @Override
  public List<Approval> revoke(String repoKey, String repository) {
    List<Approval> removed = new ArrayList<>();
    for (Path f : files(repoKey + "-*.json")) {
      Optional<Approval> a = read(f).filter(x -> x.repository().equals(repository));
      if (a.isPresent()) {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          throw WtException.environment("cannot remove the approval " + f + ": " + e.getMessage(),
              "check that " + dir + " is writable");
        }
        removed.add(a.get());
      }
    }
    return removed;
  }

  @Override
  public List<Approval> all() {
    List<Approval> out = new ArrayList<>();
    for (Path f : files("*.json")) {
      read(f).ifPresent(out::add);
    }
    out.sort(Comparator.comparing(Approval::repository).thenComparing(Approval::approvedAt));
    return out;
  }

  private Path file(String repoKey, String digest) {
    return dir.resolve(repoKey + "-" + digest.substring(0, Math.min(16, digest.length())) + ".json");
  }

  private List<Path> files(String glob) {
    List<Path> out = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
      s.forEach(out::add);
    } catch (IOException e) {
      throw WtException.environment("cannot read the approvals in " + dir + ": " + e.getMessage(),
          "check the folder's permissions");
    }
    return out;
  }

  /** An approval file, or empty when it is missing or unreadable (which approves nothing). */
  private Optional<Approval> read(Path f) {
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      Approval a = binding.read(PlainJson.parse(RegularFiles.read(f, RegularFiles.OWN)), Approval.class);
      return a == null || a.repository() == null || a.digest() == null ? Optional.empty() : Optional.of(a);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
