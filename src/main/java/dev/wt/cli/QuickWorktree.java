package dev.wt.cli;

/**
 * A plain {@code wt up BRANCH} or {@code wt down NAME} without picocli: building the model of even
 * one command costs 50-70 ms of each, and these two are what scripts and hooks run most. Anything
 * else (an option, {@code --}, a name starting with '-', help, {@code -v}) is left to picocli, so
 * what it would print and return stays its job.
 *
 * @param command {@code up} or {@code down}
 * @param name the branch (up) or the branch or folder (down)
 */
record QuickWorktree(String command, String name) {

  /** The request {@code args} make when they are one of the plain forms, else null. */
  static QuickWorktree parse(String[] args) {
    if (args.length != 2 || !(args[0].equals("up") || args[0].equals("down"))) {
      return null;
    }
    String name = args[1];
    return name.isEmpty() || name.startsWith("-") ? null : new QuickWorktree(args[0], name);
  }
}
