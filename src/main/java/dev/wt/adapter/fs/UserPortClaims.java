package dev.wt.adapter.fs;

import dev.wt.port.PortClaims;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Port claims as one file per port in the user's state folder ({@code $XDG_STATE_HOME/wt/ports},
 * else {@code ~/.local/state/wt/ports}), created atomically. A claim names its owner as
 * {@code <git common dir>#<slug>}; it is live while that worktree's state record exists, so a
 * deleted repository or a crashed teardown never holds a port for ever.
 */
public final class UserPortClaims implements PortClaims {

  private final Path dir;

  public UserPortClaims(Path dir) {
    this.dir = dir;
  }

  /** The claims folder for the user of {@code env}; null when there is no home to keep it in. */
  public static UserPortClaims forUser(Map<String, String> env) {
    Path base = UserStateDir.of(env);
    return base == null ? null : new UserPortClaims(base.resolve("ports"));
  }

  @Override
  public Set<Integer> heldByOthers(String owner) {
    Set<Integer> out = new HashSet<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.port")) {
      for (Path f : files) {
        Optional<String> holder = read(f);
        if (holder.isPresent() && !holder.get().equals(owner) && live(holder.get())) {
          out.add(portOf(f));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // an unreadable claims folder protects nothing, but must not stop a worktree from starting
    }
    return out;
  }

  @Override
  public boolean claim(String owner, List<Integer> ports) {
    List<Path> made = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (int port : ports) {
        Path f = dir.resolve(port + ".port");
        if (tryCreate(f, owner)) {
          made.add(f);
          continue;
        }
        Optional<String> holder = read(f);
        if (holder.isPresent() && holder.get().equals(owner)) {
          continue;
        }
        if (holder.isPresent() && live(holder.get())) {
          made.forEach(UserPortClaims::deleteQuietly);
          return false;
        }
        // a stale claim: take it over (delete + atomic create, so two takers cannot both win)
        deleteQuietly(f);
        if (!tryCreate(f, owner)) {
          made.forEach(UserPortClaims::deleteQuietly);
          return false;
        }
        made.add(f);
      }
      return true;
    } catch (IOException e) {
      return true; // no claims folder: the repository's own state and the bind probe still hold
    }
  }

  @Override
  public void release(String owner, List<Integer> ports) {
    for (int port : ports) {
      Path f = dir.resolve(port + ".port");
      if (read(f).filter(owner::equals).isPresent()) {
        deleteQuietly(f);
      }
    }
  }

  @Override
  public java.util.Map<Integer, String> all() {
    java.util.Map<Integer, String> out = new java.util.TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.port")) {
      for (Path f : files) {
        read(f).ifPresent(owner -> out.put(portOf(f), owner));
      }
    } catch (IOException | NumberFormatException e) {
      // an unreadable claims folder has nothing gc could sweep
    }
    return out;
  }

  /** Creates the claim with its content in one step (a hard link fails if the name exists). */
  private static boolean tryCreate(Path f, String owner) throws IOException {
    Path tmp = TempFiles.create(f.getParent(), ".claim", ".tmp");
    try {
      Files.writeString(tmp, owner, StandardCharsets.UTF_8);
      Files.createLink(f, tmp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Live while the owning worktree's state record exists. */
  private static boolean live(String owner) {
    int hash = owner.lastIndexOf('#');
    if (hash < 0) {
      return false;
    }
    Path record = dev.wt.core.StateLayout.record(Path.of(owner.substring(0, hash)), owner.substring(hash + 1));
    return Files.isRegularFile(record);
  }

  private static Optional<String> read(Path f) {
    try {
      return Optional.of(RegularFiles.read(f, RegularFiles.OWN).strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int portOf(Path f) {
    String name = f.getFileName().toString();
    return Integer.parseInt(name.substring(0, name.length() - ".port".length()));
  }

  private static void deleteQuietly(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      // a claim left behind is stale once its record is gone
    }
  }
}
