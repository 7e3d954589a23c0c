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

  /**
   * A bare repository at {@code parent/name} holding every branch of {@code from}, with HEAD on
   * main: an "origin" for clones.
   */
  public static Path bareOrigin(Path parent, String name, GitRepo from) {
    Path bare = parent.resolve(name);
    gitIn(parent, "init", "-q", "--bare", "-b", "main", bare.toString());
    from.git("push", "-q", bare.toString(), "refs/heads/*:refs/heads/*");
    return bare;
  }

  /** A clone of {@code origin} at {@code parent/name}, configured like {@link #create}. */
  public static GitRepo cloneOf(Path origin, Path parent, String name) {
    gitIn(parent, "clone", "-q", origin.toString(), name);
    GitRepo repo = new GitRepo(parent.resolve(name));
    repo.git("config", "user.email", "dev@example.com");
    repo.git("config", "user.name", "Dev");
    repo.git("config", "commit.gpgsign", "false");
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

  /** The commit {@code ref} points at. */
  public String commit(String ref) {
    return git("rev-parse", "--verify", ref + "^{commit}").strip();
  }

  /** The folders of every worktree, main first, as git lists them. */
  public List<Path> worktrees() {
    return git("worktree", "list", "--porcelain").lines()
        .filter(l -> l.startsWith("worktree "))
        .map(l -> Path.of(l.substring("worktree ".length())))
        .toList();
  }

  /** Commits {@code content} to {@code relative} on a new branch, then returns to where it was. */
  public GitRepo branchWithCommit(String branch, String relative, String content) {
    String current = git("symbolic-ref", "--short", "HEAD").strip();
    git("checkout", "-q", "-b", branch);
    write(relative, content);
    commitAll("work on " + branch);
    git("checkout", "-q", current);
    return this;
  }

  /** Whether {@code refs/heads/<branch>} exists. */
  public boolean hasBranch(String branch) {
    // for-each-ref, not "branch --list": a branch called --force must not become an option
    return git("for-each-ref", "--format=%(refname)", "refs/heads/" + branch).lines()
        .anyMatch(("refs/heads/" + branch)::equals);
  }
}
