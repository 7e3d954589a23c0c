package dev.wt.core.config;

/**
 * A file rendered into each worktree ({@code [[files.template]]}): {@code source} with its
 * {@code ${...}} placeholders replaced by the worktree's variables, written to {@code target}.
 *
 * @param source the template, relative to the worktree (else the main worktree, for an ignored one)
 * @param target where the rendered file goes, relative to the worktree
 */
public record TemplateFileConfig(String source, String target) {

  public TemplateFileConfig {
    if (source == null || target == null) {
      throw new IllegalArgumentException("[[files.template]] needs both source and target");
    }
    ConfigPaths.requireRelative("files.template.source", source);
    ConfigPaths.requireWritable("files.template.target", target);
    // git's link to the repository (the .git file) and git's folder are never a template's to write
    for (String segment : target.split("/")) {
      if (segment.equals(".git")) {
        throw new IllegalArgumentException("files.template: target " + target + " is git's own (.git), not a file to render");
      }
    }
    if (source.equals(target)) {
      throw new IllegalArgumentException("files.template: target must differ from source (" + source + ")");
    }
  }
}
