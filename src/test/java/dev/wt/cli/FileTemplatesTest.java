package dev.wt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wt.core.WorktreeIdentity;
import dev.wt.testing.GitRepo;
import dev.wt.testing.WtRun;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files rendered from templates, {@code .worktreeinclude} by symlink, and every placeholder everywhere. */
class FileTemplatesTest {

  @TempDir Path tmp;
  GitRepo repo;

  @BeforeEach
  void repository() {
    repo = GitRepo.create(tmp, "shop");
    repo.write(".gitignore", ".env.local\nnode_modules/\nsecrets/\nphp/constants.php\n").commitAll("ignore");
  }

  @Test
  void a_template_is_rendered_into_each_worktree_with_the_worktrees_placeholders() throws Exception {
    repo.write("config/constants.php.tmpl", "<?php\ndefine('SLUG', '${WT_SLUG}');\ndefine('NAME', '${WT_NAME}');\n"
            + "define('REPO', '${WT_REPO}');\ndefine('LIT', '$${NOT_ME}');\n")
        .write("wt.toml", """
            [[files.template]]
            source = "config/constants.php.tmpl"
            target = "php/constants.php"
            [env.vars]
            SESSION = "shop-${WT_NAME}"
            """).commitAll("template");
    WtRun up = WtRun.in(repo.root(), "up", "feat/php").ok();
    Path wt = tmp.resolve("shop-php");
    String slug = WorktreeIdentity.derive("feat/php").slug();
    assertEquals("<?php\ndefine('SLUG', '" + slug + "');\ndefine('NAME', 'php');\ndefine('REPO', 'shop');\n"
        + "define('LIT', '${NOT_ME}');\n", Files.readString(wt.resolve("php/constants.php")));
    assertTrue(up.err().contains("php/constants.php"), up.err());
    String env = Files.readString(wt.resolve(".env.development.local"));
    assertTrue(env.contains("SESSION=shop-php\n"), env);
    assertTrue(env.contains("WT_NAME=php\n"), env);
    assertFalse(Files.exists(repo.path("php/constants.php")), "the main worktree is not touched");

    WtRun.in(repo.root(), "down", "feat/php").ok();
    assertFalse(Files.exists(wt), "the rendered file is wt's and goes with the worktree");
  }

  @Test
  void an_unknown_placeholder_in_a_template_file_is_refused_naming_the_file() {
    repo.write("tmpl/.env.test.tmpl", "DB=${NO_SUCH_THING}\n")
        .write("wt.toml", "[[files.template]]\nsource = \"tmpl/.env.test.tmpl\"\ntarget = \".env.test\"\n")
        .commitAll("template");
    WtRun up = WtRun.in(repo.root(), "up", "feat/bad");
    assertTrue(up.exitCode() != 0, up.err());
    assertTrue(up.err().contains("${NO_SUCH_THING}") && up.err().contains("tmpl/.env.test.tmpl"), up.err());
  }

  @Test
  void a_template_that_is_a_symlink_out_of_the_checkout_is_not_read() throws Exception {
    Path outside = Files.writeString(tmp.resolve("outside-secret.txt"), "host secret\n");
    Files.createSymbolicLink(repo.root().resolve("leak.tmpl"), outside);
    repo.write("wt.toml", "[[files.template]]\nsource = \"leak.tmpl\"\ntarget = \"leak.txt\"\n").commitAll("link");

    WtRun up = WtRun.in(repo.root(), "up", "feat/leak");

    assertTrue(up.exitCode() != 0, up.out() + up.err());
    assertTrue(up.err().contains("symlink"), up.err());
    assertFalse(Files.exists(tmp.resolve("app-leak").resolve("leak.txt")), "nothing from outside was rendered");
  }

  @Test
  void copy_and_symlink_sources_behind_a_symlinked_folder_out_of_the_checkout_are_not_taken() throws Exception {
    Path keys = Files.createDirectories(tmp.resolve("dot-ssh"));
    Files.writeString(keys.resolve("id_ed25519"), "private key\n");
    // left in the main checkout, not committed (a committed one the checkout would bring itself)
    repo.write(".gitignore", "x\n").commitAll("ignore x");
    Files.createSymbolicLink(repo.root().resolve("x"), keys);
    for (String kind : new String[] {"copy", "symlink"}) {
      repo.write("wt.toml", "[files]\n" + kind + " = [\"x/id_ed25519\"]\n").commitAll(kind + " through x");
      WtRun up = WtRun.in(repo.root(), "up", "feat/" + kind);
      Path got = tmp.resolve("shop-" + kind).resolve("x/id_ed25519");
      assertTrue(up.exitCode() != 0, up.out() + up.err());
      assertTrue(up.err().contains("symlink"), up.err());
      assertFalse(Files.exists(got, java.nio.file.LinkOption.NOFOLLOW_LINKS), kind + ": nothing from outside taken");
    }
  }

  @Test
  void a_sqlite_source_file_outside_the_checkout_is_not_copied() throws Exception {
    Path key = Files.writeString(tmp.resolve("id_ed25519"), "private key\n");
    String db = "[postgres]\nmode = \"none\"\n[databases.loot]\nengine = \"sqlite\"\npath = \"loot.txt\"\n";
    repo.write("wt.toml", db + "source_file = \"" + key + "\"\n").commitAll("absolute");
    WtRun abs = WtRun.in(repo.root(), java.util.Map.of("WT_PG_MODE", "none"), "up", "feat/abs");
    assertTrue(abs.err().contains("source_file must hold paths inside the worktree"), abs.err());
    assertFalse(Files.exists(tmp.resolve("shop-abs/loot.txt")), "the key is not copied");

    Files.createSymbolicLink(repo.root().resolve("seed.sqlite"), key);
    repo.write(".gitignore", "seed.sqlite\n").write("wt.toml", db + "source_file = \"seed.sqlite\"\n")
        .commitAll("through a link");
    WtRun link = WtRun.in(repo.root(), java.util.Map.of("WT_PG_MODE", "none"), "up", "feat/link");
    assertTrue(link.err().contains("symlink"), link.err());
    assertFalse(Files.exists(tmp.resolve("shop-link/loot.txt")), "the key is not copied");
  }

  @Test
  void a_template_cannot_target_gits_own_file() {
    repo.write("t.tmpl", "gitdir: /tmp/elsewhere\n")
        .write("wt.toml", "[[files.template]]\nsource = \"t.tmpl\"\ntarget = \".git\"\n").commitAll("target .git");

    WtRun up = WtRun.in(repo.root(), "up", "feat/dotgit").expect(1);

    assertTrue(up.err().contains(".git"), up.err());
  }

  @Test
  void worktreeinclude_symlink_links_the_matched_files_instead_of_copying_them() throws Exception {
    repo.write(".worktreeinclude", ".env.local\nsecrets/\n")
        .write("wt.toml", "[files]\nworktreeinclude = \"symlink\"\n").commitAll("include by link");
    repo.write(".env.local", "SHARED=1\n").write("secrets/key.pem", "KEY\n");
    WtRun.in(repo.root(), "up", "feat/links").ok();
    Path wt = tmp.resolve("shop-links");
    assertTrue(Files.isSymbolicLink(wt.resolve(".env.local")));
    assertEquals(repo.path(".env.local").toRealPath(), wt.resolve(".env.local").toRealPath());
    assertTrue(Files.isSymbolicLink(wt.resolve("secrets")));
    WtRun.in(repo.root(), "down", "feat/links").ok();
    assertTrue(Files.exists(repo.path(".env.local")) && Files.exists(repo.path("secrets/key.pem")),
        "down removes the links, never what they point at");
  }

  @Test
  void worktreeinclude_false_and_true_still_mean_off_and_copy() throws Exception {
    repo.write(".worktreeinclude", ".env.local\n").write("wt.toml", "[files]\nworktreeinclude = false\n").commitAll("off");
    repo.write(".env.local", "SHARED=1\n");
    WtRun.in(repo.root(), "up", "feat/off").ok();
    assertFalse(Files.exists(tmp.resolve("shop-off/.env.local"), LinkOption.NOFOLLOW_LINKS));
    repo.write("wt.toml", "[files]\nworktreeinclude = true\n").commitAll("on");
    WtRun.in(repo.root(), "up", "feat/on").ok();
    Path copied = tmp.resolve("shop-on/.env.local");
    assertTrue(Files.isRegularFile(copied, LinkOption.NOFOLLOW_LINKS), "a copy");
    repo.write("wt.toml", "[files]\nworktreeinclude = \"sometimes\"\n").commitAll("bad");
    WtRun refused = WtRun.in(repo.root(), "up", "feat/never");
    assertTrue(refused.exitCode() != 0 && refused.err().contains("worktreeinclude"), refused.err());
  }

  @Test
  void a_sqlite_database_inside_a_linked_folder_is_refused_saying_which_wins() {
    repo.write("wt.toml", """
        [postgres]
        mode = "none"
        [databases.d1]
        engine = "sqlite"
        path = ".wrangler/state/d1.sqlite"
        [files]
        symlink = [".wrangler"]
        """).commitAll("conflict");
    WtRun up = WtRun.in(repo.root(), "up", "feat/d1");
    assertTrue(up.exitCode() != 0, up.err());
    assertTrue(up.err().contains("lies inside files.symlink .wrangler"), up.err());
    assertFalse(Files.exists(tmp.resolve("shop-d1")), "refused before anything was made");
  }

  @Test
  void an_unknown_placeholder_in_env_vars_names_the_config_files() {
    repo.write("wt.toml", "[env.vars]\nX = \"${WT_NOPE}\"\n").commitAll("bad var");
    WtRun up = WtRun.in(repo.root(), "up", "feat/v");
    assertTrue(up.err().contains("${WT_NOPE} in env.vars.X (wt.toml or wt.local.toml)"), up.err());
  }
}
