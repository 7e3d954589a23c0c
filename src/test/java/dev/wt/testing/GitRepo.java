package dev.wt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real git repository in a temp folder, with helpers to shape it for a test. */
public final class GitRepo {

  private final Path root;

  private GitRepo(Path root) {
    this.root = root;
  }

  /** A repository at {@code parent/name} on branch main with one commit. */
  public static GitRepo create(Path parent, String name) {
    Path root = parent.resolve(name);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitRepo repo = new GitRepo(root);
    repo.git("init", "-q", "-b", "main");
    repo.git("config", "user.email", "dev@example.com");
    repo.git("config", "user.name", "Dev");
    repo.git("config", "commit.gpgsign", "false");
    repo.write("README.md", "# demo\n");
    repo.write(".gitignore", ".env.local\nnode_modules/\n");
    repo.commitAll("initial commit");
    return repo;
  }

  public Path root() {
    return root;
  }

  public Path path(String relative) {
    return root.resolve(relative);
  }

  public GitRepo write(String relative, String content) {
    try {
      Path p = root.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public GitRepo commitAll(String message) {
    git("add", "-A");
    git("commit", "-q", "-m", message);
    return this;
  }

  /** Runs git in the repository and returns stdout; fails the test on a non-zero exit. */
  public String git(String... args) {
    return gitIn(root, args);
  }

  /** Runs git in {@code dir} and returns stdout; fails the test on a non-zero exit. */
  public static String gitIn(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("git timed out: " + cmd);
      }
      assertEquals(0, p.exitValue(), () -> "git failed: " + cmd + "\n" + out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Whether {@code refs/heads/<branch>} exists. */
  public boolean hasBranch(String branch) {
    return !git("branch", "--list", branch).isBlank();
  }
}
