package dev.wt.core.config;

/**
 * {@code [services]}: a Docker Compose file, relative to the worktree, started as a project of its
 * own per worktree ({@code <project>_<slug>}); no {@code compose_file}, no services.
 */
public record ServicesConfig(String composeFile) {

  public ServicesConfig {
    if (composeFile != null) {
      composeFile = composeFile.strip();
      if (composeFile.isEmpty()) {
        throw new IllegalArgumentException("services.compose_file must not be blank");
      }
      // the file is read from the worktree: a path outside it would be some other project's file
      if (composeFile.startsWith("/") || composeFile.startsWith("~")
          || java.util.Arrays.asList(composeFile.split("/")).contains("..")) {
        throw new IllegalArgumentException("services.compose_file must be a path inside the worktree, not "
            + composeFile);
      }
    }
  }

  public boolean enabled() {
    return composeFile != null;
  }
}
