package dev.wt.app.resource;

import dev.wt.core.EnvFormat;
import dev.wt.core.GeneratedFile;
import dev.wt.core.Template;
import dev.wt.core.WorktreeRecord;
import dev.wt.core.config.WtConfig;
import dev.wt.port.Git;
import dev.wt.port.LocalFiles;
import dev.wt.port.WorktreeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import dev.wt.app.worktree.SetupResult;

/** Puts a worktree's files in place: shared links, private copies, env and session files. */
public final class FileProvisioner {

  static final String INCLUDE_FILE = ".worktreeinclude";

  private final Git git;
  private final WorktreeFiles files;
  private final LocalFiles disk;

  public FileProvisioner(Git git, WorktreeFiles files, LocalFiles disk) {
    this.git = git;
    this.files = files;
    this.disk = disk;
  }

  /**
   * Runs every file step and returns the files wt now owns in the worktree.
   *
   * @param force replace generated files the user edited
   */
  /**
   * {@code rel} in the main worktree, refused when a folder on the way is a symlink leaving it: a
   * committed {@code x -> ~/.ssh} would otherwise copy (or link) the user's files into the worktree.
   */
  private static Path source(Path main, String rel, String action) {
    return dev.wt.port.RealPaths.inside(main, rel, action + " from the main worktree");
  }

  public List<GeneratedFile> provision(WtConfig config, WorktreeRecord record, Map<String, String> vars,
      Consumer<SetupResult.Action> report, boolean force) {
    Path main = Path.of(record.mainPath());
    Path worktree = Path.of(record.path());
    Map<String, GeneratedFile> owned = new LinkedHashMap<>();
    record.files().forEach(f -> owned.put(f.path(), f));

    String envPath = config.env().file();
    for (String rel : config.files().symlink()) {
      if (rel.equals(envPath)) {
        continue; // the env file is written below: the main file's keys and the worktree's together
      }
      if (wtsOwn(rel)) {
        report.accept(notNeeded("symlink", rel));
        continue;
      }
      WorktreeFiles.Result r = files.symlink(source(main, rel, "link"), worktree, rel);
      note(owned, rel, GeneratedFile.Kind.SYMLINK, r);
      report.accept(action("symlink", rel, r));
    }
    for (String rel : config.files().copy()) {
      if (wtsOwn(rel)) {
        report.accept(notNeeded("copy", rel));
        continue;
      }
      WorktreeFiles.Result r = files.copy(source(main, rel, "copy"), worktree, rel);
      note(owned, rel, GeneratedFile.Kind.COPY, r);
      report.accept(action("copy", rel, r));
    }
    dev.wt.core.config.FilesConfig.Include mode = config.files().include();
    if (mode != dev.wt.core.config.FilesConfig.Include.OFF) {
      Path include = disk.isFile(worktree.resolve(INCLUDE_FILE))
          ? worktree.resolve(INCLUDE_FILE) : main.resolve(INCLUDE_FILE);
      if (disk.isFile(include)) {
        for (String entry : git.ignoredMatching(main, include)) {
          String rel = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
          if (config.files().symlink().contains(rel) || config.files().copy().contains(rel)) {
            continue;
          }
          if (wtsOwn(rel)) {
            report.accept(notNeeded("include", rel));
            continue;
          }
          // a link shares the main file (an edit shows in every worktree); a copy is the worktree's own
          WorktreeFiles.Result r = mode == dev.wt.core.config.FilesConfig.Include.SYMLINK
              ? files.symlink(source(main, rel, "link"), worktree, rel) : files.copy(source(main, rel, "copy"), worktree, rel);
          note(owned, rel, mode == dev.wt.core.config.FilesConfig.Include.SYMLINK ? GeneratedFile.Kind.SYMLINK
              : GeneratedFile.Kind.INCLUDE, r);
          report.accept(action("include", rel, r));
        }
      }
    }

    String env;
    try {
      env = EnvFormat.envFile(vars) + sharedKeys(config, main, envPath, vars);
    } catch (dev.wt.core.WtException e) {
      // ports, databases and the files above are in place: say so, and what to change
      throw new dev.wt.core.WtException(dev.wt.core.ExitCode.PARTIAL, envPath + " is not written: " + e.getMessage(),
          "change that value (wt.toml, or the server URL it comes from), then run wt setup again; " + e.hint());
    }
    WorktreeFiles.Result envResult = files.writeGenerated(worktree, envPath, env, true,
        ownedPrint(owned, envPath), force);
    note(owned, envPath, GeneratedFile.Kind.ENV, envResult);
    report.accept(action("env", envPath, envResult));
    EnvFormat.leftOutOfDotenv(vars).forEach((key, why) -> report.accept(new SetupResult.Action("env", key, SetupResult.Outcome.SKIPPED,
        "left out of " + envPath + ": its value " + why + " (wt env --format sh and wt run give it)")));

    for (dev.wt.core.config.TemplateFileConfig t : config.files().template()) {
      Path root = disk.isFile(worktree.resolve(t.source())) ? worktree : main;
      // a committed symlink on the way must not make wt read (and copy into the worktree) a file
      // from outside the checkout
      Path source = dev.wt.port.RealPaths.inside(root, t.source(), "read the template");
      if (!dev.wt.port.RealPaths.of(source).startsWith(dev.wt.port.RealPaths.of(root))) {
        throw dev.wt.core.WtException.refused("refusing to read the template " + t.source() + ": it is a symlink to "
            + dev.wt.port.RealPaths.of(source) + ", outside " + root, "commit the template itself, not a link to it");
      }
      String text;
      try {
        text = disk.read(source).orElseThrow(() -> dev.wt.core.WtException.refused(
            "files.template: the template " + t.source() + " is in neither the worktree nor the main worktree",
            "commit it, or fix the source in wt.toml"));
      } catch (IOException e) {
        throw dev.wt.core.WtException.environment("cannot read the template " + source + ": " + e.getMessage(),
            "check its permissions");
      }
      String content = Template.expand(text, vars, "the template " + t.source() + " (files.template)");
      WorktreeFiles.Result r = files.writeGenerated(worktree, t.target(), content, false,
          ownedPrint(owned, t.target()), force);
      note(owned, t.target(), GeneratedFile.Kind.TEMPLATE, r);
      report.accept(action("template", t.target(), r));
    }

    if (config.browserSession().enabled()) {
      String rel = config.browserSession().file();
      String content = Template.expand(config.browserSession().template(), vars, "browser_session.template");
      WorktreeFiles.Result r = files.writeGenerated(worktree, rel, content, false, ownedPrint(owned, rel), force);
      note(owned, rel, GeneratedFile.Kind.SESSION, r);
      report.accept(action("session", rel, r));
    }
    return new ArrayList<>(owned.values());
  }

  /**
   * Adds the files wt generates to the repository's {@code info/exclude} when git would otherwise
   * show them as untracked, so that {@code git add -A} never commits an env file.
   */
  public List<String> excludeGenerated(Path commonDir, Path worktree, List<GeneratedFile> generated) {
    List<String> made = new ArrayList<>();
    for (GeneratedFile f : generated) {
      if (disk.exists(worktree.resolve(f.path()))) {
        made.add(f.path());
      }
    }
    List<String> ignored = git.ignored(worktree, made);
    List<String> added = new ArrayList<>();
    for (String p : made) {
      if (!ignored.contains(p)) {
        added.add(dev.wt.core.ExcludeLines.line(p));
      }
    }
    if (added.isEmpty()) {
      return added;
    }
    Path exclude = commonDir.resolve("info").resolve("exclude");
    List<String> toAdd = added;
    try {
      String existing = disk.read(exclude).orElse("");
      String text = dev.wt.core.ExcludeLines.toAppend(existing, toAdd);
      // only what is not there yet: a second worktree, or setup run again, adds nothing
      List<String> present = existing.lines().toList();
      added = toAdd.stream().filter(a -> !present.contains(a)).toList();
      if (!text.isEmpty()) {
        disk.append(exclude, text);
      }
    } catch (IOException e) {
      throw dev.wt.core.WtException.environment("cannot update " + exclude + ": " + e.getMessage(),
          "add " + String.join(" ", toAdd) + " to your .gitignore");
    }
    return added;
  }

  /**
   * When the env file is also a {@code [files] symlink} entry, the main worktree's file is shared
   * (its secrets) and the worktree's keys are its own: the worktree gets both, the main file's
   * assignments to keys wt sets left out, so no key is there twice. {@code wt setup} writes it again.
   */
  private String sharedKeys(WtConfig config, Path main, String envPath, Map<String, String> vars) {
    if (!config.files().symlink().contains(envPath)) {
      return "";
    }
    String shared;
    try {
      shared = disk.read(main.resolve(envPath)).orElse(null);
    } catch (IOException e) {
      throw dev.wt.core.WtException.environment("cannot read the main worktree's " + envPath + ": " + e.getMessage(),
          "check its permissions");
    }
    if (shared == null) {
      return "";
    }
    String kept = dev.wt.core.Dotenv.without(shared, vars.keySet());
    return "\n# The main worktree's " + envPath + " ([files] symlink), without the keys above; wt setup copies it "
        + "again\n" + kept + (kept.endsWith("\n") || kept.isEmpty() ? "" : "\n");
  }

  /**
   * Takes wt's lines for {@code drop} (files of a worktree that went and no remaining worktree
   * generates) out of {@code info/exclude}; the user's lines stay as they are.
   */
  public void unexcludeGone(Path commonDir, Set<String> drop) {
    Path exclude = commonDir.resolve("info").resolve("exclude");
    try {
      Optional<String> existing = disk.read(exclude);
      if (existing.isEmpty()) {
        return;
      }
      String text = dev.wt.core.ExcludeLines.without(existing.get(), drop);
      if (!text.equals(existing.get())) {
        disk.replace(exclude, text);
      }
    } catch (IOException e) {
      // a leftover line only hides a file name that no worktree has any more
    }
  }

  private static String ownedPrint(Map<String, GeneratedFile> owned, String rel) {
    GeneratedFile f = owned.get(rel);
    return f == null ? null : f.sha256();
  }

  private static void note(Map<String, GeneratedFile> owned, String rel, GeneratedFile.Kind kind, WorktreeFiles.Result r) {
    switch (r.outcome()) {
      case CREATED, UPDATED -> owned.put(rel, new GeneratedFile(rel, kind, r.sha256()));
      // exactly what wt would put there (same bytes, or a link to the same file): wt's, even when
      // the record lost it (a setup that died before saving, records from an older wt)
      case UNCHANGED -> {
        if (r.sha256() != null || owned.containsKey(rel)) {
          owned.put(rel, new GeneratedFile(rel, kind, r.sha256()));
        }
      }
      case SKIPPED -> { }
    }
  }

  /** wt.toml or wt.local.toml at the root: wt reads the main worktree's when a worktree has none. */
  private static boolean wtsOwn(String rel) {
    String normal = Path.of(rel).normalize().toString();
    return normal.equalsIgnoreCase("wt.toml") || normal.equalsIgnoreCase("wt.local.toml");
  }

  private static SetupResult.Action notNeeded(String step, String rel) {
    return new SetupResult.Action(step, rel, SetupResult.Outcome.SKIPPED,
        "not needed: wt reads the main worktree's " + rel + " where a worktree has none");
  }

  private static SetupResult.Action action(String step, String target, WorktreeFiles.Result r) {
    return new SetupResult.Action(step, target, SetupResult.Outcome.valueOf(r.outcome().name()), r.detail());
  }
}
