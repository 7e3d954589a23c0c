package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [env] file} on a path {@code [files] symlink} also names: the main file's keys plus the worktree's. */
class SharedEnvFileTest {

  @TempDir Path tmp;

  @Test
  void the_worktrees_file_holds_the_shared_keys_and_its_own_and_setup_brings_in_new_shared_keys() throws Exception {
    GitRepo repo = GitRepo.create(tmp, "worker");
    repo.write(".gitignore", ".dev.vars\n").write("wt.toml", """
        [env]
        file = ".dev.vars"
        [env.vars]
        DB_NAME = "app_${WT_NAME}"
        [files]
        symlink = [".dev.vars"]
        """).commitAll("cloudflare worker");
    repo.write(".dev.vars", "# shared secrets\nCF_API_TOKEN=tok_shared\nDB_NAME=app_main\nPEM=\"line1\nline2\"\n");
    WtRun.in(repo.root(), "up", "feat/d1").ok();
    Path file = tmp.resolve("worker-d1/.dev.vars");
    assertFalse(Files.isSymbolicLink(file), "its own file, not the main one");
    String text = Files.readString(file);
    assertTrue(text.contains("CF_API_TOKEN=tok_shared\n"), text);
    assertTrue(text.contains("PEM=\"line1\nline2\"\n"), text);
    assertTrue(text.contains("DB_NAME=app_d1\n"), text);
    assertFalse(text.contains("app_main"), "a key wt sets is there once: " + text);
    assertEquals("# shared secrets\nCF_API_TOKEN=tok_shared\nDB_NAME=app_main\nPEM=\"line1\nline2\"\n",
        Files.readString(repo.path(".dev.vars")), "the main file is untouched");

    Files.writeString(repo.path(".dev.vars"), "CF_ACCOUNT_ID=acc\n", java.nio.file.StandardOpenOption.APPEND);
    WtRun.in(tmp.resolve("worker-d1"), "setup").ok();
    assertTrue(Files.readString(file).contains("CF_ACCOUNT_ID=acc\n"), Files.readString(file));
    WtRun.in(repo.root(), "down", "feat/d1").ok();
    assertTrue(Files.exists(repo.path(".dev.vars")));
  }
}
