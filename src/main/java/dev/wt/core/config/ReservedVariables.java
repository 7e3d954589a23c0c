package dev.wt.core.config;

import java.util.List;
import java.util.Set;

/**
 * Variables whose names make shells, loaders and runtimes read a value as code, a path to load or
 * settings (LD_PRELOAD, BASH_ENV, NODE_OPTIONS, PATH), or that are the user's or wt's own. A
 * database's connection details may not be put in one (their values are wt's, but a SQLite file's
 * path points at content the repository chose), and the repository's {@code [env.vars]} of these
 * names reach a shell ({@code wt env}) or a program ({@code wt run}) only once approved.
 */
public final class ReservedVariables {

  private static final Set<String> NAMES = Set.of("PATH", "HOME", "SHELL", "ENV", "BASH_ENV", "ZDOTDIR", "IFS", "PS4",
      "PROMPT_COMMAND", "CDPATH", "TMPDIR", "USER", "LOGNAME", "NODE_OPTIONS", "NODE_PATH", "NODE_EXTRA_CA_CERTS",
      "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "PERL5LIB", "PERL5OPT", "PERLLIB", "RUBYOPT",
      "RUBYLIB", "GEM_HOME", "GEM_PATH", "BUNDLE_GEMFILE", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS",
      "CLASSPATH", "MAVEN_OPTS", "GRADLE_OPTS", "PGPASSFILE", "PGSERVICEFILE", "PGSYSCONFDIR", "EDITOR", "VISUAL",
      "PAGER", "BROWSER", "SSH_AUTH_SOCK", "SSH_ASKPASS", "SUDO_ASKPASS", "GIT_ASKPASS", "CC", "CXX", "CPP", "LD", "AR",
      "PYTHON", "CONFIG_SHELL", "GCONV_PATH", "MAKEFLAGS", "RUSTC_WRAPPER", "RUSTC", "RUSTDOC", "GOFLAGS", "CGO_CFLAGS",
      "CGO_LDFLAGS", "CFLAGS", "CXXFLAGS", "LDFLAGS", "CPATH", "LIBRARY_PATH", "PKG_CONFIG_PATH", "SHELLOPTS",
      "BASHOPTS", "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE");
  private static final List<String> PREFIXES = List.of("LD_", "DYLD_", "GIT_", "XDG_", "WT_", "CARGO_", "RUSTC_", "CMAKE_", "NPM_CONFIG_",
      "npm_config_");

  private ReservedVariables() {}

  /** Whether {@code name} is one of them. */
  public static boolean reserved(String name) {
    return NAMES.contains(name) || PREFIXES.stream().anyMatch(name::startsWith);
  }
}
